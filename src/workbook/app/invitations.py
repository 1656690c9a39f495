"""One way through for invitations: session file -> letters plan -> one PDF per partner.

Every letter is rendered in memory before the first file is written, so a mistake found
half-way leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing as mp
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbook.app.mailing import mail_files
from workbook.app.messages import messages_of
from workbook.app.prepare import Prepared, drawing_context, in_file_order, input_files, prepare
from workbook.core.errors import Problem, UserError
from workbook.core.yamlio import Document, load
from workbook.files import workers
from workbook.files.outputs import (
    check_outputs,
    check_target,
    describe,
    kind_of,
    safe_name,
    unique_names,
    write_error,
    write_files,
)
from workbook.language.loading import Content
from workbook.plan.letters import LetterSet, build_letters
from workbook.plan.words import Words, session_title
from workbook.render.document import Context
from workbook.render.letters import render_letters
from workbook.session.logo import BadLogo, inspect_logo
from workbook.session.model import Session


@dataclass(frozen=True)
class Result:
    folder: Path
    letters: list[Path]
    combined: Path | None
    content: Content
    replaced: tuple[Path, ...] = ()  # files that existed before this run wrote them
    calendars: list[Path] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # partners without a draft; the session's


def make_invitations(
    session_path: Path,
    folder: Path | None = None,
    combined: Path | None = None,
    fillable: bool = False,
    language: str | None = None,
    content_dirs: Sequence[Path] = (),
    strict: bool = False,
    paper: str | None = None,
    calendars: bool = False,
    drafts: bool = False,
    force: bool = False,
) -> Result:
    """The letters (with ``calendars``, an .ics per partner and one for the facilitator;
    with ``drafts``, an .eml per partner with an address: the letters are then fillable,
    for the partners to answer in). ``force`` replaces files at the names the tool makes
    up (letters, .ics, .eml) that it did not write; the combined PDF is the user's name."""
    fillable = fillable or drafts
    try:
        prepared = prepare(session_path, language, content_dirs, strict, paper)
    except UserError as exc:  # the logo's problem too, in the same round
        problems = exc.problems + _logo_problems(session_path)
        raise UserError(in_file_order(problems, session_path)) from None
    session, content = prepared.session, prepared.content
    letters = letter_set(prepared, session_path)
    if folder is None:
        folder = default_folder(session_path, session, content, letters)
    check_folder(folder)
    if combined is not None:
        _check_combined(combined, folder)
    stems = letter_stems(letters)
    paths = [folder / f"{stem}.pdf" for stem in stems]
    extra = [folder / name for name in mail_names(prepared, stems, calendars, drafts)]
    made_up = [*paths, *extra]
    if combined is not None:
        _check_not_a_letter(combined, paths + extra)
    outputs = [*paths, *extra, *([combined] if combined is not None else [])]
    check_outputs(outputs, input_files(prepared, session_path), made_up, force, session_path)
    if folder.is_dir():  # an existing letter may be a FIFO or a folder: refused, not touched
        for path in outputs:
            check_target(path)
    pdfs = render_letter_pdfs(prepared, session_path, letters, fillable, combined is not None)
    files = dict(zip([*paths, *([combined] if combined else [])], pdfs, strict=True))
    mail = mail_files(prepared, session_path, stems, pdfs[: len(stems)], calendars, drafts)
    files.update({folder / name: data for name, data in mail.files.items()})
    replaced = tuple(path for path in files if path.exists())
    _write_all(folder, files, made_up, force, session_path)
    return Result(
        folder,
        paths,
        combined,
        content,
        replaced,
        calendars=[folder / name for name in mail.calendars],
        drafts=[folder / name for name in mail.drafts],
        warnings=[
            *content.warnings(),
            *(p.render() for p in messages_of(content).problems([*session.notes, *mail.notes])),
        ],
    )


def mail_names(prepared: Prepared, stems: list[str], calendars: bool, drafts: bool) -> list[str]:
    """The files ``mail_files`` may write, known before anything renders (to check them)."""
    names = []
    if calendars:
        facilitator = safe_name(prepared.content.ui.get("mail.facilitator_file"), "facilitator")
        *_, own = unique_names([*stems, facilitator])
        names += [f"{own}.ics", *(f"{stem}.ics" for stem in stems)]
    if drafts:
        partners = prepared.session.partners
        names += [f"{stem}.eml" for stem, p in zip(stems, partners, strict=True) if p.email]
    return names


def letter_set(prepared: Prepared, session_path: Path, logo: bytes | None = None) -> LetterSet:
    """What each partner's letter says, with the host's logo checked, or one uploaded to the
    web page (an image already checked, kept in memory)."""
    p = prepared
    if logo is not None:
        return build_letters(p.session, p.schedule, p.content, logo, session_path)
    image = check_logo(p.session.host_logo, p.doc, session_path)
    return build_letters(p.session, p.schedule, p.content, image, session_path)


def letter_stems(letters: LetterSet) -> list[str]:
    """A file name (without .pdf) per letter: the partner's name made safe, namesakes numbered."""
    return list(unique_names([safe_name(letter.partner, "partner") for letter in letters.letters]))


def render_letter_pdfs(
    prepared: Prepared,
    session_path: Path,
    letters: LetterSet,
    fillable: bool,
    combined: bool,
    each: bool = True,
) -> list[bytes]:
    """Every partner's letter as a PDF in memory (if ``each``), then, if ``combined``, all
    in one. Shared by ``make_invitations`` and the web page, so both make the same bytes."""
    context = drawing_context(prepared, session_path)
    everyone = list(range(len(letters.letters)))
    jobs = [[index] for index in everyone] if each else []
    jobs += [everyone] if combined else []
    return _render_all(letters, jobs, context, fillable)


def letters_in_one(
    prepared: Prepared, session_path: Path, logo: bytes | None, fillable: bool
) -> tuple[str, bytes]:
    """Every letter in one PDF, named after the letters' folder (the web page's download)."""
    letters = letter_set(prepared, session_path, logo)
    folder = default_folder(session_path, prepared.session, prepared.content, letters).name
    (pdf,) = render_letter_pdfs(
        prepared, session_path, letters, fillable, combined=True, each=False
    )
    return f"{folder}.pdf", pdf


def letters_archive(
    prepared: Prepared, session_path: Path, logo: bytes | None, fillable: bool
) -> tuple[str, bytes]:
    """Every letter as its own PDF in a zip, in the folder ``workbook invitations`` makes,
    with the calendar entries; fillable letters come with the e-mail drafts too (what
    ``invitations --calendar`` writes, and with ``--fillable --drafts``)."""
    letters = letter_set(prepared, session_path, logo)
    folder = default_folder(session_path, prepared.session, prepared.content, letters).name
    pdfs = render_letter_pdfs(prepared, session_path, letters, fillable, combined=False)
    stems = letter_stems(letters)
    files = {f"{stem}.pdf": pdf for stem, pdf in zip(stems, pdfs, strict=True)}
    files.update(mail_files(prepared, session_path, stems, pdfs, True, fillable).files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            # a fixed time, so the same session gives the same zip
            archive.writestr(zipfile.ZipInfo(f"{folder}/{name}", (1980, 1, 1, 0, 0, 0)), data)
    return f"{folder}.zip", out.getvalue()


def default_folder(
    session_path: Path, session: Session, content: Content, letters: LetterSet
) -> Path:
    title = safe_name(session_title(session, Words(content)))
    return session_path.parent / f"{session.date.isoformat()}-{title}-{safe_name(letters.folder)}"


def _check_not_a_letter(combined: Path, letters: list[Path]) -> None:
    """The combined PDF must not replace a letter, however the two paths are written."""
    same = {os.path.realpath(path) for path in letters}
    if os.path.realpath(combined) in same:
        raise UserError(
            Problem(
                "has the same name as a partner's letter",
                file=combined,
                hint="Give --combined another name, or put it outside the letters' folder.",
                key="combined_is_letter",
            )
        )


def check_folder(folder: Path) -> None:
    """The letters' folder may exist or be created; a file in its place is refused."""
    if os.path.islink(folder) and not folder.exists():
        raise UserError(
            Problem(
                f"is a link to {os.readlink(folder)}, which does not exist",
                file=folder,
                hint="Give -o a folder (it is created if missing), or remove the link.",
                key="link_missing",
                values=(("target", os.readlink(folder)),),
                hint_key="letters_link",
            )
        )
    if folder.exists() and not folder.is_dir():
        raise UserError(
            Problem(
                f"is {describe(folder.stat().st_mode)}, not a folder; the letters need a "
                "folder of their own",
                file=folder,
                hint="Give -o a folder (it is created if missing), or --combined for one PDF.",
                key="letters_not_folder",
                values=(("kind", kind_of(folder.stat().st_mode)),),
            )
        )
    parent = folder.parent if str(folder.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(
            Problem(
                "the folder around the output folder does not exist",
                file=parent,
                hint="Create it first, or choose another folder with -o.",
                key="letters_no_parent",
            )
        )
    if not os.access(folder if folder.is_dir() else parent, os.W_OK):
        raise UserError(Problem("cannot be written to", file=folder, key="cannot_write_to"))


def _check_combined(combined: Path, folder: Path) -> None:
    """The combined PDF may go inside the letters' folder, which may not exist yet."""
    if combined.parent.resolve() == folder.resolve() and not folder.exists():
        if str(combined).endswith(("/", os.sep)):
            raise UserError(
                Problem(
                    "is a folder; give a file name ending in .pdf",
                    file=combined,
                    key="output_folder",
                )
            )

        return
    check_target(combined)


def _logo_problems(session_path: Path) -> list[Problem]:
    """What is wrong with 'host_logo:' in a session file that failed elsewhere."""
    try:
        doc = load(session_path, "session file")
        written = doc.data.get("host_logo") if isinstance(doc.data, dict) else None
        if isinstance(written, str) and written.strip():
            check_logo(written.strip(), doc, session_path)
    except UserError as exc:
        return [p for p in exc.problems if p.field == "host_logo"]
    return []


def check_logo(host_logo: str | None, doc: Document, session_path: Path) -> Path | None:
    """The host's logo as a readable image, or a problem pointing at 'host_logo:'."""
    if host_logo is None:
        return None
    path = session_path.parent / host_logo
    line, column = doc.locate(("host_logo",))

    def problem(message: str, hint: str, key: str, **values: object) -> UserError:
        return UserError(
            Problem(
                message,
                file=session_path,
                line=line,
                column=column,
                field="host_logo",
                hint=hint,
                key=key,
                values=(("path", str(path)), *values.items()),
            )
        )

    if not path.exists():
        raise problem(
            f"the logo file {path} does not exist",
            "The path is read relative to the session file's folder.",
            "logo_missing",
        )
    if not path.is_file():
        raise problem(
            f"{path} is not a regular file", "Give the path of a PNG or JPEG file.", "logo_not_file"
        )
    try:
        inspect_logo(path, str(path))
    except BadLogo as bad:
        raise problem(bad.message, bad.hint, bad.key, **bad.values) from None
    return path


def _render(letters: LetterSet, indices: list[int], context: Context, fillable: bool) -> bytes:
    out = io.BytesIO()
    render_letters(letters, [letters.letters[i] for i in indices], context, out, fillable)
    return out.getvalue()


# Letters are independent PDFs, so many of them render on every core. Workers are forked
# after the fonts, styles and letters are ready (that start-up is paid once), and find
# them here; each letter's bytes are what a single process would make.
_shared: tuple[LetterSet, Context, bool] | None = None
PARALLEL_FROM = 24  # fewer letters render faster than a worker starts


def _render_all(
    letters: LetterSet, jobs: list[list[int]], context: Context, fillable: bool
) -> list[bytes]:
    """Each job's PDF, in order: on every core when there are many and fork is available."""
    cpus = getattr(os, "process_cpu_count", os.cpu_count)() or 1
    if len(jobs) < PARALLEL_FROM or cpus < 2 or "fork" not in mp.get_all_start_methods():
        return [_render(letters, job, context, fillable) for job in jobs]
    global _shared
    _shared = (letters, context, fillable)
    try:
        # Longest first (a combined PDF holds every letter), so no worker is left with it last.
        order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i]))
        with workers.pool(min(cpus, len(jobs)), "fork") as pool:
            rendered = pool.map(_render_job, [jobs[i] for i in order], chunksize=4)
            results = dict(zip(order, rendered, strict=True))
    finally:
        _shared = None
    return [results[i] for i in range(len(jobs))]


def _render_job(indices: list[int]) -> bytes:
    assert _shared is not None, "workers are forked with the letters in place"
    letters, context, fillable = _shared
    return _render(letters, indices, context, fillable)


def _write_all(
    folder: Path, files: dict[Path, bytes], made_up: list[Path], force: bool, session: Path
) -> None:
    """Every letter or none: if one cannot be written, the folder is left as it was."""
    created = not folder.exists()
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise write_error(folder, exc) from None
    try:
        write_files(files, made_up, force, session)
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
