"""``--watch``: render, then render again each time one of the run's input files changes.

The loop calls the very function a one-shot run calls (``make_pack``, ``make_agenda``,
``make_invitations``), so there is one way to a PDF. What makes the second render fast is
that the process stays: modules imported, fonts registered, worksheet boxes fitted, and the
content kept by ``warm.load_content`` until one of its files changes.

A broken edit is reported and the last good output stays as it was (every write is atomic
and happens only after the whole run succeeded); the next good edit renders again.
"""

from __future__ import annotations

import gc
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.core.errors import UserError

if TYPE_CHECKING:
    from workbook.app.messages import Messages

# After the first event of a save, wait this long for more (an editor may truncate, write
# and rename in quick succession), then render. Most of the latency budget goes to paper.
_STEP_MS = 10
_DEBOUNCE_MS = 400
# How long the watcher waits for an event before handing back control (to check files
# saved while it was being set up, and to notice Ctrl-C on every platform).
_QUIET_MS = 100


@dataclass(frozen=True)
class Inputs:
    """What a render read: a change to one of these files, or under these folders, renders again."""

    files: frozenset[Path]
    folders: frozenset[Path]

    def touched(self, path: Path) -> bool:
        return path in self.files or any(path.is_relative_to(f) for f in self.folders)

    def wants(self, _change: object, path: str) -> bool:
        """The filter watchfiles calls; the PDFs written beside the session are not inputs,
        nor is anything a render wrote (an output given inside a language folder would
        otherwise render again for ever)."""
        changed = Path(path)
        return self.touched(changed) and not _written_by_us(changed)

    def stamp(self) -> tuple[object, ...]:
        """Size, time and inode of every input file: compared to see a change without events."""
        from workbook.language.kept import signature

        return signature([*self.files, *self.folders])

    def directories(self) -> list[Path]:
        """The folders to ask the system about, each alone (a session may sit in a home
        folder: watching it recursively would watch everything below it). Of a folder of
        languages, itself (for a new language) and its language folders, not all below."""
        from workbook.language.kept import language_folders

        found = {path.parent for path in self.files}
        for folder in self.folders:
            languages = language_folders(folder)
            found.add(folder)
            for below in languages or [folder]:  # a folder of languages, or the layouts
                found.update(Path(root) for root, _, _ in os.walk(below))
        return sorted(path for path in found if path.is_dir())


@dataclass(frozen=True)
class Rendered:
    """One render's outcome: the PDFs written (to count pages in), the user's warnings, the
    command's own result (for its one-shot messages) and how many previews were written."""

    outputs: Sequence[Path]
    warnings: Sequence[str]
    result: Any = None
    previews: int = 0
    previews_s: float = 0.0  # told apart: PNGs take longer than the pack they show
    written: Sequence[Path] = ()  # every file written (previews too), if more than outputs


def inputs_of(
    session_path: Path, content_dirs: Sequence[Path], extra_files: Iterable[Path] = ()
) -> Inputs:
    """The session file, its logo, its partners' spreadsheet and the partners' answers,
    every folder of language folders searched, the layouts.

    The session is the path given (its folder resolved, not the file: a link given is
    watched as the link, and what it leads to now as well)."""
    from workbook.core.resources import layouts_dir
    from workbook.language.folders import search_path
    from workbook.session.replies import replies_path

    given = session_path.parent.resolve() / session_path.name
    files = {given, *(path.resolve() for path in extra_files)}
    if given.is_symlink():
        files.add(given.resolve())
    files |= set(_named(session_path))
    files.add(replies_path(session_path).resolve())
    folders = {root.resolve() for root, _ in search_path(content_dirs) if root.is_dir()}
    folders.add(layouts_dir().resolve())
    return Inputs(frozenset(files), frozenset(folders))


def check_content(content_dirs: Sequence[Path]) -> None:
    """Refuse a ``--content`` folder that is not a folder of languages, before watching it
    (``--content /proc`` would have the watcher walk and watch all of /proc)."""
    from workbook.language.folders import check_content_dirs

    check_content_dirs(content_dirs)


def _named(session_path: Path) -> list[Path]:
    """The logo and the partners' spreadsheet the session names, read leniently: a broken
    session still gets watched."""
    from workbook.core import yamlio

    try:
        data = yamlio.load(session_path, "session file").data
    except (UserError, OSError):
        return []
    if not isinstance(data, dict):
        return []
    named = [data.get("host_logo"), data.get("partners")]
    return [
        (session_path.parent / n.strip()).resolve()
        for n in named
        if isinstance(n, str) and n.strip()
    ]


def watch(
    render: Callable[[], Rendered],
    inputs: Callable[[], Inputs],
    say: Callable[[str], None],
    problems: Callable[[UserError], None],
    session: Path | None = None,
    speaking: Callable[[], Messages] | None = None,
) -> None:
    """Render now and after every change to ``inputs()``, until interrupted (Ctrl-C).

    ``session``: the session file as given. A file that was no link when the watch began
    and is one now (replaced, for a moment or by someone else) is not followed: nothing
    is read through it until the file itself is back. ``speaking``: the messages of the
    language the run speaks, asked again on each render (the file's language may change)."""
    import watchfiles

    warnings: Sequence[str] = ()
    linked = session is not None and os.path.islink(session)

    said = _english()

    def told(name: str, english: str, **values: object) -> str:
        return said.say(name, english, **values)

    def once() -> None:
        nonlocal warnings, said
        if speaking is not None:
            said = speaking()
        if session is not None and not linked and os.path.islink(session):
            english = (
                f"{session} is now a link to another file; it is not followed. "
                "Waiting for the file itself."
            )
            say(told("watch_link", english, path=str(session)))
            return
        start = time.perf_counter()
        gc.disable()  # collected once the files are written (``_settle``), not mid-render
        try:
            result = render()
        except UserError as exc:
            problems(exc)
            say(told("watch_kept", "Kept the last good output; waiting for the next change."))
            return
        finally:
            gc.enable()
        elapsed = time.perf_counter() - start
        _written.clear()
        _written.update(path.resolve() for path in (*result.outputs, *result.written))
        if list(result.warnings) != list(warnings):
            for warning in result.warnings:
                say(told("warning", f"warning: {warning}", text=warning))
            warnings = result.warnings
        say(_rendered(said, result, elapsed))
        _settle()

    watched = inputs()
    stamp = watched.stamp()  # before the render: an edit from here on is never missed
    once()
    while True:
        files, folders = len(watched.files), len(watched.folders)
        english = f"Watching {files} file(s) and {folders} folder(s); Ctrl-C ends."
        say(told("watching", english, files=files, folders=folders))
        # Files saved before the watcher below is in place send it no event: compare them
        # with the stamp at the first quiet moment (the first timeout) instead.
        check_stamp = True
        for changes in watchfiles.watch(
            *watched.directories(),
            watch_filter=watched.wants,
            debounce=_DEBOUNCE_MS,
            step=_STEP_MS,
            recursive=False,
            rust_timeout=_QUIET_MS,
            yield_on_timeout=True,
        ):
            if not changes:
                if not check_stamp:
                    continue
                check_stamp = False
                if watched.stamp() == stamp:
                    continue
            check_stamp = False
            once()
            latest = inputs()
            if latest != watched:  # a new logo or language: watch the new set
                watched = latest
                stamp = ()  # and render once more when it is in place, for a save meanwhile
                break


def _settle() -> None:
    """Between renders, while nothing waits: free what the last render left, then set what
    stays (modules, fonts, content, kept paragraphs) aside from the garbage collector.

    A render makes enough objects to start a full collection every few renders, which
    walks everything the process holds (40 ms in the middle of a render, measured), and a
    few young ones each render (3 ms); so none runs during a render, and frozen, the warm
    objects are not walked again. Unfrozen first, so that content replaced since the last
    freeze can be freed."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


# What the last render wrote, with the temporary files it renamed into place.
_written: set[Path] = set()


def _written_by_us(path: Path) -> bool:
    from workbook.files.outputs import is_temporary
    from workbook.files.record import NAME

    return is_temporary(path.name) or path.name == NAME or path in _written


_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def count_pages(pdf: bytes) -> int:
    # ReportLab writes each page as a plain '/Type /Page' object, never in an object stream.
    return len(_PAGE.findall(pdf))


def _rendered(said: Messages, result: Rendered, elapsed: float) -> str:
    """The line a render ends with: its time, pages, files and milliseconds."""
    pages = sum(count_pages(path.read_bytes()) for path in result.outputs)
    files = len(result.outputs) if len(result.outputs) > 1 else 0
    values = {
        "time": time.strftime("%H:%M:%S"),
        "pages": said.say("pages", f"{pages} page{'s' if pages != 1 else ''}", count=pages),
        "files": files,
        "ms": f"{(elapsed - result.previews_s) * 1000:.0f}",
        "previews": result.previews,
        "previews_ms": f"{result.previews_s * 1000:.0f}",
        "where": _where(result.outputs),
    }
    english = f"{values['pages']}{f' in {files} files' if files else ''} in {values['ms']} ms"
    if result.previews:
        english += f"; {result.previews} previews in {values['previews_ms']} ms"
    return said.say("rendered", f"{values['time']}  {english}: {values['where']}", **values)


def _english() -> Messages:
    from workbook.app.messages import messages_for

    return messages_for("en")


def _where(outputs: Sequence[Path]) -> str:
    if len(outputs) == 1:
        return str(outputs[0])
    folders = sorted({str(path.parent) for path in outputs})
    return ", ".join(folders)
