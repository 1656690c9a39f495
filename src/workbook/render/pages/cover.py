"""The cover: the guide's three circles, the session's title, its facts, the partners and the
contents, set on the page grid (labels in the side column, values in the text column).

One page with up to 12 partners, whatever the session holds: with many partners or long
values the cover gives way in steps (less air, the contents in columns, a compact partner
list, then smaller circles and headings). A group too large for that has its list on a
page of its own after the cover (continued under its heading), and the cover says so.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Paragraph, Spacer, TableStyle

from workbook.plan.cover import Cover
from workbook.render.contents import PageNumber
from workbook.render.document import PORTRAIT, Block, Context, SectionMark
from workbook.render.fitting import room_left
from workbook.render.flow import AtFoot
from workbook.render.motif import ring
from workbook.render.styles import esc, grid_style, para, rich, table_style
from workbook.render.tables import Table


def render(page: Cover, context: Context) -> Block:
    for compact, air in ((False, 1.0), (False, 0.4), (True, 0.4), (True, 0.0)):
        story = _story(page, context, compact, air)
        if room_left(story, context.layout) is not None:
            return Block(PORTRAIT, story)
    for air in (1.0, 0.4, 0.0):
        story = _story(page, context, False, air, apart=True)
        if room_left(story, context.layout) is not None:
            break
    heading = para(page.partners_label, context.styles.chapter)
    listed = [heading, _partners(page, context, compact=False)]
    if room_left(listed, context.layout) is None:  # two to a row: fewer pages, none near-empty
        listed = [heading, _partners(page, context, compact=True)]
    return Block(PORTRAIT, [*story, PageBreak(), SectionMark(page.partners_label), *listed])


def _story(
    page: Cover, context: Context, compact: bool, air: float, apart: bool = False
) -> list[Flowable]:
    styles, layout = context.styles, context.layout
    story: list[Flowable] = [para(page.subtitle, styles.kicker), Spacer(0, 4 * mm * max(air, 0.2))]
    if page.dialogues:
        story += [_Circles(page, context, air), Spacer(0, 9 * mm * max(air, 0.2))]
    story += [
        para(page.title, _title_style(page.title, context, air)),
        Spacer(0, 3 * mm * max(air, 0.2)),
        _facts(page, context, air),
        Spacer(0, 6 * mm * max(air, 0.2)),
    ]
    partners: Flowable = (
        para(page.partners_apart, styles.body)
        if apart
        else _partners(page, context, compact, padding=3 if air == 1 else 1.5)
    )
    if compact and not apart:  # a crowded list takes the whole width, under its label
        story += [
            para(page.partners_label, styles.kicker),
            partners,
            Spacer(0, 6 * mm * max(air, 0.2)),
        ]
    else:
        story += [_row(page.partners_label, partners, context), Spacer(0, 6 * mm * max(air, 0.2))]
    story += [
        _row(page.contents_label, _contents(page, context, 2), context),
        Spacer(0, 8 * mm * max(air, 0.2)),
    ]
    credit: list[Flowable] = [
        HRFlowable(width="100%", thickness=0.5, color=layout.colour("rule"), spaceAfter=3 * mm)
    ]
    if air == 0:
        credit.append(para(f"{page.credit} {page.project}", styles.muted))
    else:
        credit += [para(page.credit, styles.muted), para(page.project, styles.muted)]
    return [*story, AtFoot(credit)]


class _Circles(Flowable):  # type: ignore[misc]
    """The guide's three dialogues as its circles, numbered, each with its question under
    it, across the page."""

    def __init__(self, page: Cover, context: Context, air: float) -> None:
        super().__init__()
        self.page, self.context = page, context
        layout = context.layout
        # a crowded cover's circles give way too: smaller, then a row of badges with their
        # questions beside them
        self.small = air == 0
        self.largest = layout.mm("motif", "cover_mm") * (1 if air == 1 else 0.72)
        if self.small:
            self.largest = layout.mm("motif", "opener_mm")
        self.captions: list[tuple[Paragraph, Paragraph]] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        styles, layout = self.context.styles, self.context.layout
        self.width = available_width
        self.column = available_width / 3
        self.diameter = min(self.largest, self.column * 0.8)
        beside = self.diameter + 3 * mm if self.small else 0.0
        self.captions = []
        tallest = 0.0
        for key, label, question in self.page.dialogues:
            colour = layout.colour(f"dialogues.{key}")
            top = para(label, styles.kicker)
            under = para(question, styles.in_colour(styles.question, colour))
            room = self.column - 4 * mm - beside
            used = sum(p.wrap(room, available_height)[1] for p in (top, under))
            tallest = max(tallest, used)
            self.captions.append((top, under))
        if self.small:
            self.height = max(self.diameter, tallest)
        else:
            self.height = self.diameter + 3 * mm + tallest
        return self.width, self.height

    def draw(self) -> None:
        radius = self.diameter / 2
        for index, ((key, _, _), (top, under)) in enumerate(
            zip(self.page.dialogues, self.captions, strict=True)
        ):
            x = index * self.column
            cy = self.height - radius
            ring(self.canv, self.context, x + radius, cy, radius, key, True, index + 1)
            if self.small:  # beside the circle
                x, y = x + self.diameter + 3 * mm, self.height
            else:
                y = self.height - self.diameter - 3 * mm
            top.drawOn(self.canv, x, y - top.height)
            under.drawOn(self.canv, x, y - top.height - under.height)


def _title_style(title: str, context: Context, air: float) -> ParagraphStyle:
    """The title's level: the display size, smaller when long, and at the last step the
    size of a chapter's title."""
    styles = context.styles
    if air == 0:
        return styles.display_small
    return styles.display if len(title) <= LONG_TITLE else styles.chapter


LONG_TITLE = 70  # characters; a longer title is set at the chapter's size, to leave room below


def _row(label: str, value: Flowable, context: Context) -> Table:
    """A label in the side column beside its value in the text column."""
    grid = context.styles.grid
    table = Table([[para(label, context.styles.kicker), value]], colWidths=[grid.indent, None])
    table.setStyle(grid_style())
    return table


def _facts(page: Cover, context: Context, air: float) -> Table:
    """The session's facts, each its label in the side column and its value beside it:
    the date and time first, larger."""
    styles = context.styles
    grid = styles.grid
    rows: list[list[object]] = []
    spans = []
    for index, (label, value) in enumerate(page.facts):
        style = styles.lead_plain if index < 2 and air else styles.body
        if too_wide_for_measure(value, style, context):
            # an address too wide for the text column even at the floor: the whole width,
            # under its label
            whole = kept_whole(value, style, grid.frame, context)
            rows.append([[para(label, styles.kicker), whole], ""])
            spans.append(("SPAN", (0, index), (1, index)))
        else:
            rows.append(
                [para(label, styles.kicker), kept_whole(value, style, grid.measure, context)]
            )
    table = Table(rows, colWidths=[grid.indent, None], splitInRow=1)
    style = grid_style(1.5 if air == 1 else 0.5)
    for span in spans:
        style.add(*span)
    table.setStyle(style)
    return table


def too_wide_for_measure(value: str, style: ParagraphStyle, context: Context) -> bool:
    """A value that cannot break (an e-mail address) and is wider than the text column
    even at the floor size: it takes the page's width under its label instead."""
    floor = context.layout.size("min")
    return " " not in value.strip() and stringWidth(value, style.fontName, floor) > (
        context.styles.grid.measure
    )


def kept_whole(value: str, style: ParagraphStyle, width: float, context: Context) -> Paragraph:
    """A value that cannot break (an e-mail address) at a size that keeps it whole on its
    line, never under the floor."""
    if " " in value.strip() or stringWidth(value, style.fontName, style.fontSize) <= width:
        return para(value, style)
    size = style.fontSize
    floor = context.layout.size("min")
    while size > floor and stringWidth(value, style.fontName, size) > width:
        size = max(floor, size - 0.5)
    return para(value, ParagraphStyle("whole", parent=style, fontSize=size, leading=size * 1.3))


def _contents(page: Cover, context: Context, count: int) -> Table:
    """The chapters with the page each starts on, in ``count`` columns (the numbers are
    filled in when the pack is laid out: render/contents.py)."""
    styles, layout = context.styles, context.layout
    size, colour = styles.body.fontSize, layout.colour("muted")
    cells: list[object] = []
    for key, section in zip(page.contents_keys, page.contents, strict=False):
        cells += [para(section, styles.body), PageNumber(key, size, colour)]
    per_row = 2 * count
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    frame = styles.grid.measure
    number = 12 * mm
    item = (frame - count * number) / count
    table = Table(rows, colWidths=[item, number] * count, hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (1, 0), (-1, -1), 6 * mm if count > 1 else 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, layout.colour("guide")),
            ]
        )
    )
    return table


def _partners(page: Cover, context: Context, compact: bool, padding: float = 3) -> Table:
    """A row per partner (name, then organisation and role); compact: two to a row with
    name and organisation only, so the cover stays one page with up to 12."""
    styles, layout = context.styles, context.layout
    if not compact or len(page.organisations) != len(page.partners):
        rows = [
            [[para(name, styles.cell_bold), para(affiliation, styles.muted)]]
            for name, affiliation in page.partners
        ]
        widths: list[object] = ["100%"]
    else:
        cells = [  # the organisation runs on after the name: a line less per partner
            rich(f"<b>{esc(name)}</b> · {esc(organisation)}", styles.cell)
            for (name, _), organisation in zip(page.partners, page.organisations, strict=True)
        ]
        if len(cells) % 2:
            cells.append(para("", styles.cell))
        rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
        widths = ["50%", "50%"]
    table = Table(rows, colWidths=widths, repeatRows=0, splitInRow=1)
    style = table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, layout.colour("guide")),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
        ]
    )
    table.setStyle(style)
    return table


def facts_table(facts: list[tuple[str, str]], context: Context, padding: float = 4) -> Table:
    """Label and value, a row each: date, time, venue, host, facilitator, contact (the
    participants' programme).

    A value that cannot break (an e-mail address) and is too wide for its column gets the
    whole row, under its label, at a size that keeps it whole (never under the floor)."""
    styles, layout = context.styles, context.layout
    label_width = 34 * mm
    frame = layout.paper[0] - layout.margin("left") - layout.margin("right")
    rows: list[list[object]] = []
    spans: list[tuple[object, ...]] = []
    for index, (label, value) in enumerate(facts):
        wide = stringWidth(value, styles.body.fontName, styles.body.fontSize)
        if " " not in value.strip() and wide > frame - label_width:
            rows.append(
                [[para(label, styles.label), kept_whole(value, styles.body, frame, context)], ""]
            )
            spans.append(("SPAN", (0, index), (1, index)))
        else:
            rows.append([para(label, styles.label), para(value, styles.body)])
    table = Table(
        rows,
        colWidths=[label_width, None],
        splitInRow=1,  # a venue or title of a page's length must flow on, not fail
    )
    style = _rows_style(layout, padding)
    for span in spans:
        style.add(*span)
    table.setStyle(style)
    return table


def _rows_style(layout: object, padding: float = 4) -> TableStyle:
    rule = layout.colour("rule")  # type: ignore[attr-defined]
    return table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, rule),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
