"""The review sheet: the earlier session's next steps, with room to write where each stands."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from workbook.plan.review import ReviewSheet
from workbook.render.document import LANDSCAPE, Block, Context
from workbook.render.styles import para, table_style
from workbook.render.tables import Table


def render_review(page: ReviewSheet, context: Context) -> Block:
    styles, layout = context.styles, context.layout
    rows: list[list[Flowable | str]] = [[para(c, styles.label) for c in page.columns]]
    room = Spacer(0, layout.mm("cards", "record_row_mm") * 2)  # room to write; a row grows
    for who, what, when in page.items:
        rows.append(
            [para(who, styles.cell_bold), para(what, styles.cell), para(when, styles.cell), room]
        )
    table = Table(rows, colWidths=["18%", "34%", "14%", "34%"], repeatRows=1, splitInRow=1)
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, layout.colour("accent")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.5, layout.colour("rule")),
                ("LINEBEFORE", (3, 0), (3, -1), 0.5, layout.colour("rule")),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    # a part of the agenda: its title at the part's level, as a run sheet sets it
    story = [para(page.title, styles.part), para(page.lead, styles.lead), table]
    return Block(LANDSCAPE, story)
