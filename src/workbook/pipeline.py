"""One way through: session file -> validated model -> document plan -> PDF."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from workbook.content import Content, font_files
from workbook.errors import Problem, UserError
from workbook.output import check_target, safe_name, write_atomically
from workbook.plan import (
    PackPlan,
    build_plan,
    build_programme,
    capacity_warnings,
    with_post_its,
)
from workbook.print_options import PLAIN, PrintOptions
from workbook.render.document import Context, make_context
from workbook.render.glyphs import check_glyphs
from workbook.render.layout import Layout, load_layout
from workbook.render.pack import render_pack
from workbook.render.posters import check_board_size, field_counts, render_boards, size_for
from workbook.schedule import Schedule, build_schedule
from workbook.session import Session, load_session
from workbook.warm import load_content
from workbook.yamlio import Document


@dataclass(frozen=True)
class Result:
    output: Path
    pages: int
    content: Content
    boards: Path | None = None
    schedule: Schedule | None = None
    notices: tuple[str, ...] = ()  # boards whose fields hold too few post-its
    split: tuple[Path, ...] = ()  # the print jobs' files, with --split

    @property
    def warnings(self) -> list[str]:
        """What the user should know although the pack was made: fallbacks, agenda advice."""
        return (
            self.content.fallbacks.messages()
            + [p.render() for p in (self.schedule.warnings if self.schedule else ())]
            + list(self.notices)
        )


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
    plan = build_plan(
        session, schedule, content, board_size=p.layout.paper_name, order=options.order
    )
    if size == AUTO and not plan.boards:
        size = None  # an agenda without joint boards needs no posters
    if output is None:
        output = default_output(session_path, session.date.isoformat(), plan.title)
    check_target(output)
    boards = boards_output(output) if size else None
    if boards:
        check_target(boards)
        if not plan.boards:
            raise UserError(_no_boards(doc))
    context = drawing_context(p, session_path)
    need = POST_ITS_PER_PARTNER * len(session.partners)
    if size == AUTO:  # the smallest poster on which every field holds the group's notes
        size = size_for(plan, context, need)
    if size:
        plan = build_plan(session, schedule, content, board_size=size, order=options.order)
    plan = with_post_its(plan, field_counts(plan, context, size), need)
    pack = io.BytesIO()  # rendered before any file is written, so a failure leaves none
    tiled = _tiled_sheets(plan, context, size) if size and options.tile else 0
    plan = _paginated(plan, context, output.stem, size, boards, p.layout.paper_name, pack, tiled)
    posters = io.BytesIO()
    if size:
        render_boards(plan, context, size, options.tile, posters)
    jobs = _split_jobs(plan, context, output) if options.split else []
    write_atomically(output, lambda out: out.write(pack.getvalue()))
    if boards:
        write_atomically(boards, lambda out: out.write(posters.getvalue()))
    for path, data in jobs:
        write_atomically(path, lambda out, data=data: out.write(data))  # type: ignore[misc]
    return Result(
        output,
        len(plan.pages),
        content,
        boards,
        schedule,
        tuple(capacity_warnings(plan)),
        tuple(path for path, _ in jobs),
    )


def _paginated(
    plan: PackPlan,
    context: Context,
    stem: str,
    size: str | None,
    boards: Path | None,
    paper: str,
    out: io.BytesIO,
    tiled: int = 0,
) -> PackPlan:
    """The plan with its print guide's page ranges, rendered into ``out``.

    A quick layout with placeholder numbers (the worksheets not drawn) finds where each
    page starts; the real render then records where they start with the real numbers, and
    in the rare case a number moved a page it is filled in and rendered once more."""
    from workbook.print_guide import with_print_guide
    from workbook.render.pack import measure_pack

    poster_file = boards.name if boards else None
    placeholders = [100 + index for index in range(len(plan.pages))]
    filled = with_print_guide(
        plan, placeholders, placeholders[-1], stem, size, poster_file, paper, tiled
    )
    starts, total = measure_pack(filled, context)
    for _ in range(3):
        filled = with_print_guide(plan, starts, total, stem, size, poster_file, paper, tiled)
        out.seek(0)
        out.truncate()
        rendered: list[int] = []
        pages = render_pack(filled, context, out, rendered)
        if (rendered, pages) == (starts, total):
            break
        starts, total = rendered, pages
    return filled


def _tiled_sheets(plan: PackPlan, context: Context, size: str) -> int:
    """The office sheets the tiled posters take: an overview and its tiles per board."""
    from workbook.render.posters import poster_sheet
    from workbook.render.tiling import plan_tiling

    layout = context.layout
    tiling = plan_tiling(
        poster_sheet(layout, size),
        layout.paper,
        layout.mm("tiling", "margin_mm"),
        layout.mm("tiling", "overlap_mm"),
    )
    return len(plan.boards) * (1 + len(tiling.tiles))


def _split_jobs(plan: PackPlan, context: Context, output: Path) -> list[tuple[Path, bytes]]:
    """Each print job of the pack as a PDF of its own, beside the pack (``pack --split``)."""
    from workbook.print_guide import jobs_of
    from workbook.render.pack import contents_numbers, measure_pack

    numbers = contents_numbers(plan, measure_pack(plan, context)[0])  # the whole pack's
    files = []
    for job in jobs_of(plan):
        path = output.with_name(job.file)
        check_target(path)
        data = io.BytesIO()
        part = replace(plan, pages=[plan.pages[i] for i in job.indices])
        render_pack(part, context, data, contents=numbers)
        files.append((path, data.getvalue()))
    return files


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
) -> Prepared:
    layout = load_layout(paper=paper)  # first, so a wrong --paper is told before any work
    return read_session(session_path, language, content_dirs, strict, layout)


def read_session(
    session_path: Path,
    language: str | None,
    content_dirs: Sequence[Path],
    strict: bool,
    layout: Layout,
) -> Prepared:
    """The session and its language read and its agenda timed; ``layout`` gets its fonts."""
    session, doc, content = load_inputs(session_path, language, content_dirs, strict)
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
        stem = default_output(session_path, p.session.date.isoformat(), plan.title).stem
        agenda = safe_name(p.content.ui.get("sections.agenda"))
        output = session_path.parent / f"{stem}-{agenda}.pdf"
    check_target(output)
    context = drawing_context(p, session_path)
    write_atomically(output, lambda out: render_pack(plan, context, out))
    return Result(output, len(plan.pages), p.content, schedule=p.schedule)


def load_inputs(
    session_path: Path, language: str | None, content_dirs: Sequence[Path], strict: bool
) -> tuple[Session, Document, Content]:
    """The session file and the language it asks for (or ``language``, which overrides it)."""
    session, doc = load_session(session_path)
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
    if options.tile and options.boards in (None, NONE):
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
    if options.boards in (AUTO, NONE):
        size = None if options.boards == NONE else AUTO
    elif options.boards:
        try:
            size = check_board_size(layout, options.boards)
        except UserError as exc:
            problems += exc.problems
    if options.order not in ORDERS:
        problems.append(
            Problem(
                f"unknown order '{options.order}'",
                field="--order",
                hint=f"Use one of: {', '.join(ORDERS)}.",
            )
        )
    if problems:
        raise UserError(problems)
    return layout, size


ORDERS = ("partner", "dialogue")  # --order: how the circle worksheets are sorted
AUTO, NONE = "auto", "none"  # --boards: the size chosen for the group, or no posters
POST_ITS_PER_PARTNER = 2  # every field of a joint board should hold this many per partner


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
