"""What every command does first: the session file read, its language loaded, its agenda on
the clock, with every problem of all three told in one round; and the fonts to draw with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from workbook.app.glyphs import check_glyphs
from workbook.core.errors import Problem, UserError
from workbook.core.resources import content_dir, layouts_dir
from workbook.core.yamlio import Document
from workbook.language.folders import font_files
from workbook.language.kept import load_content
from workbook.language.loading import Content
from workbook.render.document import Context, make_context
from workbook.render.layout import Layout, load_layout
from workbook.session.model import InvalidSession, Session, load_session, validate_session
from workbook.session.replies import (
    Replies,
    load_replies,
    matched,
    replies_path,
    stray_problems,
)
from workbook.session.schedule import Schedule, build_schedule, check_written_agenda
from workbook.session.timing import load_timing


@dataclass(frozen=True)
class Prepared:
    """A session read, its language loaded and its agenda on the clock: what commands share."""

    layout: Layout
    session: Session
    doc: Document
    content: Content
    schedule: Schedule
    replies: Replies | None = None  # the partners' answers (``workbook collect``), if any


def prepare(
    session_path: Path,
    language: str | None,
    content_dirs: Sequence[Path],
    strict: bool,
    paper: str | None,
    doc: Document | None = None,
) -> Prepared:
    try:
        layout, paper_problems = load_layout(paper=paper), []
    except UserError as exc:  # told with the session's own problems, in one round
        layout, paper_problems = load_layout(), exc.problems
    try:
        prepared = read_session(session_path, language, content_dirs, strict, layout, doc)
    except UserError as exc:
        raise UserError(paper_problems + exc.problems) from None
    if paper_problems:
        raise UserError(paper_problems)
    return prepared


def read_session(
    session_path: Path,
    language: str | None,
    content_dirs: Sequence[Path],
    strict: bool,
    layout: Layout,
    doc: Document | None = None,
) -> Prepared:
    """The session and its language read and its agenda timed; ``layout`` gets its fonts.

    ``doc`` is the session file already parsed (the web page's form); else it is read."""
    session, doc, content = load_inputs(session_path, language, content_dirs, strict, doc)
    layout = layout.with_fonts(font_files(content.folder))
    replies, reply_problems = _replies(session, session_path)
    try:
        schedule = build_schedule(session, content.timing, doc)
    except UserError as exc:  # with the characters the fonts lack, so that one round does
        make_context(layout)
        missing = check_glyphs(content, session, session_path)
        problems = exc.problems + missing + reply_problems
        raise UserError(in_file_order(problems, doc.path)) from None
    if reply_problems:
        raise UserError(reply_problems)
    return Prepared(layout, session, doc, content, schedule, replies)


def _replies(session: Session, session_path: Path) -> tuple[Replies | None, list[Problem]]:
    """The answers collected beside the session; those for nobody in it any more are told
    with the session's other notes."""
    path = replies_path(session_path)
    try:
        replies = load_replies(path)
    except UserError as exc:
        return None, exc.problems
    if replies is not None:
        _, stray = matched(replies, session)
        session._notes = (*session.notes, *stray_problems(stray, path))
    return replies, []


def drawing_context(p: Prepared, session_path: Path) -> Context:
    """Fonts and styles to draw with, once every character the session needs has a glyph
    in those fonts."""
    context = make_context(p.layout)  # registers the fonts the glyphs are looked up in
    missing = check_glyphs(p.content, p.session, session_path)
    if missing:
        raise UserError(missing)
    return context


def input_files(p: Prepared, session_path: Path) -> list[Path]:
    """Every file a run reads, none of which an output may replace."""
    fonts = [p.layout.font_file(face) for face in p.layout.data["fonts"]]
    found = [session_path, *p.content.files.values(), *fonts]
    found += sorted(p.content.folder.path.glob("*.yaml")) + sorted(layouts_dir().glob("*.yaml"))
    found += sorted(content_dir().glob("*.yaml")) + sorted(content_dir().glob("*/*.yaml"))
    if p.session.host_logo is not None:
        found.append(session_path.parent / p.session.host_logo)
    partners = p.doc.data.get("partners") if isinstance(p.doc.data, dict) else None
    if isinstance(partners, str):  # a spreadsheet of partners
        found.append(session_path.parent / partners.strip())
    found.append(replies_path(session_path))
    return [Path(path) for path in found]


def load_inputs(
    session_path: Path,
    language: str | None,
    content_dirs: Sequence[Path],
    strict: bool,
    doc: Document | None = None,
) -> tuple[Session, Document, Content]:
    """The session file and the language it asks for (or ``language``, which overrides it).

    Every problem is gathered before any is told: the session's own, its agenda parts and
    its language, so a facilitator fixes them in one round, in the order of the file.
    """
    try:
        session, doc = validate_session(doc) if doc is not None else load_session(session_path)
    except InvalidSession as exc:
        raw = exc.doc.data
        problems = exc.problems + check_written_agenda(raw.get("agenda"), load_timing(), exc.doc)
        code = language or raw.get("language", "da")
        if isinstance(code, str) and code.strip():  # as the model would read it, trimmed
            problems += _load_language(code.strip(), language, content_dirs, strict, exc.doc)[1]
        raise UserError(in_file_order(problems, exc.doc.path)) from None
    content, problems = _load_language(
        language or session.language, language, content_dirs, strict, doc
    )
    if content is None:
        try:
            build_schedule(session, load_timing(), doc)
        except UserError as exc:
            problems += exc.problems
        raise UserError(in_file_order(problems, doc.path))
    return session, doc, content


def _load_language(
    code: str, option: str | None, content_dirs: Sequence[Path], strict: bool, doc: Document
) -> tuple[Content | None, list[Problem]]:
    try:
        return load_content(code, content_dirs, strict=strict, near=doc.path), []
    except UserError as exc:
        # without --lang, the language is the session file's: point at its 'language:' line
        return None, (_locate_language(exc, doc) if option is None else exc).problems


def in_file_order(problems: list[Problem], session_path: Path) -> list[Problem]:
    """Options first, then the session file line by line, then the files it leads to."""

    def rank(problem: Problem) -> tuple[int, int, int]:
        place = 0 if problem.file is None else 1 if problem.file == session_path else 2
        return (place, problem.line or 0, problem.column or 0)

    return sorted(problems, key=rank)


def _locate_language(error: UserError, doc: Document) -> UserError:
    line, column = doc.locate(("language",))
    problems = [
        replace(p, file=doc.path, line=line, column=column)
        if p.field == "language" and p.file is None
        else p
        for p in error.problems
    ]
    return UserError(problems)
