"""The print guide: each print job of the pack with its pages, copies, paper and sides, and
the file ``pack --split`` writes for it.

Page numbers are known only once the pack is laid out: the guide is laid out with numbers
as wide as any it can show, and filled in from where each page of the plan started once the
build has placed them all (``pipeline._paginated``, ``render.contents.LateText``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from workbook.core.text import fill
from workbook.core.typography import typeset
from workbook.plan import room
from workbook.plan.checklist import Checklist
from workbook.plan.document import PackPlan
from workbook.plan.words import plural_flags
from workbook.plan.worksheets import (
    AnalysisBoard,
    Board,
    CircleSheet,
    NextStepsBoard,
    ReflectionSheet,
)

# The print jobs in the pack, in the order they come: the key names its file with --split.
BOOKLET, HANDOUTS, BOARDS, CARDS, ROOM = "booklet", "handouts", "boards", "cards", "room"


@dataclass(frozen=True)
class PrintJob:
    key: str  # one of the jobs above, or "posters" and "agenda" for files beside the pack
    item: str
    pages: str  # "s. 19–30", or for a file of its own its count of pages ("2 sider")
    copies: int
    paper: str
    sides: str
    sheets: int
    file: str  # the file --split writes for it (or the file beside the pack that holds it)
    indices: tuple[int, ...] = ()  # the plan's pages this job prints
    total: str = ""  # the total its sheets count in: office sheets or posters, by size


@dataclass(frozen=True)
class Total:
    """A total of the print guide: the office sheets of one paper, or the posters of one
    size (never added to office sheets)."""

    label: str
    key: str


def job_of(page: object) -> str:
    if isinstance(page, CircleSheet):
        return HANDOUTS
    if isinstance(page, AnalysisBoard | ReflectionSheet | NextStepsBoard):
        return BOARDS
    if isinstance(page, room.NameCard):
        return CARDS
    if isinstance(page, room.SignInSheet | room.SessionRecord):
        return ROOM
    return BOOKLET


def jobs_by_page(plan: PackPlan) -> dict[str, list[int]]:
    """The plan's page indices for each print job the pack holds, in the pack's order."""
    found: dict[str, list[int]] = {}
    for index, page in enumerate(plan.pages):
        found.setdefault(job_of(page), []).append(index)
    return found


def split_name(stem: str, checklist: Checklist, key: str) -> str:
    files = checklist.guide.files if checklist.guide else None
    name = getattr(files, key) if files else key
    return f"{stem}-{name}.pdf"


def with_print_guide(
    plan: PackPlan,
    starts: list[int],
    total: int,
    stem: str,
    posters: str | None,
    posters_file: str | None,
    paper_key: str = "a4",
    tiled: int = 0,
    agenda_pages: int = 1,
) -> PackPlan:
    """The plan with its print guide filled in from where each page starts in the pack;
    ``tiled``: the sheets of ``paper_key`` the posters take when tiled, else 0;
    ``agenda_pages``: the pages of the participants' agenda (``workbook agenda``) on that
    paper. Every count is a count of the pages the PDFs hold, and posters are totalled
    apart from office sheets."""
    checklist = next((p for p in plan.pages if isinstance(p, Checklist)), None)
    if checklist is None or checklist.guide is None:
        return plan
    words, names = checklist.guide, checklist.paper_names
    checklist = replace(checklist, paper=paper_key)
    paper = names.get(paper_key, paper_key)
    office = f"sheets-{paper_key}"
    ends = [start - 1 for start in starts[1:]] + [total]
    credits = any(isinstance(page, room.Credits) for page in plan.pages)
    jobs: list[PrintJob] = []
    for key, indices in jobs_by_page(plan).items():
        pages = sorted({n for i in indices for n in range(starts[i], ends[i] + 1)})
        count = len(pages)
        copies, sides, sheets = 1, words.one_sided, count
        if key == BOOKLET:
            sides, sheets = words.two_sided, -(-count // 2)
        elif key == CARDS:
            sides = words.folded
        item = getattr(words, {ROOM: "sign_in"}.get(key, key), "")
        if key == BOOKLET and not credits:  # the booklet ends with the planning, not the thanks
            item = words.booklet_without_credits
        if key == HANDOUTS:
            item = checklist.handouts_item
        if key == ROOM:
            item = f"{words.sign_in} · {words.record}"
        if key == BOARDS and posters:
            item = _fill(checklist, words.miniatures, size=paper)
            copies = sheets = 0  # the posters replace them
        elif key == BOARDS:  # the boards printed in the pack, on its paper
            item = _fill(
                checklist, words.boards, size=paper, count=_smallest(checklist, plan.boards)
            )
        jobs.append(
            PrintJob(
                key,
                item,
                typeset(_ranges(pages, words.page_range, words.page_one), checklist.rules),
                copies,
                paper,
                sides,
                copies * sheets,
                split_name(stem, checklist, key),
                tuple(indices),
                office,
            )
        )
    totals = [Total(_fill(checklist, words.total, paper=paper), office)]
    if posters and posters_file and tiled:  # tiled, the posters are office sheets
        jobs.append(_posters(checklist, plan.boards, posters, names, posters_file, tiled, paper))
    elif posters and posters_file:  # whole, they are posters, each size counted apart
        for at, boards in _by_size(plan.boards, posters).items():
            job = _posters(checklist, boards, at, names, posters_file, 0, paper)
            jobs.append(job)
            totals.append(Total(_fill(checklist, words.posters_total, size=job.paper), job.total))
    item, copies = checklist.agenda_item
    jobs.append(
        PrintJob(
            "agenda",
            item,
            _fill(checklist, words.page_count, count=agenda_pages),
            copies,
            paper,
            words.one_sided,
            copies * agenda_pages,
            "",
            total=office,
        )
    )
    hint = ""
    if posters and posters_file and not tiled:
        hint = _fill(checklist, words.tile_hint, size=posters, paper=paper)
    checklist = replace(checklist, jobs=jobs, hint=hint, totals=totals)
    return replace(plan, pages=[checklist if isinstance(p, Checklist) else p for p in plan.pages])


def _by_size(boards: Sequence[Board], size: str) -> dict[str, list[Board]]:
    """The boards by the poster size they print on: ``size``, or for a board too big for
    any poster whole, the size its fields are printed on one to a poster."""
    found: dict[str, list[Board]] = {}
    for board in boards:
        found.setdefault(board.apart or size, []).append(board)
    return found


def _posters(
    checklist: Checklist,
    boards: Sequence[Board],
    size: str,
    names: dict[str, str],
    file: str,
    tiled: int,
    paper: str,
) -> PrintJob:
    """The posters of ``boards`` at ``size``: a poster a board, or a field (``apart``);
    tiled, the office sheets they take instead."""
    words = checklist.guide
    assert words is not None
    name = names.get(size, size)
    item = _fill(checklist, words.boards, size=name, count=_smallest(checklist, boards))
    count = tiled or sum(board.field_count if board.apart else 1 for board in boards)
    sheet, counted = (paper, f"sheets-{checklist.paper}") if tiled else (name, f"posters-{size}")
    pages = _fill(checklist, words.page_count, count=count)
    return PrintJob("posters", item, pages, 1, sheet, words.one_sided, count, file, total=counted)


def _smallest(checklist: Checklist, boards: Sequence[Board]) -> int:
    """The post-its the smallest field of ``boards`` holds, as the print list measured it."""
    keys = {board.key for board in boards}
    rows = checklist.print_rows
    return min((r.smallest for r in rows if r.board in keys and r.smallest is not None), default=0)


def _fill(checklist: Checklist, source: str, **context: object) -> str:
    context = plural_flags(context, checklist.locale)
    return typeset(fill(source, **context), checklist.rules)


def jobs_of(plan: PackPlan) -> list[PrintJob]:
    """The print jobs the pack holds (not the files beside it), once measured."""
    checklist = next((p for p in plan.pages if isinstance(p, Checklist)), None)
    return [job for job in (checklist.jobs if checklist else []) if job.indices]


def _ranges(pages: list[int], many: str, one: str) -> str:
    """Page numbers as runs: "s. 19–30", or "s. 5, s. 7–9" where they are not one run."""
    runs = []
    for _, group in groupby(enumerate(pages), key=lambda pair: pair[1] - pair[0]):
        run = [number for _, number in group]
        if len(run) == 1:
            runs.append(fill(one, first=run[0]))
        else:
            runs.append(fill(many, first=run[0], last=run[-1]))
    return ", ".join(runs)
