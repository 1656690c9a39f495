"""The joint worksheets: analysis boards, reflection sheets and the next-steps board."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workbook.plan import AnalysisBoard, NextStepsBoard, ReflectionSheet
from workbook.render.boxes import Sheet, draw_in_box
from workbook.render.document import LANDSCAPE, Block, Context
from workbook.render.pages.draw import sheet_header, style, write_box


def render_analysis(page: AnalysisBoard, context: Context) -> Block:
    return Block(LANDSCAPE, [Sheet(lambda c, w, h: _analysis(c, w, h, page, context))])


def render_reflection(page: ReflectionSheet, context: Context) -> Block:
    return Block(LANDSCAPE, [Sheet(lambda c, w, h: _reflection(c, w, h, page, context))])


def render_next_steps(page: NextStepsBoard, context: Context) -> Block:
    return Block(LANDSCAPE, [Sheet(lambda c, w, h: _next_steps(c, w, h, page, context))])


def _analysis(
    canvas: Canvas, width: float, height: float, page: AnalysisBoard, context: Context
) -> None:
    layout = context.layout
    accent = layout.colour(f"dialogues.{page.dialogue}")
    top = sheet_header(
        canvas,
        context,
        width,
        height,
        page.stage,
        layout.colour("stages.analysis"),
        page.question,
        page.note,
        accent,
    )
    gap = layout.mm("board", "gap_mm")
    count = len(page.categories)
    column = (width - gap * (count - 1)) / count
    header = layout.mm("board", "header_mm")
    bottom = 0.0
    for index, (name, definition) in enumerate(page.categories):
        x = index * (column + gap)
        canvas.setFillColor(layout.colour("accent_light"))
        canvas.setStrokeColor(accent)
        canvas.setLineWidth(1)
        canvas.roundRect(
            x, bottom, column, top - bottom, layout.mm("board", "radius_mm"), stroke=1, fill=0
        )
        canvas.roundRect(
            x, top - header, column, header, layout.mm("board", "radius_mm"), stroke=0, fill=1
        )
        pad = 3 * mm
        used = draw_in_box(
            canvas,
            name,
            style(context, "h2", bold=True, colour=accent),
            x + pad,
            top - 11 * mm,
            column - 2 * pad,
            9 * mm,
            layout.size("h3"),
        )
        draw_in_box(
            canvas,
            definition,
            style(context, "small"),
            x + pad,
            top - header + 1.5 * mm,
            column - 2 * pad,
            header - used - 4.5 * mm,
            layout.size("min"),
        )


def _reflection(
    canvas: Canvas, width: float, height: float, page: ReflectionSheet, context: Context
) -> None:
    layout = context.layout
    accent = layout.colour(f"dialogues.{page.dialogue}")
    title = page.title or page.question
    subtitle = page.question if page.title else None
    top = sheet_header(
        canvas,
        context,
        width,
        height,
        page.stage,
        layout.colour("stages.reflection"),
        title,
        subtitle,
        accent,
    )
    gap = layout.mm("board", "gap_mm")
    if page.fields:
        left = width * 0.58
        _grid(canvas, context, page.fields, 0, 0, left, top, 2, gap, accent, 10 * mm)
        _grid(
            canvas,
            context,
            page.questions,
            left + gap,
            0,
            width - left - gap,
            top,
            1,
            gap,
            accent,
            16 * mm,
        )
    else:
        columns = 2 if len(page.questions) > 2 else len(page.questions)
        _grid(canvas, context, page.questions, 0, 0, width, top, columns, gap, accent, 16 * mm)


def _grid(
    canvas: Canvas,
    context: Context,
    labels: list[str],
    x: float,
    y: float,
    width: float,
    top: float,
    columns: int,
    gap: float,
    accent: Color,
    label_height: float,
) -> None:
    rows = -(-len(labels) // columns)
    cell_w = (width - gap * (columns - 1)) / columns
    cell_h = (top - y - gap * (rows - 1)) / rows
    for index, label in enumerate(labels):
        row, col = divmod(index, columns)
        write_box(
            canvas,
            context,
            x + col * (cell_w + gap),
            top - (row + 1) * cell_h - row * gap,
            cell_w,
            cell_h,
            label,
            accent,
            label_height,
        )


def _next_steps(
    canvas: Canvas, width: float, height: float, page: NextStepsBoard, context: Context
) -> None:
    layout = context.layout
    accent = layout.colour("accent")
    top = sheet_header(
        canvas,
        context,
        width,
        height,
        page.stage,
        layout.colour("stages.reflection"),
        page.title,
        None,
        accent,
    )
    gap = layout.mm("board", "gap_mm")
    cell_w, cell_h = (width - gap) / 2, (top - gap) / 2
    for index, quadrant in enumerate(page.quadrants):
        row, col = divmod(index, 2)
        x, y = col * (cell_w + gap), top - (row + 1) * cell_h - row * gap
        canvas.setStrokeColor(accent)
        canvas.setFillColor(layout.colour("paper_tint"))
        canvas.setLineWidth(1)
        canvas.roundRect(x, y, cell_w, cell_h, layout.mm("board", "radius_mm"), stroke=1, fill=1)
        badge = 9 * mm
        canvas.setFillColor(accent)
        canvas.circle(
            x + 4 * mm + badge / 2, y + cell_h - 4 * mm - badge / 2, badge / 2, stroke=0, fill=1
        )
        canvas.setFillColor(layout.colour("paper_tint"))
        canvas.setFont("WorkbookSans-Bold", layout.size("h3"))
        canvas.drawCentredString(
            x + 4 * mm + badge / 2, y + cell_h - 4 * mm - badge / 2 - 4, str(index + 1)
        )
        text_x = x + 4 * mm + badge + 3 * mm
        text_w = cell_w - (text_x - x) - 4 * mm
        draw_in_box(
            canvas,
            quadrant.title,
            style(context, "h3", bold=True, colour=accent),
            text_x,
            y + cell_h - 4 * mm - badge,
            text_w,
            badge,
            layout.size("min"),
            valign="middle",
        )
        q_top = y + cell_h - 4 * mm - badge - 1.5 * mm
        used = draw_in_box(
            canvas,
            quadrant.question,
            style(context, "body", bold=True),
            x + 4 * mm,
            q_top - 12 * mm,
            cell_w - 8 * mm,
            12 * mm,
            layout.size("min"),
        )
        prompts_w = cell_w * 0.42
        prompt_top = q_top - used - 2 * mm
        prompt_style = style(context, "small", colour=layout.colour("muted"))
        for prompt in quadrant.prompts:
            block = draw_in_box(
                canvas,
                f"• {prompt}",
                prompt_style,
                x + cell_w - prompts_w - 3 * mm,
                prompt_top - 9 * mm,
                prompts_w,
                9 * mm,
                layout.size("min"),
            )
            prompt_top -= block + 0.8 * mm
