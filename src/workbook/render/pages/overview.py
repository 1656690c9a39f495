"""The process model as a figure: three dialogues in order, each in three stages."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workbook.plan.overview import Overview, OverviewDialogue
from workbook.render.boxes import Sheet, draw_in_box, fitted
from workbook.render.document import LANDSCAPE, Block, Context
from workbook.render.motif import badge
from workbook.render.pages.draw import style
from workbook.render.styles import measure_for


def render(page: Overview, context: Context) -> Block:
    return Block(LANDSCAPE, [Sheet(lambda c, w, h: _paint(c, w, h, page, context))])


def _paint(canvas: Canvas, width: float, height: float, page: Overview, context: Context) -> None:
    layout = context.layout
    accent = layout.colour("accent")
    top = height
    chapter = float(layout.data["headings"]["chapter"]["size"])
    heading = style(context, "h1", bold=True, points=chapter, leading=chapter * 1.2)
    measure = min(width, measure_for(layout, layout.size("body")))
    lines = (  # the chapter's title as every chapter's; what follows in the measure
        (page.heading, heading, 12 * mm, "h3", width),
        (page.figure_title, style(context, "lead"), 8 * mm, "min", measure),
        (page.lead, style(context, "body"), 12 * mm, "min", measure),
    )
    for text, text_style, room, smallest, across in lines:
        used = draw_in_box(
            canvas, text, text_style, 0, top - room, across, room, layout.size(smallest)
        )
        top -= used + 1 * mm
    top -= 4 * mm
    gap = 9 * mm
    column = (width - 2 * gap) / 3
    for index, dialogue in enumerate(page.dialogues):
        x = index * (column + gap)
        _column(canvas, context, dialogue, page, x, 0, column, top)
        if index < 2:
            _arrow(canvas, x + column + 1.5 * mm, top - 14 * mm, gap - 3 * mm, accent)


def _column(
    canvas: Canvas,
    context: Context,
    dialogue: OverviewDialogue,
    page: Overview,
    x: float,
    y: float,
    width: float,
    top: float,
) -> None:
    layout = context.layout
    tone = layout.colour(f"dialogues.{dialogue.key}")
    radius = layout.mm("board", "radius_mm")
    header = 28 * mm
    canvas.setFillColor(tone)
    canvas.roundRect(x, top - header, width, header, radius, stroke=0, fill=1)
    white_small = style(context, "small", bold=True, colour=layout.colour("paper_tint"))
    draw_in_box(
        canvas,
        dialogue.number.upper(),
        white_small,
        x + 4 * mm,
        top - 8 * mm,
        width - 8 * mm,
        6 * mm,
        layout.size("min"),
    )
    draw_in_box(
        canvas,
        dialogue.question,
        style(context, "h2", bold=True, colour=layout.colour("paper_tint")),
        x + 4 * mm,
        top - header + 2 * mm,
        width - 8 * mm,
        header - 11 * mm,
        layout.size("h3"),
        valign="middle",
    )
    cursor = top - header - 4 * mm
    # a small circle: the individual worksheet of this dialogue
    r = 16 * mm
    cx, cy = x + r + 2 * mm, cursor - r
    canvas.setStrokeColor(tone)
    canvas.setFillColor(layout.colour("paper_tint"))
    canvas.setLineWidth(1)
    canvas.circle(cx, cy, r, stroke=1, fill=1)
    canvas.line(cx - r * 0.707, cy - r * 0.707, cx + r * 0.707, cy + r * 0.707)
    canvas.line(cx - r * 0.707, cy + r * 0.707, cx + r * 0.707, cy - r * 0.707)
    canvas.setFillColor(layout.colour("accent_light"))
    canvas.circle(cx, cy, r * 0.5, stroke=1, fill=1)
    # the centre's words sit beside the circle: inside it they would have to break mid-word
    text_x = x + 2 * r + 6 * mm
    side = style(context, "small", bold=True, colour=tone)
    draw_in_box(
        canvas,
        dialogue.circle,
        side,
        text_x,
        cy,
        width - (text_x - x),
        r,
        layout.size("min"),
        valign="bottom",
    )
    draw_in_box(
        canvas,
        dialogue.centre,
        style(context, "small", colour=tone),
        text_x,
        cy - r,
        width - (text_x - x),
        r - 1 * mm,
        layout.size("min"),
    )
    cursor = cy - r - 4 * mm
    stage_h = 11 * mm
    # the questions share the room down to the stages' label, so a long one never runs
    # into it: all of a column's questions give way together, in size, then in spacing
    stages_top = y + 3 * stage_h + 2 * 2 * mm + 6 * mm
    room = cursor - stages_top - 1 * mm
    texts = [f"• {question}" for question in dialogue.questions]
    base = style(context, "body")
    size, gap = base.fontSize, 1.5 * mm
    while True:
        sized = ParagraphStyle("question", parent=base, fontSize=size, leading=size * 1.3)
        fits = [fitted(text, sized, width, 10_000, size) for text in texts]
        needed = sum(used for _, used in fits) + gap * len(fits)
        if needed <= room or (size <= layout.size("min") and gap <= 0.5 * mm):
            break
        if size > layout.size("min"):
            size = max(layout.size("min"), size - 0.5)
        else:
            gap = 0.5 * mm
    for paragraph, used in fits:
        paragraph.drawOn(canvas, x, cursor - used)
        cursor -= used + gap
    # the three stages every dialogue runs through
    label = style(context, "small", colour=layout.colour("muted"))
    cursor = stages_top
    draw_in_box(
        canvas, page.stages_label, label, x, cursor - 5 * mm, width, 5 * mm, layout.size("min")
    )
    cursor -= 6 * mm
    # the stages by number, the same three in every dialogue: colour says only which one
    for number, stage in enumerate(page.stages, 1):
        canvas.setFillColor(layout.colour("accent_light"))
        canvas.roundRect(x, cursor - stage_h, width, stage_h, stage_h / 2, stroke=0, fill=1)
        disc = stage_h * 0.36
        size = layout.size("small")
        badge(canvas, x + stage_h / 2, cursor - stage_h / 2, disc, number, tone, size)
        draw_in_box(
            canvas,
            stage,
            style(context, "small", bold=True),
            x + stage_h,
            cursor - stage_h,
            width - stage_h - 4 * mm,
            stage_h,
            layout.size("min"),
            valign="middle",
        )
        cursor -= stage_h + 2 * mm


def _arrow(canvas: Canvas, x: float, y: float, length: float, colour: object) -> None:
    canvas.setFillColor(colour)
    path = canvas.beginPath()
    path.moveTo(x, y + 2.5 * mm)
    path.lineTo(x + length, y)
    path.lineTo(x, y - 2.5 * mm)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
