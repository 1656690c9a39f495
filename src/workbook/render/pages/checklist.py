"""The planning checklist and the list of what to print, counted for this session."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from workbook.core.text import fill
from workbook.plan.checklist import Checklist
from workbook.plan.print_guide import PrintJob
from workbook.render.boxes import TickBox
from workbook.render.contents import LateText
from workbook.render.document import PORTRAIT, Block, Context
from workbook.render.flow import keep_rows, settled
from workbook.render.motif import chapter_opening
from workbook.render.pages.passages import invitation_story
from workbook.render.styles import para, table_style
from workbook.render.tables import Table


def render(page: Checklist, context: Context) -> Block:
    if not (page.jobs and page.guide):
        return Block(PORTRAIT, _story(page, context, False))

    # the print guide read on one page where that is what keeps the page before it from
    # ending short (its capacity table never alone on a page after a page left short)
    def build(keep: int) -> list[Flowable]:
        return _story(page, context, bool(keep))

    # settled the same again for the same page (a --watch render, a batch on one agenda)
    return Block(PORTRAIT, settled(build, context.layout, 1, key=repr(page)))


def _story(page: Checklist, context: Context, whole_guide: bool) -> list[Flowable]:
    styles, layout = context.styles, context.layout
    story: list[Flowable] = [
        *chapter_opening(context, page.heading, page.lead),
        para(page.title, styles.section),
        para(page.intro, styles.text),
    ]
    box = 4.2 * mm
    if page.deadlines:
        title = para(page.deadlines_title, styles.sub)
        story += [title, _deadlines(page.deadlines, context, box)]
    for group in page.groups:
        items = [para(item, styles.body) for item in group.items]
        story.append(_group(group.title, _ticks(items, context, box), context))
    if page.invitation is not None:  # the guide's advice, beside the checklist it follows
        story += invitation_story(page.invitation, context)
    if page.jobs and page.guide:
        guide = _print_guide(page, context)
        warnings: list[Flowable] = [para(warning, styles.strong) for warning in page.warnings]
        if warnings:  # the warnings never stand alone on a page: they keep with what they
            # are about, the last table with its heading (a heading keeps with what follows)
            heading = getattr(getattr(guide[-2], "style", None), "keepWithNext", 0)
            tail = 2 if heading else 1
            guide[-tail:] = [KeepTogether([*guide[-tail:], *warnings])]
        story += [KeepTogether(guide)] if whole_guide else guide
        return story
    story += [Spacer(0, 4 * mm), para(page.print_title, styles.section)]
    rows_data: list[list[Flowable]] = [[para(c, styles.label) for c in page.print_columns]]
    for row in page.print_rows:
        rows_data.append(
            [
                para(row.item, styles.cell),
                para(str(row.copies), styles.cell),
                para(str(row.sheets) if row.sheets else "–", styles.cell),
                para("–" if row.post_its is None else str(row.post_its), styles.cell),
            ]
        )
    total = page.total_sheets
    rows_data.append(
        [
            para(page.print_total, styles.cell_bold),
            para("", styles.cell),
            para(str(total), styles.cell_bold),
            para("", styles.cell),
        ]
    )
    table = Table(rows_data, colWidths=[None, 26 * mm, 16 * mm, 34 * mm], repeatRows=1)
    table.setStyle(
        table_style(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 1, layout.colour("accent")),
                ("LINEBELOW", (0, 1), (-1, -2), 0.4, layout.colour("rule")),
                ("LINEABOVE", (0, -1), (-1, -1), 1, layout.colour("accent")),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                *keep_rows(len(rows_data)),
            ]
        )
    )
    story += [table, Spacer(0, 2 * mm), para(page.print_hint, styles.muted)]
    story += [para(warning, styles.strong) for warning in page.warnings]
    return story


def _print_guide(page: Checklist, context: Context) -> list[Flowable]:
    """Each print job with its pages, copies, paper and sides, and the file --split writes;
    then how many post-its each board holds at the size printed."""
    styles, layout = context.styles, context.layout
    words = page.guide
    assert words is not None
    head = [words.item, words.pages, words.copies, words.paper, words.sides, page.print_columns[2]]
    rows: list[list[Flowable]] = [[para(c, styles.label) for c in head]]
    late = late_texts(page)
    for job in page.jobs:
        item = [para(job.item, styles.cell), para(job.file, styles.muted)]
        pages, sheets = _pages_key(job), _sheets_key(job)
        rows.append(
            [
                item,
                _late_cell(pages, late.get(pages), styles.cell),
                para(str(job.copies) if job.copies else "–", styles.cell),
                para(job.paper, styles.cell),
                para(job.sides, styles.cell),
                _late_cell(sheets, WIDEST_COUNT if sheets in late else None, styles.cell),
            ]
        )
    # office sheets and posters, each totalled apart (an A0 poster is no A4 sheet)
    for total in page.totals:
        rows.append(
            [para(total.label, styles.cell_bold)]
            + [para("", styles.cell)] * 4
            + [LateText(_total_key(total.key), WIDEST_COUNT, styles.cell_bold)]
        )
    table = Table(rows, colWidths=[None, 22 * mm, 15 * mm, 13 * mm, 25 * mm, 15 * mm], repeatRows=1)
    table.setStyle(_rules(layout, totals=len(page.totals), rows=len(rows)))
    # the guide's table is read whole: it starts a page rather than break after a row or two
    story: list[Flowable] = [
        Spacer(0, 4 * mm),
        KeepTogether([para(words.title, styles.section), para(words.lead, styles.text), table]),
    ]
    if page.hint:
        story += [Spacer(0, 2 * mm), para(page.hint, styles.muted)]
    story += [para(split, styles.muted) for split in page.splits]
    boards = [row for row in page.print_rows if row.board and row.post_its is not None]
    if boards:
        title = para(fill(words.capacity_title, size=page.size_name), styles.sub)
        rows = [
            [
                para(words.capacity_board_label, styles.label),
                para(words.capacity_smallest, styles.label),
                para(words.capacity_board, styles.label),
            ]
        ]
        for row in boards:
            rows.append(
                [
                    para(row.item, styles.cell),
                    para(str(row.smallest), styles.cell),
                    para(str(row.post_its), styles.cell),
                ]
            )
        capacity = Table(rows, colWidths=[None, 30 * mm, 30 * mm], repeatRows=1)
        capacity.setStyle(_rules(layout, totals=0, rows=len(rows)))
        story += [Spacer(0, 3 * mm), title, capacity]
    return story


# The room every count of sheets is given before the pack is laid out: a pack has fewer
# than a thousand pages, and the bundled fonts' figures are all as wide as one another.
WIDEST_COUNT = "888"


def late_texts(page: Checklist) -> dict[str, str]:
    """The print guide's texts that come from where the pack's pages fall, by the key each
    cell draws (a job printed on no sheet of its own, such as boards the posters replace,
    shows a dash instead)."""
    texts = {}
    for job in page.jobs:
        if job.pages:
            texts[_pages_key(job)] = job.pages
        if job.sheets:
            texts[_sheets_key(job)] = str(job.sheets)
    for total in page.totals:
        counted = sum(job.sheets for job in page.jobs if job.total == total.key)
        texts[_total_key(total.key)] = str(counted)
    return texts


def _total_key(key: str) -> str:
    return f"total-{key}"


def _late_cell(key: str, room: str | None, style: ParagraphStyle) -> Flowable:
    """A cell whose text comes once the pack is laid out, in ``room``; a dash without."""
    return LateText(key, room, style) if room is not None else para("–", style)


def _pages_key(job: PrintJob) -> str:
    return f"pages-{job.key}"


def _sheets_key(job: PrintJob) -> str:
    return f"sheets-{job.key}"


def _rules(layout: object, totals: int = 1, rows: int = 0) -> object:
    commands = [
        *keep_rows(rows),
        ("LINEBELOW", (0, 0), (-1, 0), 1, layout.colour("accent")),  # type: ignore[attr-defined]
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, layout.colour("rule")),  # type: ignore[attr-defined]
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if totals:
        commands.append(("LINEABOVE", (0, -totals), (-1, -totals), 1, layout.colour("accent")))  # type: ignore[attr-defined]
    return table_style(commands)


def _deadlines(deadlines: list[tuple[str, str]], context: Context, box: float) -> Table:
    """Each dated task: its date in the side column, a box to tick and the task beside it."""
    styles, layout = context.styles, context.layout
    grid = styles.grid
    rows = [
        [
            para(date, styles.side_bold),
            TickBox(box, layout.colour("accent")),
            para(task, styles.body),
        ]
        for date, task in deadlines
    ]
    table = Table(rows, colWidths=[grid.indent, box + 4 * mm, grid.measure - box - 4 * mm])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                *keep_rows(len(rows), header=0),
            ]
        )
    )
    return table


def _group(title: str, ticks: Table, context: Context) -> Table:
    """A group of the checklist: its title in the side column, its points in the text
    column, kept whole."""
    grid = context.styles.grid
    table = Table([[para(title, context.styles.sub), ticks]], colWidths=[grid.indent, None])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _ticks(items: list[Flowable], context: Context, box: float) -> Table:
    """Each item with an empty square to tick on paper."""
    layout = context.layout
    cells = [[TickBox(box, layout.colour("accent")), item] for item in items]
    table = Table(cells, colWidths=[box + 4 * mm, None])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table
