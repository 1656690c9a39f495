"""Materials for the room: name cards (table tents), the sign-in sheet, the record of the
session, and the credits page."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer

from workbook.plan.room import Credits, NameCard, SessionRecord, SignInSheet
from workbook.render.boxes import Sheet, TickBox, draw_in_box
from workbook.render.document import PORTRAIT, Block, Context
from workbook.render.pages.draw import style
from workbook.render.styles import esc, para, rich, table_style
from workbook.render.tables import Table


def render_card(page: NameCard, context: Context) -> Block:
    return Block(PORTRAIT, [Sheet(lambda c, w, h: _card(c, w, h, page, context))])


def _card(canvas: Canvas, width: float, height: float, page: NameCard, context: Context) -> None:
    """Both faces of the tent: the lower half as printed, the upper half turned round, so
    that folded along the middle each side reads the right way up across the table."""
    layout = context.layout
    half = height / 2
    canvas.setStrokeColor(layout.colour("rule"))
    canvas.setLineWidth(0.6)
    canvas.setDash(3, 3)
    canvas.line(0, half, width, half)
    canvas.setDash()
    canvas.setFont(style(context, "small").fontName, layout.size("small"))
    canvas.setFillColor(layout.colour("muted"))
    canvas.drawRightString(width, half + 2 * mm, page.fold)
    _face(canvas, context, page, width, half)
    canvas.saveState()
    canvas.translate(width, height)
    canvas.rotate(180)
    _face(canvas, context, page, width, half)
    canvas.restoreState()


def _face(canvas: Canvas, context: Context, page: NameCard, width: float, half: float) -> None:
    layout = context.layout
    accent = layout.colour("accent")
    name_size = float(layout.value("cards", "name_pt"))
    ink = layout.colour("ink")
    name_style = style(
        context, "h1", True, ink, TA_CENTER, points=name_size, leading=name_size * 1.15
    )
    org_style = style(context, "h2", colour=accent, align=TA_CENTER)
    inset = layout.mm("cards", "inset_mm")
    box_w = width - 2 * inset
    name_h = name_size * 1.15 * 3  # a long name wraps onto three lines
    org_h = layout.size("h2") * 1.35 * 2
    # the name sits just above the face's middle, the organisation right under it
    base = half * 0.5
    least = float(layout.value("cards", "name_min_pt"))
    draw_in_box(canvas, page.name, name_style, inset, base, box_w, name_h, least, "bottom")
    draw_in_box(
        canvas,
        page.organisation,
        org_style,
        inset,
        base - 3 * mm - org_h,
        box_w,
        org_h,
        layout.size("min"),
    )


def render_sign_in(page: SignInSheet, context: Context) -> Block:
    styles, layout = context.styles, context.layout
    rows: list[list[Flowable | str]] = [[para(c, styles.label) for c in page.columns]]
    tick = TickBox(layout.mm("cards", "tick_mm"), layout.colour("accent"))
    row_h = layout.mm("cards", "sign_row_mm")
    room = Spacer(0, row_h)  # the signature's room: a row grows with a long name, never less
    for name, organisation in page.rows:
        rows.append([para(name, styles.cell_bold), para(organisation, styles.cell), room, tick])
    rows += [["", "", room, tick] for _ in range(page.blank)]
    table = Table(rows, colWidths=["30%", "30%", "25%", "15%"], repeatRows=1, splitInRow=1)
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("ALIGN", (3, 1), (3, -1), "CENTER"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, layout.colour("accent")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.5, layout.colour("rule")),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return Block(PORTRAIT, [para(page.title, styles.h1), para(page.lead, styles.lead), table])


def render_record(page: SessionRecord, context: Context) -> Block:
    styles, layout = context.styles, context.layout
    story: list[Flowable] = [
        para(page.title, styles.h1),
        para(page.facts, styles.strong),
        para(page.lead, styles.lead),
        para(page.ambitions_title, styles.h2),
    ]
    for title in page.ambitions:
        story.append(KeepTogether([para(title, styles.h3), _lines(context, 3)]))
    story.append(para(page.next_steps_title, styles.h2))
    for quadrant in page.quadrants:
        header = [para(c, styles.label) for c in page.columns]
        rows = [header] + [["", "", ""] for _ in range(3)]
        table = Table(
            rows,
            colWidths=["28%", "52%", "20%"],
            rowHeights=[None] + [layout.mm("cards", "record_row_mm")] * 3,
        )
        table.setStyle(
            table_style(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, layout.colour("rule")),
                    ("LINEBEFORE", (1, 0), (-1, -1), 0.5, layout.colour("rule")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        title = f"{quadrant.title} – {quadrant.question}"
        story.append(KeepTogether([para(title, styles.h3), table]))
    story.append(para(page.documentation_title, styles.h2))
    story.append(para(page.documentation_lead, styles.body))
    for question in page.documentation:
        story.append(KeepTogether([para(question, styles.h3), _lines(context, 2)]))
    # who was there: the names in one run of text (a record records; nobody signs it), and
    # a line for whoever else came
    present: list[Flowable] = [
        Spacer(0, 4 * mm),
        para(page.signed, styles.strong),
        para(" · ".join(page.partners), styles.body),
    ]
    if page.others:
        present += [para(page.others, styles.small), _lines(context, 1)]
    story.append(KeepTogether(present))
    return Block(PORTRAIT, story)


def render_credits(page: Credits, context: Context) -> Block:
    styles = context.styles
    story: list[Flowable] = [
        para(page.heading, styles.h1),
        para(page.lead, styles.lead),
        para(page.tool_name, styles.h2),
    ]
    story += [para(text, styles.body) for text in page.purpose]
    story += [para(text, styles.body) for text in page.project]
    story.append(para(page.authors_title, styles.h2))
    bios = page.bios or [""] * len(page.authors)
    for (name, position), bio in zip(page.authors, bios, strict=False):
        if bio.startswith(name):  # the guide's bios open with the name: set it in bold
            story.append(rich(f"<b>{esc(name)}</b>{esc(bio[len(name) :])}", styles.small))
        else:
            story.append(para(f"{name} – {position}", styles.strong))
            if bio:
                story.append(para(bio, styles.small))
        story.append(Spacer(0, 1.5 * mm))
    story.append(para(page.thanks_title, styles.h2))
    story += [para(person, styles.body, bullet="•") for person in page.thanks]
    story.append(Spacer(0, 3 * mm))
    story += [para(text, styles.muted) for text in page.closing]
    return Block(PORTRAIT, story)


def _lines(context: Context, count: int) -> Table:
    """Ruled lines to write on."""
    layout = context.layout
    height = layout.mm("cards", "record_row_mm")
    table = Table([[""]] * count, colWidths=["100%"], rowHeights=[height] * count)
    table.setStyle(table_style([("LINEBELOW", (0, 0), (-1, -1), 0.5, layout.colour("rule"))]))
    return table
