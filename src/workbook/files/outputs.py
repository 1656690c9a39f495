"""Every file the tool writes goes through here: checked first, then written whole or not at all.

A facilitator's session file is the work of an evening, so one rule holds for every writer
(``pack``, ``agenda``, ``invitations``, previews, ``schema -o``, ``init``, the web page's
Save, and whatever later commands add):

- an output is never an input, a device, a FIFO or a folder, and two outputs of one run
  never share a file (paths compared as files: links, ``..`` and hard links resolved);
- a symlink is written through to the regular file it leads to, never replaced by a file;
  a link that leads nowhere is refused;
- where the run makes up a name (``made_up``), a file already there is replaced only if
  the tool wrote it for the same session and it is unchanged since (``record``), or with
  ``force``; a file the user names (``-o``) may be replaced unless it is an input;
- a new file gets the user's umask, a replaced file keeps its mode (and owner);
- documents are rendered into memory first; only then written, each to a temporary
  beside its target and renamed into place once all are complete; a failure or a signal
  (SIGINT, SIGTERM, SIGHUP: held while files are renamed, so the clean-up is never cut
  short) leaves every file as it was and no temporary behind; temporaries a killed run
  left are swept when the folder is next written (``temporaries``).

The API, for every writer:

``check_outputs(outputs, inputs, made_up=(), force=False, session=None)``
    before anything renders: the whole rule above, every problem in one round.
``write_files({path: bytes}, made_up=(), force=False, session=None)``
    after rendering: checks again (names made up from the render, files that appeared
    meanwhile), then writes all or none.
``write_atomically(path, write)``
    one file the user named, rendered by ``write`` into memory: e.g. the web page's Save,
    which thereby writes through a link to its target and keeps the target's mode.
``destination(path)``
    where a write to ``path`` lands (the link's target), for a caller that must read
    the file it is about to replace (a compare-and-swap save).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import stat
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from workbook.core.errors import Problem, UserError
from workbook.files import record as records
from workbook.files.failures import describe, kind_of, write_error
from workbook.files.temporaries import is_temporary, stash_for, stashes
from workbook.files.workers import stop_requested

__all__ = [
    "check_outputs",
    "check_target",
    "destination",
    "is_temporary",
    "safe_name",
    "unique_names",
    "write_atomically",
    "write_error",
    "write_files",
]


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def destination(path: Path) -> Path:
    """Where writing ``path`` lands: ``path`` itself, or the file a link leads to.

    A link is written through, so the link stays and the file it names gets the bytes; a
    link that leads nowhere (or in a loop) is refused rather than followed anywhere."""
    if not os.path.islink(path):
        return path
    try:
        os.stat(path)
    except FileNotFoundError:
        raise UserError(
            Problem(
                f"is a link to {os.readlink(path)}, which does not exist; nothing is "
                "written through it",
                file=path,
                hint="Give the path of the file itself, or remove the link.",
                key="link_nowhere",
                values=(("target", os.readlink(path)),),
            )
        ) from None
    except OSError as exc:
        raise write_error(path, exc) from None
    return Path(os.path.realpath(path))


def check_target(path: Path) -> None:
    """Refuse an output path we could not or must not write, before any work is done."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENAMETOOLONG):  # a long name is told below
            raise write_error(path, exc) from None
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UserError(
            Problem("is a folder; give a file name ending in .pdf", file=path, key="output_folder")
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UserError(
            Problem(
                f"is {describe(info.st_mode)}, not a regular file; it is not touched",
                file=path,
                hint="Give -o the name of a PDF file to write.",
                key="output_not_file",
                values=(("kind", kind_of(info.st_mode)),),
            )
        )
    real = destination(path)
    folder = _folder(real)
    if not folder.is_dir():
        raise UserError(
            Problem(
                "the folder for the output does not exist",
                file=folder,
                hint="Create it first, or choose another path with -o.",
                key="no_output_folder",
            )
        )
    if not os.access(folder, os.W_OK):
        raise UserError(
            Problem("the output folder cannot be written to", file=folder, key="folder_readonly")
        )
    limit = _name_max(folder)
    if len(real.name.encode("utf-8", "surrogateescape")) > limit:
        raise UserError(
            Problem(
                f"the file name is {len(real.name)} characters; this disk allows at most {limit}",
                file=path,
                hint="Choose a shorter name with -o.",
                key="name_too_long",
                values=(("length", len(real.name)), ("limit", limit)),
            )
        )
    if real.name == records.NAME:
        raise UserError(
            Problem(
                "is the name of workbook's record of the files it wrote; not used for an output",
                file=path,
                hint="Choose another name with -o.",
                key="record_name",
            )
        )


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def _identity(path: Path) -> tuple[str, object]:
    """What makes two paths the same file: the inode when it exists, else the resolved path."""
    try:
        info = os.stat(path)
        return ("inode", (info.st_dev, info.st_ino))
    except OSError:
        return ("path", os.path.realpath(path))


def check_outputs(
    outputs: Sequence[Path],
    inputs: Iterable[Path],
    made_up: Collection[Path] = (),
    force: bool = False,
    session: Path | None = None,
) -> None:
    """Refuse, before anything renders, an output that is an input or another output, or a
    file at a name the run made up (``made_up``) that the tool did not write for
    ``session`` (unless ``force``).

    Paths are compared as files (symlinks, ``..`` and hard links resolved), not as text.
    """
    problems: list[Problem] = []
    refused: set[Path] = set()
    read = {_identity(p): p for p in inputs}
    read.update({("path", os.path.realpath(p)): p for p in inputs})
    seen: dict[object, Path] = {}
    for path in outputs:
        keys = {_identity(path), ("path", os.path.realpath(path))}
        source = next((read[k] for k in keys if k in read), None)
        if source is not None:
            problems.append(_is_input(path, source))
            refused.add(path)
            continue
        other = next((seen[k] for k in keys if k in seen), None)
        if other is not None:
            same = str(other) == str(path)
            problems.append(
                Problem(
                    "two outputs of this run have this name"
                    if same
                    else f"would be written twice in this run (also as {other})",
                    file=path,
                    hint="Give each output its own name.",
                    key="same_name" if same else "written_twice",
                    values=() if same else (("other", str(other)),),
                    hint_key="own_names",
                )
            )
            refused.add(path)
            continue
        for key in keys:
            seen[key] = path
    problems += _not_ours([p for p in made_up if p not in refused], force, session)
    if problems:
        raise UserError(problems)


def _not_ours(made_up: Sequence[Path], force: bool, session: Path | None) -> list[Problem]:
    """A problem for each file at a made-up name that the tool did not write for ``session``."""
    if force:
        return []
    kept: dict[Path, dict[str, Any]] = {}
    found: dict[Path, list[Path]] = {}  # by folder, as named
    for path in made_up:
        try:
            real = destination(path)
            if not stat.S_ISREG(os.stat(real).st_mode):
                continue  # told by check_target
        except (OSError, UserError):
            continue  # nothing there, or told by check_target
        folder = _folder(real)
        if folder not in kept:
            kept[folder] = records.read(folder)
        if not records.written_by_us(real, session, kept[folder]):
            found.setdefault(_folder(path), []).append(path)
    hint = "Move it away or rename it, or add --force to replace it."
    problems = []
    for folder, paths in found.items():
        if len(paths) <= 3:
            problems += [
                Problem(
                    "is already there and is not a file workbook wrote for this session; "
                    "not replaced",
                    file=path,
                    hint=hint,
                    key="not_ours",
                )
                for path in paths
            ]
            continue
        names = ", ".join(path.name for path in paths[:3])
        problems.append(
            Problem(
                f"holds {len(paths)} files at names this run makes up ({names} and "
                f"{len(paths) - 3} more) that workbook did not write for this session; "
                "none replaced",
                file=folder,
                hint="Move them away, write to another folder, or add --force to replace them.",
                key="not_ours_many",
                values=(("count", len(paths)), ("names", names), ("more", len(paths) - 3)),
            )
        )
    return problems


def write_files(
    files: Mapping[Path, bytes],
    made_up: Collection[Path] = (),
    force: bool = False,
    session: Path | None = None,
) -> None:
    """Write every file or none: all go to temporary files first, then are renamed.

    If anything fails (a full disk, an interruption), the temporary files are removed and
    every file replaced so far is put back, so the folders are exactly as they were.
    """
    current = next(iter(files), Path("."))  # the file being written, to name in a message
    try:
        targets = {}
        for path in files:
            current = path
            check_target(path)
            targets[path] = destination(path)
    except OSError as exc:
        raise write_error(current, exc) from None
    problems = _not_ours([p for p in files if p in made_up], force, session)
    if problems:
        raise UserError(problems)
    # Signals are held around the stashes, so that their clean-up is never cut short either.
    with _signals_held() as pending, stashes() as opened:
        _write_all(files, targets, set(made_up), session, opened, pending)


def _write_all(
    files: Mapping[Path, bytes],
    targets: Mapping[Path, Path],
    made_up: set[Path],
    session: Path | None,
    opened: dict[Path, Any],
    pending: Callable[[], bool],
) -> None:
    renames: list[tuple[Path, Path, Path]] = []  # (as named, temporary, target)
    backups: dict[Path, Path] = {}
    existed: set[Path] = set()
    done: list[Path] = []
    current = next(iter(files), Path("."))
    try:
        for path, data in files.items():
            current, target = path, targets[path]
            stash = stash_for(opened, _folder(target))
            temp = stash.create(data, _stat(target))
            renames.append((path, temp, target))
            if pending():
                raise KeyboardInterrupt
        for folder, data in _records(files, targets, made_up, session).items():
            current = target = folder / records.NAME
            temp = stash_for(opened, folder).create(data, _stat(target))
            renames.append((target, temp, target))
        for path, temp, target in renames:
            current = path
            if pending():
                raise KeyboardInterrupt
            if os.path.lexists(target):
                existed.add(target)
                backup = opened[_folder(target)].backup(target)
                if backup is not None:  # the old file, kept until every new one is in place
                    backups[target] = backup
            os.replace(temp, target)
            done.append(target)
        if pending():  # the last moment to give up: the old files are still kept
            raise KeyboardInterrupt
    except BaseException as exc:
        for target in reversed(done):  # signals are held: this is never cut short
            with contextlib.suppress(OSError):
                if target in backups:
                    os.replace(backups.pop(target), target)
                elif target not in existed:  # never delete what was there and not kept
                    os.unlink(target)
        for target, backup in backups.items():  # moved aside, not yet replaced: put back
            if not os.path.lexists(target):
                with contextlib.suppress(OSError):
                    os.replace(backup, target)
        if isinstance(exc, OSError):
            raise write_error(current, exc) from None
        raise


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _records(
    files: Mapping[Path, bytes],
    targets: Mapping[Path, Path],
    made_up: set[Path],
    session: Path | None,
) -> dict[Path, bytes]:
    """Each folder's record brought up to date: where a name was made up, or a record is."""
    # One record per folder, however its files' paths are written ("x.pdf", "/abs/y.pdf").
    where = {path: Path(os.path.realpath(_folder(targets[path]))) for path in files}
    folders: dict[Path, dict[str, bytes]] = {}
    for path, data in files.items():
        folders.setdefault(where[path], {})[targets[path].name] = data
    result = {}
    for folder, written in folders.items():
        ours = any(where[p] == folder for p in files if p in made_up)
        if ours or os.path.isfile(folder / records.NAME):
            kept = records.read(folder)
            result[folder] = records.updated(kept, folder, written, session)
    return result


@contextlib.contextmanager
def _signals_held() -> Iterator[Callable[[], bool]]:
    """Within the block SIGINT, SIGTERM and SIGHUP wait, and the block asks whether one
    came (to give up, putting every file back first); on leaving, it is delivered.

    Only the main thread receives Python's signals, so elsewhere nothing is held."""
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield lambda: False
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    interrupted = False

    def pending() -> bool:
        nonlocal interrupted
        interrupted = interrupted or bool(signal.sigpending() & held) or stop_requested()
        return interrupted

    try:
        yield pending
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a pending signal lands here
    if interrupted:  # its handler did not raise (ignored, say): the run still stops
        raise KeyboardInterrupt


def write_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Render with ``write`` into memory, then write ``path`` (a name the user gave) whole
    or not at all, through a link to its target, keeping the target's mode."""
    check_target(path)
    buffer = io.BytesIO()
    write(buffer)
    write_files({path: buffer.getvalue()})


def safe_name(text: str, fallback: str = "pack", limit: int = 60) -> str:
    """ASCII, lower case, no spaces or path characters, not a name Windows reserves (con,
    nul, com1...): safe as a file name anywhere.

    python-slugify transliterates every script the bundled font prints (Latin, Greek,
    Cyrillic), so a partner named in Greek gets a readable name, not the fallback.
    """
    from slugify import slugify  # 12 ms of imports, needed only when a name is made up

    name = slugify(text, max_length=limit) or fallback
    if name in _RESERVED:  # "con.pdf" cannot be opened on Windows, whatever its extension
        name = f"{name}-{fallback}"
    return name


# The device names Windows reserves in every folder, with any extension.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(10)]
)


def unique_names(stems: list[str]) -> Iterator[str]:
    """Each stem, numbered from its second use on, never colliding with another stem."""
    taken = set(stems)
    seen: dict[str, int] = {}
    for stem in stems:
        count = seen.get(stem, 0) + 1
        name = stem
        if count > 1:
            while f"{stem}-{count}" in taken:
                count += 1
            name = f"{stem}-{count}"
            taken.add(name)
        seen[stem] = count
        yield name


def _is_input(output: Path, source: Path) -> Problem:
    """An output that is an input: the input itself, or the same file under another name
    (a link, ``..``)."""
    hint = "Choose another name for the output, e.g. -o pack.pdf."
    if os.path.abspath(output) == os.path.abspath(source):
        return Problem(
            "is a file this run reads; writing there would destroy it",
            file=output,
            hint=hint,
            key="is_input",
        )
    return Problem(
        f"is the same file as {source}, which this run reads; writing there would destroy it",
        file=output,
        hint=hint,
        key="same_as_input",
        values=(("input", str(source)),),
        hint_key="is_input",
    )
