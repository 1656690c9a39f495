"""One way through: session file -> validated model -> document plan -> PDF."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from workbook.content import Content, font_files, load_content
from workbook.errors import Problem, UserError
from workbook.output import check_target, safe_name, write_atomically
from workbook.plan import PackPlan, build_plan, build_programme, with_post_its
from workbook.print_options import PLAIN, PrintOptions
from workbook.render.document import Context, make_context
from workbook.render.glyphs import check_glyphs
from workbook.render.layout import Layout, load_layout
from workbook.render.pack import render_pack
from workbook.render.posters import check_board_size, post_it_counts, render_boards
from workbook.schedule import Schedule, build_schedule
from workbook.session import Session, load_session, validate_session
from workbook.yamlio import Document


@dataclass(frozen=True)
class Result:
    output: Path
    pages: int
    content: Content
    boards: Path | None = None
    schedule: Schedule | None = None

    @property
    def warnings(self) -> list[str]:
        """What the user should know although the pack was made: fallbacks, agenda advice."""
        return self.content.fallbacks.messages() + [
            p.render() for p in (self.schedule.warnings if self.schedule else ())
        ]


def default_output(session_path: Path, date: str, title: str) -> Path:
    return session_path.parent / f"{date}-{safe_name(title)}.pdf"


def boards_output(output: Path) -> Path:
    return output.with_name(f"{output.stem}-boards.pdf")


def make_pack(
    session_path: Path,
    output: Path | None = None,
    language: str | None = None,
    content_dirs: Sequence[Path] = (),
    strict: bool = False,
    options: PrintOptions = PLAIN,
) -> Result:
    layout, size = _print_setup(options)
    p = read_session(session_path, language, content_dirs, strict, layout)
    session, doc, content, schedule = p.session, p.doc, p.content, p.schedule
    plan = pack_plan(p, size)
    if output is None:
        output = default_output(session_path, session.date.isoformat(), plan.title)
    check_target(output)
    boards = boards_output(output) if size else None
    if boards:
        check_target(boards)
        if not plan.boards:
            raise UserError(_no_boards(doc))
    # both rendered before either file is written, so a failure leaves neither
    pdf, posters = render_pack_pdfs(p, plan, session_path, size, options.tile)
    write_atomically(output, lambda out: out.write(pdf))
    if boards and posters is not None:
        write_atomically(boards, lambda out: out.write(posters))
    return Result(output, len(plan.pages), content, boards, schedule)


def pack_plan(p: Prepared, size: str | None = None) -> PackPlan:
    return build_plan(p.session, p.schedule, p.content, board_size=size or p.layout.paper_name)


def render_pack_pdfs(
    p: Prepared, plan: PackPlan, session_path: Path, size: str | None = None, tile: bool = False
) -> tuple[bytes, bytes | None]:
    """The pack's PDF and, with a poster ``size``, the boards' PDF, in memory.

    Shared by ``make_pack`` and the web page, so both make the same bytes."""
    context = drawing_context(p, session_path)
    plan = with_post_its(plan, post_it_counts(plan, context, size))
    posters = None
    if size:
        out = io.BytesIO()
        render_boards(plan, context, size, tile, out)
        posters = out.getvalue()
    out = io.BytesIO()
    render_pack(plan, context, out)
    return out.getvalue(), posters


@dataclass(frozen=True)
class Prepared:
    """A session read, its language loaded and its agenda on the clock: what commands share."""

    layout: Layout
    session: Session
    doc: Document
    content: Content
    schedule: Schedule


def prepare(
    session_path: Path,
    language: str | None,
    content_dirs: Sequence[Path],
    strict: bool,
    paper: str | None,
    doc: Document | None = None,
) -> Prepared:
    layout = load_layout(paper=paper)  # first, so a wrong --paper is told before any work
    return read_session(session_path, language, content_dirs, strict, layout, doc)


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
    schedule = build_schedule(session, content.timing, doc)
    layout = layout.with_fonts(font_files(content.folder))
    return Prepared(layout, session, doc, content, schedule)


def drawing_context(p: Prepared, session_path: Path) -> Context:
    """Fonts and styles to draw with, once every character the session needs has a glyph
    in those fonts."""
    context = make_context(p.layout)  # registers the fonts the glyphs are looked up in
    missing = check_glyphs(p.content, p.session, session_path)
    if missing:
        raise UserError(missing)
    return context


def make_agenda(
    session_path: Path,
    output: Path | None = None,
    language: str | None = None,
    content_dirs: Sequence[Path] = (),
    strict: bool = False,
    paper: str | None = None,
) -> Result:
    """The participants' agenda: one page with the session's facts and its programme."""
    p = prepare(session_path, language, content_dirs, strict, paper)
    plan = build_programme(p.session, p.schedule, p.content)
    if output is None:
        output = session_path.parent / agenda_name(p, session_path, plan.title)
    check_target(output)
    pdf = render_agenda_pdf(p, plan, session_path)
    write_atomically(output, lambda out: out.write(pdf))
    return Result(output, len(plan.pages), p.content, schedule=p.schedule)


def agenda_name(p: Prepared, session_path: Path, title: str) -> str:
    stem = default_output(session_path, p.session.date.isoformat(), title).stem
    return f"{stem}-{safe_name(p.content.ui.get('sections.agenda'))}.pdf"


def render_agenda_pdf(p: Prepared, plan: PackPlan, session_path: Path) -> bytes:
    """The participants' agenda in memory: what ``make_agenda`` writes and the web page sends."""
    out = io.BytesIO()
    render_pack(plan, drawing_context(p, session_path), out)
    return out.getvalue()


def load_inputs(
    session_path: Path,
    language: str | None,
    content_dirs: Sequence[Path],
    strict: bool,
    doc: Document | None = None,
) -> tuple[Session, Document, Content]:
    """The session file and the language it asks for (or ``language``, which overrides it)."""
    session, doc = validate_session(doc) if doc is not None else load_session(session_path)
    code = language or session.language
    try:
        content = load_content(code, content_dirs, strict=strict)
    except UserError as exc:
        if language is None:  # point at the session file's 'language:' line
            raise _locate_language(exc, doc) from None
        raise
    return session, doc, content


def _print_setup(options: PrintOptions) -> tuple[Layout, str | None]:
    """The layout on the chosen paper and the poster size, with every option problem at once."""
    problems: list[Problem] = []
    if options.tile and not options.boards:
        problems.append(
            Problem(
                "needs --boards: the poster size to split across sheets",
                field="--tile",
                hint="Add a poster size, e.g. --boards a1 --tile.",
            )
        )
    try:
        layout = load_layout(paper=options.paper)
    except UserError as exc:
        problems += exc.problems
        layout = load_layout()
    size = None
    if options.boards:
        try:
            size = check_board_size(layout, options.boards)
        except UserError as exc:
            problems += exc.problems
    if problems:
        raise UserError(problems)
    return layout, size


def _no_boards(doc: Document) -> Problem:
    line, column = doc.locate(("agenda",))
    return Problem(
        "--boards: the agenda has no joint boards to print as posters",
        file=doc.path,
        line=line,
        column=column,
        hint="Include ambition, contribution, scaling or next_steps, or leave out --boards.",
    )


def _locate_language(error: UserError, doc: Document) -> UserError:
    line, column = doc.locate(("language",))
    problems = [
        replace(p, file=doc.path, line=line, column=column)
        if p.field == "language" and p.file is None
        else p
        for p in error.problems
    ]
    return UserError(problems)
