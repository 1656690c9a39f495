"""The planning checklist and the list of what to print, counted for this session."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from workbook.plan import Checklist
from workbook.render.document import PORTRAIT, Block, Context, SectionMark
from workbook.render.styles import para, table_style


def render(page: Checklist, context: Context) -> Block:
    styles, layout = context.styles, context.layout
    story: list[Flowable] = [
        SectionMark(page.heading),
        para(page.heading, styles.h1),
        para(page.lead, styles.lead),
        para(page.title, styles.h2),
        para(page.intro, styles.body),
    ]
    box = 4.2 * mm
    if page.deadlines:
        dated = [_dated(date, task, context) for date, task in page.deadlines]
        title = para(page.deadlines_title, styles.h3)
        story.append(KeepTogether([title, _ticks(dated, context, box)]))
    for group in page.groups:
        items = [para(item, styles.body) for item in group.items]
        story.append(KeepTogether([para(group.title, styles.h3), _ticks(items, context, box)]))
    story += [Spacer(0, 4 * mm), para(page.print_title, styles.h2)]
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
            ]
        )
    )
    story += [table, Spacer(0, 2 * mm), para(page.print_hint, styles.muted)]
    return Block(PORTRAIT, story)


def _dated(date: str, task: str, context: Context) -> Table:
    styles = context.styles
    row = [[para(date, styles.strong), para(task, styles.body)]]
    table = Table(row, colWidths=[58 * mm, None])
    table.setStyle(
        table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def _ticks(items: list[Flowable], context: Context, box: float) -> Table:
    """Each item with an empty square to tick on paper."""
    layout = context.layout
    cells = [[_TickBox(box, layout.colour("accent")), item] for item in items]
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


class _TickBox(Flowable):
    def __init__(self, size: float, colour: object) -> None:
        super().__init__()
        self.size = size
        self.colour = colour

    def wrap(self, *_: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(0.9)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
