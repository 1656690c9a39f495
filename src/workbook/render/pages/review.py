"""The review sheet: the earlier session's next steps, with room to write where each stands."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from workbook.plan.review import ReviewSheet
from workbook.render.document import LANDSCAPE, Block, Context, SectionMark
from workbook.render.flow import keep_rows
from workbook.render.motif import opener
from workbook.render.styles import para, table_style
from workbook.render.tables import Table


def render_review(page: ReviewSheet, context: Context) -> Block:
    styles, layout = context.styles, context.layout
    rows: list[list[Flowable | str]] = [[para(c, styles.label) for c in page.columns]]
    room = Spacer(0, layout.mm("cards", "record_row_mm") * 2)  # room to write; a row grows
    # a name breaks after its own hyphens, never inside a word of a narrow column
    name = ParagraphStyle("review-name", parent=styles.cell_bold, embeddedHyphenation=2)
    for who, what, when in page.items:
        rows.append([para(who, name), para(what, styles.cell), para(when, styles.cell), room])
    table = Table(rows, colWidths=["24%", "32%", "14%", "30%"], repeatRows=1)  # rows whole
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, layout.colour("accent")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.5, layout.colour("rule")),
                ("LINEBEFORE", (3, 0), (3, -1), 0.5, layout.colour("rule")),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                # the header never alone at a page's foot, the last rows never alone on one
                *keep_rows(len(rows)),
            ]
        )
    )
    # a part of the agenda: its title at the part's level in the opening band a run sheet
    # opens with (the circles grey: the review belongs to no one dialogue)
    band = opener(context, para(page.title, styles.part), after=[para(page.lead, styles.lead)])
    story = [SectionMark(page.title), band, table]
    return Block(LANDSCAPE, story)
