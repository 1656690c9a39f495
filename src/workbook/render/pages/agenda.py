"""The agenda: every chosen part on the clock, with purpose and materials."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from workbook.plan import Agenda
from workbook.render.document import PORTRAIT, Block, Context
from workbook.render.pages.timeline import TimelineFlowable
from workbook.render.styles import para, table_style


def render(page: Agenda, context: Context) -> Block:
    styles, layout = context.styles, context.layout
    one_day = len(page.days) == 1
    lead = page.days[0].heading if one_day else page.subheading
    story: list[Flowable] = [para(page.heading, styles.h1), para(lead, styles.lead)]
    for day in page.days:
        if not one_day:
            story.append(para(day.heading, styles.h2))
        if day.timeline:
            story += [TimelineFlowable(day.timeline, context), Spacer(0, 4 * mm)]
        header = [para(column, styles.label) for column in page.columns]
        rows: list[list[Flowable]] = [header]
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 1, layout.colour("accent")),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, layout.colour("rule")),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ]
        for index, row in enumerate(day.rows, 1):
            title = [para(row.title, styles.cell_bold), para(row.duration, styles.muted)]
            rows.append(
                [
                    para(row.clock, styles.cell_bold),
                    title,  # type: ignore[list-item]
                    para(row.purpose, styles.cell),
                    para(row.materials, styles.cell),
                ]
            )
            if row.pause:
                commands.append(("BACKGROUND", (0, index), (-1, index), layout.colour("pause")))
        table = Table(rows, colWidths=["19%", "33%", "28%", "20%"], repeatRows=1, splitInRow=1)
        table.setStyle(table_style(commands))
        story += [table, Spacer(0, 4 * mm)]
    story += [para(page.total, styles.h3), para(page.guide_total, styles.muted)]
    return Block(PORTRAIT, story)
