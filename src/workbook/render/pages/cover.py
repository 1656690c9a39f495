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
        para(page.title, styles.title),
        para(page.subtitle, styles.lead),
        Spacer(0, 6 * mm),
    ]
    story += [
        facts_table(page.facts, context),
        Spacer(0, 8 * mm),
        para(page.partners_label, styles.h2),
    ]
    partners = Table(
        [
            [para(name, styles.cell_bold), para(affiliation, styles.cell)]
            for name, affiliation in page.partners
        ],
        colWidths=["40%", "60%"],
        repeatRows=0,
        splitInRow=1,
    )
    partners.setStyle(_rows_style(layout))
    story += [partners, Spacer(0, 8 * mm), para(page.contents_label, styles.h2)]
    story += [para(item, styles.body, bullet="•") for item in page.contents]
    story += [
        Spacer(0, 10 * mm),
        HRFlowable(width="100%", thickness=0.5, color=layout.colour("rule"), spaceAfter=3 * mm),
        para(page.credit, styles.muted),
        para(page.project, styles.muted),
    ]
    return Block(PORTRAIT, story)


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
