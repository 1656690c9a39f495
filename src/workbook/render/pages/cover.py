"""The cover: the session at a glance, and credit to the guide and its authors."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Spacer, TableStyle

from workbook.plan.cover import Cover
from workbook.render.contents import PageNumber
from workbook.render.document import PORTRAIT, Block, Context, SectionMark
from workbook.render.fitting import room_left
from workbook.render.styles import esc, para, rich, table_style
from workbook.render.tables import Table


def render(page: Cover, context: Context) -> Block:
    """One page with up to 12 partners, whatever the session holds: with many partners or
    long values the cover gives way in steps (less air and the contents in columns, then a
    compact partner list, then headings and title closing up). A group too large for that
    has its list on a page of its own after the cover (continued under its heading), and
    the cover says so."""
    for compact, air in ((False, 1.0), (False, 0.4), (True, 0.4), (True, 0.0)):
        story = _story(page, context, compact, air)
        if room_left(story, context.layout) is not None:
            return Block(PORTRAIT, story)
    for air in (1.0, 0.4, 0.0):
        story = _story(page, context, False, air, apart=True)
        if room_left(story, context.layout) is not None:
            break
    heading = para(page.partners_label, context.styles.h1)
    listed = [heading, _partners(page, context, compact=False)]
    if room_left(listed, context.layout) is None:  # two to a row: fewer pages, none near-empty
        listed = [heading, _partners(page, context, compact=True)]
    return Block(PORTRAIT, [*story, PageBreak(), SectionMark(page.partners_label), *listed])


def _story(
    page: Cover, context: Context, compact: bool, air: float, apart: bool = False
) -> list[Flowable]:
    styles, layout = context.styles, context.layout
    accent = layout.colour("accent")
    heading = styles.h2 if air else styles.h3
    story: list[Flowable] = [
        HRFlowable(width="100%", thickness=5, color=accent, spaceAfter=14 * mm * air),
        para(page.title, _title_style(page.title, context, air)),
        para(page.subtitle, styles.lead),
        Spacer(0, 6 * mm * air),
    ]
    story += [
        facts_table(page.facts, context, padding=4 if air == 1 else 2),
        Spacer(0, 8 * mm * air),
        para(page.partners_label, heading),
    ]
    if apart:
        story.append(para(page.partners_apart, styles.body))
    else:
        story.append(_partners(page, context, compact, padding=4 if air == 1 else 2))
    story.append(Spacer(0, 8 * mm * air))
    story += [para(page.contents_label, heading), _contents(page, context, 1 if air == 1 else 3)]
    story += [
        Spacer(0, 10 * mm * air),
        HRFlowable(width="100%", thickness=0.5, color=layout.colour("rule"), spaceAfter=3 * mm),
    ]
    if air == 0:
        story.append(para(f"{page.credit} {page.project}", styles.muted))
    else:
        story += [para(page.credit, styles.muted), para(page.project, styles.muted)]
    return story


def _title_style(title: str, context: Context, air: float) -> ParagraphStyle:
    """The title's size: smaller when long, and at the last step the size of a heading."""
    styles = context.styles
    if air == 0:
        return styles.h2
    return styles.title if len(title) <= LONG_TITLE else styles.h1


def _contents(page: Cover, context: Context, count: int) -> Table:
    """The sections with the page each starts on, in ``count`` columns (the numbers are
    filled in when the pack is laid out: render/contents.py)."""
    styles, layout = context.styles, context.layout
    size, colour = styles.body.fontSize, layout.colour("muted")
    cells: list[object] = []
    for key, section in zip(page.contents_keys, page.contents, strict=False):
        cells += [para(section, styles.body, bullet="•"), PageNumber(key, size, colour)]
    per_row = 2 * count
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    frame = layout.paper[0] - layout.margin("left") - layout.margin("right")
    number = 12 * mm
    item = (frame - count * number) / count if count > 1 else frame * 0.6
    table = Table(rows, colWidths=[item, number] * count, hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (1, 0), (-1, -1), 6 * mm if count > 1 else 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


LONG_TITLE = 60  # characters; a longer title is set at the h1 size, to leave room below


def _partners(page: Cover, context: Context, compact: bool, padding: float = 4) -> Table:
    """A row per partner (name, organisation and role); compact: two to a row with name
    and organisation only, so the cover stays one page with up to 12."""
    styles, layout = context.styles, context.layout
    if not compact or len(page.organisations) != len(page.partners):
        rows = [
            [para(name, styles.cell_bold), para(affiliation, styles.cell)]
            for name, affiliation in page.partners
        ]
        widths = ["40%", "60%"]
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
    style = _rows_style(layout, padding)
    style.add("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm)
    table.setStyle(style)
    return table


def facts_table(facts: list[tuple[str, str]], context: Context, padding: float = 4) -> Table:
    """Label and value, a row each: date, time, venue, host, facilitator, contact.

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
            size = styles.body.fontSize
            while size > layout.size("min") and (
                stringWidth(value, styles.body.fontName, size) > frame
            ):
                size = max(layout.size("min"), size - 0.5)
            whole = ParagraphStyle("whole", parent=styles.body, fontSize=size, leading=size * 1.3)
            rows.append([[para(label, styles.label), para(value, whole)], ""])
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
