"""The cover: the session at a glance, and credit to the guide and its authors."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer, Table, TableStyle

from workbook.plan import Cover
from workbook.render.document import PORTRAIT, Block, Context
from workbook.render.styles import para, table_style


def render(page: Cover, context: Context) -> Block:
    styles, layout = context.styles, context.layout
    accent = layout.colour("accent")
    story: list[Flowable] = [
        HRFlowable(width="100%", thickness=5, color=accent, spaceAfter=14 * mm),
        para(page.title, styles.title if len(page.title) <= LONG_TITLE else styles.h1),
        para(page.subtitle, styles.lead),
        Spacer(0, 6 * mm),
    ]
    story += [
        facts_table(page.facts, context),
        Spacer(0, 8 * mm),
        para(page.partners_label, styles.h2),
    ]
    partners = _partners(page, context)
    story += [partners, Spacer(0, 8 * mm), para(page.contents_label, styles.h2)]
    story += [para(item, styles.body, bullet="•") for item in page.contents]
    story += [
        Spacer(0, 10 * mm),
        HRFlowable(width="100%", thickness=0.5, color=layout.colour("rule"), spaceAfter=3 * mm),
        para(page.credit, styles.muted),
        para(page.project, styles.muted),
    ]
    return Block(PORTRAIT, story)


LONG_TITLE = 60  # characters; a longer title is set at the h1 size, to leave room below
COMPACT_FROM = 7  # partners from which the cover lists them compactly, to stay one page


def _partners(page: Cover, context: Context) -> Table:
    """A row per partner (name, organisation and role); with many partners, two to a row
    with name and organisation only, so the cover stays one page with up to 12."""
    styles, layout = context.styles, context.layout
    if len(page.partners) < COMPACT_FROM or len(page.organisations) != len(page.partners):
        rows = [
            [para(name, styles.cell_bold), para(affiliation, styles.cell)]
            for name, affiliation in page.partners
        ]
        widths = ["40%", "60%"]
    else:
        cells = [
            [para(name, styles.cell_bold), para(organisation, styles.cell)]
            for (name, _), organisation in zip(page.partners, page.organisations, strict=True)
        ]
        if len(cells) % 2:
            cells.append([])
        rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
        widths = ["50%", "50%"]
    table = Table(rows, colWidths=widths, repeatRows=0, splitInRow=1)
    style = _rows_style(layout)
    style.add("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm)
    table.setStyle(style)
    return table


def facts_table(facts: list[tuple[str, str]], context: Context) -> Table:
    """Label and value, a row each: date, time, venue, host, facilitator."""
    styles = context.styles
    table = Table(
        [[para(label, styles.label), para(value, styles.body)] for label, value in facts],
        colWidths=[34 * mm, None],
        splitInRow=1,  # a venue or title of a page's length must flow on, not fail
    )
    table.setStyle(_rows_style(context.layout))
    return table


def _rows_style(layout: object) -> TableStyle:
    rule = layout.colour("rule")  # type: ignore[attr-defined]
    return table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, rule),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
