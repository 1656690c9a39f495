"""One way through: session file -> validated model -> document plan -> PDF."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbook.app.glyphs import check_glyphs
from workbook.app.options import PLAIN, PrintOptions
from workbook.core.errors import Problem, UserError
from workbook.core.yamlio import Document
from workbook.files.outputs import check_outputs, check_target, safe_name, write_files
from workbook.language.kept import load_content
from workbook.language.loading import Content, font_files, load_timing
from workbook.plan.pack import (
    PackPlan,
    Words,
    build_plan,
    build_programme,
    capacity_warnings,
    session_title,
    with_board_size,
    with_post_its,
)
from workbook.render.document import Context, make_context
from workbook.render.layout import Layout, load_layout
from workbook.render.pack import render_pack
from workbook.render.posters import check_board_size, field_counts, render_boards, size_for
from workbook.session.model import InvalidSession, Session, load_session, validate_session
from workbook.session.schedule import Schedule, build_schedule, check_written_agenda


@dataclass(frozen=True)
class Result:
    output: Path
    pages: int
    content: Content
    boards: Path | None = None
    schedule: Schedule | None = None
    notices: tuple[str, ...] = ()  # boards whose fields hold too few post-its
    split: tuple[Path, ...] = ()  # the print jobs' files, with --split
    replaced: tuple[Path, ...] = ()  # outputs that existed before this run wrote them
    files: dict[Path, bytes] = field(default_factory=dict)  # rendered, when not yet written

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


def pack_outputs(
    session_path: Path,
    output: Path | None,
    language: str | None,
    content_dirs: Sequence[Path],
    boards: bool,
) -> list[Path]:
    """Where ``make_pack`` would write, found without rendering, so a batch can check names."""
    if output is None:
        session, _ = load_session(session_path)
        title = session.title  # the language is read only for its default title
        if title is None:
            title = session_title(
                session, Words(load_content(language or session.language, content_dirs))
            )
        output = default_output(session_path, session.date.isoformat(), title)
    return [output, boards_output(output)] if boards else [output]


def make_pack(
    session_path: Path,
    output: Path | None = None,
    language: str | None = None,
    content_dirs: Sequence[Path] = (),
    strict: bool = False,
    options: PrintOptions = PLAIN,
    write: bool = True,
) -> Result:
    """The pack (and boards); with ``write=False`` its bytes come back in ``files``."""
    try:
        layout, size = _print_setup(options)
        option_problems: list[Problem] = []
    except UserError as exc:  # told together with the session's own problems
        layout, size, option_problems = load_layout(), None, exc.problems
    try:
        p = read_session(session_path, language, content_dirs, strict, layout)
    except UserError as exc:
        raise UserError(option_problems + exc.problems) from None
    if option_problems:
        raise UserError(option_problems)
    session, doc, content, schedule = p.session, p.doc, p.content, p.schedule
    plan, size = pack_plan(p, options, size)
    if output is None:
        output = default_output(session_path, session.date.isoformat(), plan.title)
    boards = boards_output(output) if size else None
    check_outputs([output, boards] if boards else [output], input_files(p, session_path))
    check_target(output)
    if boards:
        check_target(boards)
        if not plan.boards:
            raise UserError(_no_boards(doc))
    # rendered before any file is written, so a failure leaves none
    made = render_pack_pdfs(p, plan, session_path, output, size, boards, options)
    written = [output, *([boards] if boards else []), *(path for path, _ in made.jobs)]
    replaced = tuple(path for path in written if path.exists())
    files = {output: made.pack}
    if boards and made.posters is not None:
        files[boards] = made.posters
    files.update(made.jobs)
    if made.jobs:  # the print jobs' names come from the plan: checked now, still before writing
        check_outputs(list(files), input_files(p, session_path))
    if write:
        write_files(files)  # all or none
    return Result(
        output,
        len(made.plan.pages),
        content,
        boards,
        schedule,
        tuple(capacity_warnings(made.plan)),
        tuple(path for path, _ in made.jobs),
        replaced,
        {} if write else files,
    )


def poster_size(options: PrintOptions) -> str | None:
    """The poster size the options ask for (``auto``: sized later for the group), checked."""
    return _print_setup(options)[1]


def pack_plan(
    p: Prepared, options: PrintOptions = PLAIN, size: str | None = None
) -> tuple[PackPlan, str | None]:
    """The pack's plan, and the poster size: none when the agenda has no joint boards."""
    plan = build_plan(
        p.session, p.schedule, p.content, board_size=p.layout.paper_name, order=options.order
    )
    if size == AUTO and not plan.boards:
        size = None  # an agenda without joint boards needs no posters
    return plan, size


@dataclass(frozen=True)
class RenderedPack:
    plan: PackPlan  # as rendered: posters sized, print guide filled in
    pack: bytes
    posters: bytes | None
    jobs: list[tuple[Path, bytes]]  # with --split: each print job's file and PDF


def render_pack_pdfs(
    p: Prepared,
    plan: PackPlan,
    session_path: Path,
    output: Path,
    size: str | None = None,
    boards: Path | None = None,
    options: PrintOptions = PLAIN,
) -> RenderedPack:
    """Everything ``workbook pack`` writes, in memory; the print guide names ``output``'s
    files. Shared by ``make_pack`` and the web page, so both make the same bytes."""
    session, content = p.session, p.content
    context = drawing_context(p, session_path)
    need = POST_ITS_PER_PARTNER * len(session.partners)
    if size == AUTO:  # the smallest poster on which every field holds the group's notes
        size = size_for(plan, context, need)
    if size:
        plan = with_board_size(plan, content, size)
    plan = with_post_its(plan, field_counts(plan, context, size), need)
    pack = io.BytesIO()
    tiled = _tiled_sheets(plan, context, size) if size and options.tile else 0
    plan, starts = _paginated(
        plan, context, output.stem, size, boards, p.layout.paper_name, pack, tiled
    )
    posters = None
    if size:
        out = io.BytesIO()
        render_boards(plan, context, size, options.tile, out)
        posters = out.getvalue()
    jobs = _split_jobs(plan, context, output, starts) if options.split else []
    return RenderedPack(plan, pack.getvalue(), posters, jobs)


def _paginated(
    plan: PackPlan,
    context: Context,
    stem: str,
    size: str | None,
    boards: Path | None,
    paper: str,
    out: io.BytesIO,
    tiled: int = 0,
) -> tuple[PackPlan, list[int]]:
    """The plan with its print guide's page ranges, rendered into ``out`` in one build, and
    where each page of the plan starts.

    The guide is laid out holding numbers as wide as any it can show (every page of the
    plan taking two pages numbered in the hundreds); the real ones are drawn in that room
    at the end of the build, when every page is placed (``render.contents.LateText``)."""
    from workbook.plan.print_guide import with_print_guide

    poster_file = boards.name if boards else None

    def numbered(starts: list[int], total: int) -> PackPlan:
        return with_print_guide(plan, starts, total, stem, size, poster_file, paper, tiled)

    widest = [100 + 2 * index for index in range(len(plan.pages))]
    starts: list[int] = []
    total = render_pack(numbered(widest, widest[-1] + 1), context, out, starts, None, numbered)
    return numbered(starts, total), starts


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


def _split_jobs(
    plan: PackPlan, context: Context, output: Path, starts: list[int]
) -> list[tuple[Path, bytes]]:
    """Each print job of the pack as a PDF of its own, beside the pack (``pack --split``);
    ``starts``: where each page of the plan starts in the whole pack, which every part's
    contents and print guide name."""
    from workbook.plan.print_guide import jobs_of
    from workbook.render.pack import contents_numbers

    numbers = contents_numbers(plan, starts)
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
    try:
        schedule = build_schedule(session, content.timing, doc)
    except UserError as exc:  # with the characters the fonts lack, so that one round does
        make_context(layout)
        missing = check_glyphs(content, session, session_path)
        raise UserError(in_file_order(exc.problems + missing, doc.path)) from None
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
    check_outputs([output], input_files(p, session_path))
    check_target(output)
    pdf = render_agenda_pdf(p, plan, session_path)
    replaced = (output,) if output.exists() else ()
    write_files({output: pdf})
    return Result(output, len(plan.pages), p.content, schedule=p.schedule, replaced=replaced)


def input_files(p: Prepared, session_path: Path) -> list[Path]:
    """Every file a run reads, none of which an output may replace."""
    from workbook.core.resources import content_dir, layouts_dir

    fonts = [p.layout.font_file(face) for face in p.layout.data["fonts"]]
    found = [session_path, *p.content.files.values(), *fonts]
    found += sorted(p.content.folder.path.glob("*.yaml")) + sorted(layouts_dir().glob("*.yaml"))
    found += sorted(content_dir().glob("*.yaml")) + sorted(content_dir().glob("*/*.yaml"))
    if p.session.host_logo is not None:
        found.append(session_path.parent / p.session.host_logo)
    return [Path(path) for path in found]


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
