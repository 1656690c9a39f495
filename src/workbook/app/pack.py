"""``workbook pack``: session file -> validated model -> document plan -> PDF, written as one.

The plan is complete before anything is drawn: the joint boards' capacity (how many post-its
each field holds on the sheet they are printed on) is measured from the layout and handed
to the plan. Only the numbers that depend on where pages fall (the print guide's page
ranges and sheets) come at the end of the one build, from the plan's print guide.
"""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbook.app.messages import messages_of
from workbook.app.options import AUTO, PLAIN, PrintOptions, print_setup
from workbook.app.prepare import Prepared, drawing_context, input_files, read_session
from workbook.app.previews import check_folder, make_folder, preview_files, stale_pages
from workbook.core.errors import Problem, UserError
from workbook.core.yamlio import Document
from workbook.files.outputs import check_outputs, check_target, safe_name, write_files
from workbook.language.kept import load_content
from workbook.language.loading import Content
from workbook.plan.checklist import BoardCapacity, Checklist
from workbook.plan.document import PackPlan
from workbook.plan.outline import subset
from workbook.plan.pack import build_plan, capacity_warnings
from workbook.plan.print_guide import jobs_of, with_print_guide
from workbook.plan.programme import build_programme
from workbook.plan.words import Words, session_title
from workbook.plan.worksheets import Board, joint_boards
from workbook.render.document import Context
from workbook.render.layout import load_layout
from workbook.render.pack import contents_numbers, page_count, render_pack
from workbook.render.pages.checklist import late_texts
from workbook.render.posters import (
    apart_size,
    capacities,
    piece_capacities,
    poster_sheet,
    posters_of,
    render_boards,
    size_for,
)
from workbook.render.tiling import plan_tiling
from workbook.session.model import load_session
from workbook.session.schedule import Schedule

POST_ITS_PER_PARTNER = 2  # every field of a joint board should hold this many per partner


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
    made_up: tuple[Path, ...] = ()  # of ``files``, those named by the tool, not the user
    previews: tuple[Path, ...] = ()  # the pages as PNGs, with --png
    stale: tuple[Path, ...] = ()  # page previews of a longer earlier run, left as they were
    previews_s: float = 0.0  # the time the previews took (told apart: PNGs are slow)
    ends: tuple[int, ...] = ()  # the pack's last page of each print job it holds

    @property
    def agenda_summary(self) -> str | None:
        """The agenda's length against the guide's day, so a facilitator sees what was cut,
        in the session's language."""
        if self.schedule is None:
            return None
        return agenda_summary(self.schedule, self.content)

    @property
    def warnings(self) -> list[str]:
        """What the user should know although the pack was made: fallbacks, agenda advice,
        in the session's language."""
        return warnings_of(self.content, self.schedule) + list(self.notices)


def agenda_summary(schedule: Schedule, content: Content) -> str:
    words, days = Words(content), len(schedule.days)
    length, guide = words.duration(schedule.minutes), words.duration(schedule.guide_minutes)
    english = (
        f"Programme: {length} over {days} day{'s' if days > 1 else ''}; "
        f"the guide's day lasts {guide}."
    )
    return messages_of(content).say("agenda", english, length=length, count=days, guide=guide)


def warnings_of(content: Content, schedule: Schedule | None) -> list[str]:
    """The language's fallbacks and the agenda's advice, said in the session's language."""
    told = messages_of(content).problems(schedule.warnings if schedule else ())
    return content.warnings() + [p.render() for p in told]


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
    *,
    force: bool = False,
    named: bool = True,
    previews: tuple[Path, int] | None = None,
) -> Result:
    """The pack (and boards); with ``write=False`` its bytes come back in ``files``.

    ``named``: whether ``output``, when given, is the user's name for it (``-o``) rather
    than one the tool made up (a batch's folder); ``force`` replaces a file at a made-up
    name that the tool did not write; ``previews``: the folder and resolution of PNGs of
    every page, written with the pack."""
    try:
        layout, size = print_setup(options)
        option_problems: list[Problem] = []
    except UserError as exc:  # told together with the session's own problems
        layout, size, option_problems = load_layout(), None, exc.problems
    try:
        p = read_session(session_path, language, content_dirs, strict, layout)
    except UserError as exc:
        raise UserError(option_problems + exc.problems) from None
    if option_problems:
        raise UserError(option_problems)
    has_boards = bool(joint_boards(p.schedule, p.content, Words(p.content)))
    if size == AUTO and not has_boards:
        size = None  # an agenda without joint boards needs no posters
    made_up: list[Path] = [] if output is None or named else [output]
    if output is None:
        output = default_output(session_path, p.session.date.isoformat(), _title(p))
        made_up.append(output)
    boards = boards_output(output) if size else None
    made_up += [boards] if boards else []
    inputs = input_files(p, session_path)
    outputs = [output, boards] if boards else [output]
    check_outputs(outputs, inputs, made_up, force, session_path)
    check_target(output)
    if boards:
        check_target(boards)
        if not has_boards:
            raise UserError(_no_boards(p.doc))
    if previews:
        check_folder(previews[0])
    # rendered before any file is written, so a failure leaves none
    made = render_pack_pdfs(p, session_path, output, size, boards, options)
    start = time.perf_counter()
    pages = preview_files(made.pack, *previews) if previews else {}
    previews_s = time.perf_counter() - start
    made_up += [path for path, _ in made.jobs] + list(pages)
    rendered = [(output, made.pack)]
    if boards and made.posters is not None:
        rendered.append((boards, made.posters))
    rendered += [*made.jobs, *pages.items()]
    # the print jobs' and pages' names come from the render: checked now, still before
    # writing, as a list (two of them may name one file)
    check_outputs([path for path, _ in rendered], inputs, made_up, force, session_path)
    files = dict(rendered)
    replaced = tuple(path for path in files if path.exists())
    png_folder = previews[0] if previews else None
    if write:
        made_folder = make_folder(png_folder) if png_folder else False
        try:
            write_files(files, made_up, force, session_path)  # all or none
        except BaseException:
            if png_folder and made_folder:
                with contextlib.suppress(OSError):
                    png_folder.rmdir()
            raise
    stale = stale_pages(png_folder, list(pages)) if png_folder else []
    return Result(
        output,
        len(made.plan.pages),
        p.content,
        boards,
        p.schedule,
        tuple(capacity_warnings(made.plan)),
        tuple(path for path, _ in made.jobs),
        replaced,
        {} if write else files,
        tuple(made_up),
        tuple(pages),
        tuple(stale),
        previews_s,
        made.ends,
    )


@dataclass(frozen=True)
class RenderedPack:
    plan: PackPlan  # as rendered: print guide filled in
    pack: bytes
    posters: bytes | None
    jobs: list[tuple[Path, bytes]]  # with --split: each print job's file and PDF
    output: Path  # the pack's name (the print guide names the files beside it after it)
    boards: Path | None = None  # the posters' name, when there are posters
    ends: tuple[int, ...] = ()  # the last page of each print job in the pack


def pack_in_memory(p: Prepared, session_path: Path, options: PrintOptions) -> RenderedPack:
    """The pack and its posters as ``workbook pack SESSION`` names and makes them, without
    writing (the web page's downloads)."""
    size = print_setup(options)[1]
    if size == AUTO and not joint_boards(p.schedule, p.content, Words(p.content)):
        size = None
    output = default_output(session_path, p.session.date.isoformat(), _title(p))
    boards = boards_output(output) if size else None
    return render_pack_pdfs(p, session_path, output, size, boards, options)


def render_pack_pdfs(
    p: Prepared,
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
    joint = joint_boards(p.schedule, content, Words(content))
    need = POST_ITS_PER_PARTNER * len(session.partners)
    capacity = board_capacity(joint, context, size, need, p.layout.paper_name)
    size = capacity.sheet if size else None
    plan = build_plan(session, p.schedule, content, capacity, options.order, p.replies)
    tiled = _tiled_sheets(plan, context, size) if size and options.tile else 0
    agenda = _agenda_pages(p, context)

    def numbered(starts: list[int], total: int) -> PackPlan:
        poster_file = boards.name if boards else None
        paper = p.layout.paper_name
        return with_print_guide(
            plan, starts, total, output.stem, size, poster_file, paper, tiled, agenda
        )

    pack = io.BytesIO()
    plan, starts, total = _paginated(numbered, len(plan.pages), context, pack)
    posters = None
    if size:
        out = io.BytesIO()
        render_boards(plan, context, size, options.tile, out)
        posters = out.getvalue()
    jobs = _split_jobs(plan, context, output, starts, total) if options.split else []
    ends = tuple(_job_end(job.indices, starts, total) for job in jobs_of(plan))
    return RenderedPack(plan, pack.getvalue(), posters, jobs, output, boards, ends)


def _job_end(indices: Sequence[int], starts: list[int], total: int) -> int:
    """The last page of the plan's pages ``indices``: the page before the next one starts."""
    after = max(indices) + 1
    return starts[after] - 1 if after < len(starts) else total


def _agenda_pages(p: Prepared, context: Context) -> int:
    """The pages of the participants' agenda as ``workbook agenda`` makes it on this paper,
    for the print guide to count (laid out as it will be: a programme of several days can
    take two pages)."""
    return page_count(build_programme(p.session, p.schedule, p.content), context)


def _paginated(
    numbered: Callable[[list[int], int], PackPlan], count: int, context: Context, out: io.BytesIO
) -> tuple[PackPlan, list[int], int]:
    """The plan with its print guide's page ranges, rendered into ``out`` in one build,
    where each of its ``count`` pages starts, and the pack's pages.

    The guide is laid out holding numbers as wide as any it can show (every page of the
    plan taking two pages numbered in the hundreds); the real ones are drawn in that room
    at the end of the build, when every page is placed (``render.contents.LateText``)."""
    widest = [100 + 2 * index for index in range(count)]
    starts: list[int] = []

    def late(placed: list[int], total: int) -> dict[str, str]:
        return _late_texts(numbered(placed, total))

    total = render_pack(numbered(widest, widest[-1] + 1), context, out, starts, None, late)
    return numbered(starts, total), starts, total


def _late_texts(plan: PackPlan) -> dict[str, str]:
    guide = next((page for page in plan.pages if isinstance(page, Checklist)), None)
    return late_texts(guide) if guide else {}


def board_capacity(
    joint: Sequence[Board], context: Context, size: str | None, need: int, paper: str
) -> BoardCapacity:
    """How many notes each field holds where the boards are printed, for ``size`` (a poster
    size, "auto" for the smallest on which every field holds ``need``, or None for the
    pack's own sheet). A board no poster holds whole for the group is printed a field per
    poster (``apart``), on the smallest size whose fields alone hold the group's notes (from
    the size asked for up, when one is)."""
    sizes = list(context.layout.data["posters"]["sizes"])
    if size is None:  # boards in the pack only; the advice names the poster that would do
        fields = capacities(joint, context, None)
        short = any(counts and min(counts) < need for counts in fields.values())
        fits = _fits(joint, context, need, sizes) if short else None
        return BoardCapacity(paper, fields, need, fits=fits)
    apart = {
        board.key: at
        for board in joint
        if (at := apart_size(board, context, need, sizes[0] if size == AUTO else size))
    }
    whole = [board for board in joint if board.key not in apart]
    if size == AUTO:  # the smallest poster on which every field holds the group's notes
        size = size_for(whole, context, need) if whole else min(apart.values(), key=sizes.index)
    fields = capacities(joint, context, size)
    short = any(min(fields[board.key], default=need) < need for board in whole)
    for board in joint:
        if board.key in apart:
            fields[board.key] = piece_capacities(board, context, apart[board.key])
    fits = size_for(whole, context, need) if short else None
    return BoardCapacity(
        size, fields, need, apart, posters=True, largest=size == sizes[-1], fits=fits
    )


def _fits(joint: Sequence[Board], context: Context, need: int, sizes: list[str]) -> str:
    """The smallest poster size on which the boards printed whole hold ``need`` notes."""
    whole = [board for board in joint if not apart_size(board, context, need, sizes[0])]
    return size_for(whole, context, need) if whole else sizes[-1]


def _tiled_sheets(plan: PackPlan, context: Context, size: str) -> int:
    """The office sheets the tiled posters take: an overview and its tiles per poster."""
    layout = context.layout
    sheets = 0
    for _, at in posters_of(plan.boards, size):
        tiling = plan_tiling(
            poster_sheet(layout, at),
            layout.paper,
            layout.mm("tiling", "margin_mm"),
            layout.mm("tiling", "overlap_mm"),
        )
        sheets += 1 + len(tiling.tiles)
    return sheets


def _split_jobs(
    plan: PackPlan, context: Context, output: Path, starts: list[int], total: int
) -> list[tuple[Path, bytes]]:
    """Each print job of the pack as a PDF of its own, beside the pack (``pack --split``);
    ``starts``: where each page of the plan starts in the whole pack (of ``total`` pages),
    which every part's contents and print guide name, and which its pages carry: in the
    footer, and as the PDF's page labels, so a viewer's "page 20" is the pack's page 20."""
    numbers = contents_numbers(plan, starts)
    ends = [start - 1 for start in starts[1:]] + [total]
    files = []
    for job in jobs_of(plan):
        path = output.with_name(job.file)
        check_target(path)
        data = io.BytesIO()
        pages = [plan.pages[i] for i in job.indices]
        part = replace(plan, pages=pages, outline=subset(plan.outline, job.indices))
        carried = [n for i in job.indices for n in range(starts[i], ends[i] + 1)]
        render_pack(part, context, data, contents=numbers, numbers=carried)
        files.append((path, data.getvalue()))
    return files


def _title(p: Prepared) -> str:
    return session_title(p.session, Words(p.content))


def _no_boards(doc: Document) -> Problem:
    line, column = doc.locate(("agenda",))
    return Problem(
        "--boards: the agenda has no joint boards to print as posters",
        file=doc.path,
        line=line,
        column=column,
        hint="Include ambition, contribution, scaling or next_steps, or leave out --boards.",
        key="no_boards_option",
    )
