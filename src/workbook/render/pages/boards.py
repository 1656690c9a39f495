"""The joint worksheets: analysis boards, reflection sheets and the next-steps board.

Each board is laid out first (``layout_board``: where every frame and text goes, with the
text measured but not drawn), then painted from that layout. The layout alone gives the
fields' free areas, so the post-its a board holds are known before anything is drawn
(``render.posters.capacities``), and the pack, the posters and the counts agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workbook.plan.worksheets import AnalysisBoard, NextStepsBoard, ReflectionSheet
from workbook.render.boxes import Sheet, fitted
from workbook.render.document import LANDSCAPE, Block, Context
from workbook.render.fonts import BOLD
from workbook.render.pages.draw import (
    Header,
    Rect,
    TextBox,
    board_mm,
    header_layout,
    lines,
    paint_header,
    style,
    text_box,
    write_box,
)

Board = AnalysisBoard | ReflectionSheet | NextStepsBoard


def render_board(page: Board, context: Context) -> Block:
    return Block(LANDSCAPE, [Sheet(lambda c, w, h: paint_board(c, w, h, page, context))])


render_analysis = render_reflection = render_next_steps = render_board


def board_fields(width: float, height: float, page: Board, context: Context) -> list[Rect]:
    """The free areas of a board drawn into a width x height box, left for post-its."""
    return layout_board(width, height, page, context).fields


def paint_board(
    canvas: Canvas, width: float, height: float, page: Board, context: Context
) -> list[Rect]:
    """Draw a board into a width x height box; returns its fields' free areas."""
    layout = layout_board(width, height, page, context)
    layout.paint(canvas, page, context)
    return layout.fields


@dataclass(frozen=True)
class Column:
    """One category of an analysis board: its frame, its header band and the texts in it."""

    x: float
    width: float
    header: float
    name: TextBox
    definition: TextBox


@dataclass(frozen=True)
class Cell:
    """A labelled write-in box of a reflection sheet."""

    x: float
    y: float
    width: float
    height: float
    label: str
    label_height: float


@dataclass(frozen=True)
class Quadrant:
    """A next-steps quadrant: frame, numbered badge, title, question and prompts."""

    number: int
    x: float
    y: float
    width: float
    height: float
    badge: float
    title: TextBox
    question: TextBox
    prompts: list[TextBox]
    free: Rect


@dataclass(frozen=True)
class BoardLayout:
    header: Header
    stage_colour: Color
    accent: Color
    parts: list[Any]  # Column, Cell or Quadrant, in drawing order
    fields: list[Rect]

    def paint(self, canvas: Canvas, page: Board, context: Context) -> None:
        paint_header(canvas, context, self.header, page.stage, self.stage_colour)
        for part in self.parts:
            _PAINT_PART[type(part)](canvas, context, part, self)


def layout_board(width: float, height: float, page: Board, context: Context) -> BoardLayout:
    planner: Callable[..., BoardLayout] = _LAYOUTS[type(page)]
    return planner(width, height, page, context)


def _analysis(width: float, height: float, page: AnalysisBoard, context: Context) -> BoardLayout:
    layout = context.layout
    accent = layout.colour(f"dialogues.{page.dialogue}")
    header = header_layout(
        context, width, height, page.question, page.instruction or page.note, accent
    )
    top = header.bottom
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
    band = max(board_mm(context, "header_mm"), name_box + longest + 2.5 * pad)
    columns: list[Any] = []
    fields: list[Rect] = []
    for index, (name, definition) in enumerate(page.categories):
        x = index * (column + gap)
        name_text = text_box(
            name,
            name_style,
            x + pad,
            top - pad - name_box,
            column - 2 * pad,
            name_box,
            layout.size("h3"),
        )
        definition_text = text_box(
            definition,
            definition_style,
            x + pad,
            top - band + pad / 2,
            column - 2 * pad,
            band - name_text.used - 2 * pad,
            layout.size("min"),
        )
        columns.append(Column(x, column, band, name_text, definition_text))
        fields.append((x, 0.0, column, top - band))
    return BoardLayout(header, layout.colour("stages.analysis"), accent, columns, fields)


def _paint_column(canvas: Canvas, context: Context, part: Column, board: BoardLayout) -> None:
    layout = context.layout
    top = board.header.bottom
    radius = board_mm(context, "radius_mm")
    canvas.setFillColor(layout.colour("accent_light"))
    canvas.setStrokeColor(board.accent)
    canvas.setLineWidth(float(layout.value("board", "line_pt")))
    canvas.roundRect(part.x, 0, part.width, top, radius, stroke=1, fill=0)
    canvas.roundRect(part.x, top - part.header, part.width, part.header, radius, stroke=0, fill=1)
    part.name.draw(canvas)
    part.definition.draw(canvas)


def _reflection(
    width: float, height: float, page: ReflectionSheet, context: Context
) -> BoardLayout:
    layout = context.layout
    accent = layout.colour(f"dialogues.{page.dialogue}")
    title = page.title or page.question
    subtitle = page.question if page.title else None
    header = header_layout(
        context, width, height, title, subtitle, accent, instruction=page.instruction
    )
    top = header.bottom
    gap, pad = board_mm(context, "gap_mm"), board_mm(context, "pad_mm")
    short, long = lines(context, "h3", 1) + 1.5 * pad, lines(context, "h3", 2) + 1.5 * pad
    if not page.fields:
        columns = 2 if len(page.questions) > 2 else len(page.questions)
        cells = _grid(context, page.questions, 0, width, top, columns, long)
    else:
        left = width * 0.58
        cells = [
            *_grid(context, page.fields, 0, left, top, 2, short),
            *_grid(context, page.questions, left + gap, width - left - gap, top, 1, long),
        ]
    fields = [(c.x, c.y, c.width, c.height - c.label_height) for c in cells]
    return BoardLayout(header, layout.colour("stages.reflection"), accent, list(cells), fields)


def _grid(
    context: Context,
    labels: list[str],
    x: float,
    width: float,
    top: float,
    columns: int,
    label_height: float,
) -> list[Cell]:
    gap = board_mm(context, "gap_mm")
    rows = -(-len(labels) // columns)
    cell_w = (width - gap * (columns - 1)) / columns
    cell_h = (top - gap * (rows - 1)) / rows
    cells = []
    for index, label in enumerate(labels):
        row, col = divmod(index, columns)
        x_cell, y_cell = x + col * (cell_w + gap), top - (row + 1) * cell_h - row * gap
        cells.append(Cell(x_cell, y_cell, cell_w, cell_h, label, label_height))
    return cells


def _paint_cell(canvas: Canvas, context: Context, part: Cell, board: BoardLayout) -> None:
    write_box(
        canvas,
        context,
        part.x,
        part.y,
        part.width,
        part.height,
        part.label,
        board.accent,
        part.label_height,
    )


def _next_steps(width: float, height: float, page: NextStepsBoard, context: Context) -> BoardLayout:
    layout = context.layout
    accent = layout.colour("accent")
    header = header_layout(context, width, height, page.title, page.instruction, accent)
    top = header.bottom
    gap = board_mm(context, "gap_mm")
    cell_w, cell_h = (width - gap) / 2, (top - gap) / 2
    quadrants = []
    for index, quadrant in enumerate(page.quadrants):
        row, col = divmod(index, 2)
        x, y = col * (cell_w + gap), top - (row + 1) * cell_h - row * gap
        quadrants.append(_quadrant(context, quadrant, index + 1, x, y, cell_w, cell_h, accent))
    fields = [q.free for q in quadrants]
    return BoardLayout(header, layout.colour("stages.reflection"), accent, quadrants, fields)


def _quadrant(
    context: Context,
    quadrant: Any,
    number: int,
    x: float,
    y: float,
    cell_w: float,
    cell_h: float,
    accent: Color,
) -> Quadrant:
    """One quadrant: badge and title, the question, prompts on the right; its free area is
    left of the prompts or under all the text, whichever holds more notes."""
    layout = context.layout
    inset, pad = board_mm(context, "inset_mm"), board_mm(context, "pad_mm")
    badge = max(board_mm(context, "badge_mm"), lines(context, "h3", 1.2))
    text_x = x + inset + badge + pad
    title = text_box(
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
    question = text_box(
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
    prompts = []
    for prompt in quadrant.prompts:
        block = text_box(
            f"• {prompt}",
            prompt_style,
            x + cell_w - prompts_w - pad,
            y + pad,
            prompts_w,
            prompt_top - y - pad,
            layout.size("min"),
        )
        prompts.append(block)
        prompt_top -= block.used + pad / 4
    beside = (x, y, cell_w - prompts_w - pad, text_top - question.used - pad - y)
    below = (x, y, cell_w, min(text_top - question.used, prompt_top) - pad - y)
    note = float(layout.data["post_it_mm"]) * mm
    free = max(beside, below, key=lambda r: (int(r[2] // note) * int(r[3] // note), r[3]))
    return Quadrant(number, x, y, cell_w, cell_h, badge, title, question, prompts, free)


def _paint_quadrant(canvas: Canvas, context: Context, part: Quadrant, board: BoardLayout) -> None:
    layout = context.layout
    inset = board_mm(context, "inset_mm")
    x, y, cell_w, cell_h, badge = part.x, part.y, part.width, part.height, part.badge
    canvas.setStrokeColor(board.accent)
    canvas.setFillColor(layout.colour("paper_tint"))
    canvas.setLineWidth(float(layout.value("board", "line_pt")))
    canvas.roundRect(x, y, cell_w, cell_h, board_mm(context, "radius_mm"), stroke=1, fill=1)
    centre_x, centre_y = x + inset + badge / 2, y + cell_h - inset - badge / 2
    canvas.setFillColor(board.accent)
    canvas.circle(centre_x, centre_y, badge / 2, stroke=0, fill=1)
    canvas.setFillColor(layout.colour("paper_tint"))
    size = layout.size("h3")
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(centre_x, centre_y - size * 0.35, str(part.number))
    part.title.draw(canvas)
    part.question.draw(canvas)
    for prompt in part.prompts:
        prompt.draw(canvas)


_LAYOUTS: dict[type, Callable[..., BoardLayout]] = {
    AnalysisBoard: _analysis,
    ReflectionSheet: _reflection,
    NextStepsBoard: _next_steps,
}
_PAINT_PART: dict[type, Callable[..., None]] = {
    Column: _paint_column,
    Cell: _paint_cell,
    Quadrant: _paint_quadrant,
}
