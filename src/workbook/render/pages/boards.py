"""The joint worksheets: analysis boards, reflection sheets and the next-steps board.

Each painter draws one board into a width x height box and returns the fields' free areas
(left for post-its), so the same drawing serves the pack, the posters and the counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workbook.plan.pack import AnalysisBoard, NextStepsBoard, ReflectionSheet
from workbook.render.boxes import Sheet, draw_in_box, fitted
from workbook.render.document import LANDSCAPE, Block, Context
from workbook.render.fonts import BOLD
from workbook.render.pages.draw import Rect, board_mm, lines, sheet_header, style, write_box

Board = AnalysisBoard | ReflectionSheet | NextStepsBoard


def render_board(page: Board, context: Context) -> Block:
    return Block(LANDSCAPE, [Sheet(lambda c, w, h: paint_board(c, w, h, page, context))])


render_analysis = render_reflection = render_next_steps = render_board


def paint_board(
    canvas: Canvas, width: float, height: float, page: Board, context: Context
) -> list[Rect]:
    painter: Callable[..., list[Rect]] = _PAINTERS[type(page)]
    return painter(canvas, width, height, page, context)


def _analysis(
    canvas: Canvas, width: float, height: float, page: AnalysisBoard, context: Context
) -> list[Rect]:
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
        page.instruction or page.note,
        accent,
    )
    gap, pad = board_mm(context, "gap_mm"), board_mm(context, "pad_mm")
    count = len(page.categories)
    column = (width - gap * (count - 1)) / count
    name_style = style(context, "h2", bold=True, colour=accent)
    definition_style = style(context, "small")
    name_box = lines(context, "h2", 1.3)
    # the header band fits the longest definition, so bigger type on a poster still fits
    longest = max(
        fitted(d, definition_style, column - 2 * pad, height, layout.size("min"))[1]
        for _, d in page.categories
    )
    header = max(board_mm(context, "header_mm"), name_box + longest + 2.5 * pad)
    radius = board_mm(context, "radius_mm")
    free: list[Rect] = []
    for index, (name, definition) in enumerate(page.categories):
        x = index * (column + gap)
        canvas.setFillColor(layout.colour("accent_light"))
        canvas.setStrokeColor(accent)
        canvas.setLineWidth(float(layout.value("board", "line_pt")))
        canvas.roundRect(x, 0, column, top, radius, stroke=1, fill=0)
        canvas.roundRect(x, top - header, column, header, radius, stroke=0, fill=1)
        used = draw_in_box(
            canvas,
            name,
            name_style,
            x + pad,
            top - pad - name_box,
            column - 2 * pad,
            name_box,
            layout.size("h3"),
        )
        draw_in_box(
            canvas,
            definition,
            definition_style,
            x + pad,
            top - header + pad / 2,
            column - 2 * pad,
            header - used - 2 * pad,
            layout.size("min"),
        )
        free.append((x, 0.0, column, top - header))
    return free


def _reflection(
    canvas: Canvas, width: float, height: float, page: ReflectionSheet, context: Context
) -> list[Rect]:
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
        instruction=page.instruction,
    )
    gap, pad = board_mm(context, "gap_mm"), board_mm(context, "pad_mm")
    short, long = lines(context, "h3", 1) + 1.5 * pad, lines(context, "h3", 2) + 1.5 * pad
    if not page.fields:
        columns = 2 if len(page.questions) > 2 else len(page.questions)
        return _grid(canvas, context, page.questions, 0, width, top, columns, accent, long)
    left = width * 0.58
    return [
        *_grid(canvas, context, page.fields, 0, left, top, 2, accent, short),
        *_grid(
            canvas, context, page.questions, left + gap, width - left - gap, top, 1, accent, long
        ),
    ]


def _grid(
    canvas: Canvas,
    context: Context,
    labels: list[str],
    x: float,
    width: float,
    top: float,
    columns: int,
    accent: Color,
    label_height: float,
) -> list[Rect]:
    gap = board_mm(context, "gap_mm")
    rows = -(-len(labels) // columns)
    cell_w = (width - gap * (columns - 1)) / columns
    cell_h = (top - gap * (rows - 1)) / rows
    free = []
    for index, label in enumerate(labels):
        row, col = divmod(index, columns)
        x_cell, y_cell = x + col * (cell_w + gap), top - (row + 1) * cell_h - row * gap
        free.append(
            write_box(canvas, context, x_cell, y_cell, cell_w, cell_h, label, accent, label_height)
        )
    return free


def _next_steps(
    canvas: Canvas, width: float, height: float, page: NextStepsBoard, context: Context
) -> list[Rect]:
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
        page.instruction,
        accent,
    )
    gap = board_mm(context, "gap_mm")
    cell_w, cell_h = (width - gap) / 2, (top - gap) / 2
    free = []
    for index, quadrant in enumerate(page.quadrants):
        row, col = divmod(index, 2)
        x, y = col * (cell_w + gap), top - (row + 1) * cell_h - row * gap
        free.append(_quadrant(canvas, context, quadrant, index + 1, x, y, cell_w, cell_h, accent))
    return free


def _quadrant(
    canvas: Canvas,
    context: Context,
    quadrant: Any,
    number: int,
    x: float,
    y: float,
    cell_w: float,
    cell_h: float,
    accent: Color,
) -> Rect:
    """One quadrant: badge and title, the question, prompts on the right; returns the free
    area left of the prompts."""
    layout = context.layout
    inset, pad = board_mm(context, "inset_mm"), board_mm(context, "pad_mm")
    canvas.setStrokeColor(accent)
    canvas.setFillColor(layout.colour("paper_tint"))
    canvas.setLineWidth(float(layout.value("board", "line_pt")))
    canvas.roundRect(x, y, cell_w, cell_h, board_mm(context, "radius_mm"), stroke=1, fill=1)
    badge = max(board_mm(context, "badge_mm"), lines(context, "h3", 1.2))
    centre_x, centre_y = x + inset + badge / 2, y + cell_h - inset - badge / 2
    canvas.setFillColor(accent)
    canvas.circle(centre_x, centre_y, badge / 2, stroke=0, fill=1)
    canvas.setFillColor(layout.colour("paper_tint"))
    size = layout.size("h3")
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(centre_x, centre_y - size * 0.35, str(number))
    text_x = x + inset + badge + pad
    draw_in_box(
        canvas,
        quadrant.title,
        style(context, "h3", bold=True, colour=accent),
        text_x,
        y + cell_h - inset - badge,
        cell_w - (text_x - x) - inset,
        badge,
        layout.size("min"),
        valign="middle",
    )
    # the question on the left above the free area, the prompts down the right-hand side
    prompts_w = cell_w * float(layout.value("board", "prompts_share"))
    text_top = y + cell_h - inset - badge - pad / 2
    question_w = cell_w - prompts_w - inset - 2 * pad
    used = draw_in_box(
        canvas,
        quadrant.question,
        style(context, "body", bold=True),
        x + inset,
        y + pad,
        question_w,
        text_top - y - pad,
        layout.size("min"),
    )
    prompt_top = text_top
    prompt_style = style(context, "small", colour=layout.colour("muted"))
    for prompt in quadrant.prompts:
        block = draw_in_box(
            canvas,
            f"• {prompt}",
            prompt_style,
            x + cell_w - prompts_w - pad,
            y + pad,
            prompts_w,
            prompt_top - y - pad,
            layout.size("min"),
        )
        prompt_top -= block + pad / 4
    beside = (x, y, cell_w - prompts_w - pad, text_top - used - pad - y)
    below = (x, y, cell_w, min(text_top - used, prompt_top) - pad - y)
    # the free area is the one that holds more notes: beside the prompts, or under all text
    note = float(layout.data["post_it_mm"]) * mm
    return max(beside, below, key=lambda r: (int(r[2] // note) * int(r[3] // note), r[3]))


_PAINTERS: dict[type, Callable[..., list[Rect]]] = {
    AnalysisBoard: _analysis,
    ReflectionSheet: _reflection,
    NextStepsBoard: _next_steps,
}
