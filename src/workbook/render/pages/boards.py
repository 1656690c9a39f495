"""The joint worksheets: analysis boards, reflection sheets and the next-steps board, built on
the post-it.

A board is cells: each a header band (the category, the label, the quadrant's title,
question and prompts) over a field sized in whole post-it modules (``post_it_mm`` with the
``module`` gutter between and round them, never grown with a poster), its places shown by
faint guides. The cells of a row share their band's height; what the modules leave over
goes into the bands and the gaps between cells.

Each board is laid out first (``layout_board``: where every frame and text goes, with the
text measured but not drawn), then painted from that layout. The layout alone gives the
fields and the notes each holds, so the post-its a board holds are known before anything
is drawn (``render.posters.capacities``), and the pack, the posters and the counts agree.
A board printed a field per poster (``Board.piece``) is laid out as a board of that one
field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workbook.plan.worksheets import AnalysisBoard, NextStepsBoard, ReflectionSheet
from workbook.render.boxes import Sheet
from workbook.render.document import LANDSCAPE, Block, Context
from workbook.render.motif import badge
from workbook.render.pages.draw import (
    Header,
    TextBox,
    board_mm,
    header_layout,
    lines,
    paint_header,
    style,
    text_box,
)

Board = AnalysisBoard | ReflectionSheet | NextStepsBoard
PROMPTS = "  ·  "  # between a quadrant's prompts, run on in one paragraph


def render_board(page: Board, context: Context) -> Block:
    return Block(LANDSCAPE, [Sheet(lambda c, w, h: paint_board(c, w, h, page, context))])


render_analysis = render_reflection = render_next_steps = render_board


@dataclass(frozen=True)
class Field:
    """Room for ``columns`` x ``rows`` post-its; (x, y) its lower-left corner. A field too
    small for one note (a board on an office sheet) has none, and is room to write in."""

    x: float
    y: float
    width: float
    height: float
    columns: int
    rows: int
    note: float
    gutter: float

    @property
    def capacity(self) -> int:
        return self.columns * self.rows

    def places(self) -> list[tuple[float, float]]:
        """The lower-left corner of each note's place, row by row from the top."""
        pitch = self.note + self.gutter
        left = self.x + (self.width - _extent(self.columns, self.note, self.gutter)) / 2
        top = self.y + self.height - self.gutter
        return [
            (left + self.gutter + column * pitch, top - self.note - row * pitch)
            for row in range(self.rows)
            for column in range(self.columns)
        ]


def _extent(count: int, note: float, gutter: float) -> float:
    """The length ``count`` notes take with the gutter between and round them."""
    return count * note + (count + 1) * gutter if count else 0.0


@dataclass(frozen=True)
class Modules:
    note: float
    gutter: float

    def count(self, length: float) -> int:
        return max(0, int((length - self.gutter + 1e-6) // (self.note + self.gutter)))

    def extent(self, count: int) -> float:
        return _extent(count, self.note, self.gutter)


def modules(context: Context) -> Modules:
    """The post-it and its gutter, at their true size on every sheet and poster."""
    data = context.layout.data
    return Modules(float(data["post_it_mm"]) * mm, float(data["module"]["gutter_mm"]) * mm)


@dataclass(frozen=True)
class Band:
    """A cell's header band, measured for the cell's width: its texts, placed from the
    band's top-left corner (x from the cell's left, y down from the band's top)."""

    height: float
    texts: list[tuple[TextBox, float, float]]
    number: int | None = None  # a next-steps quadrant's badge
    badge: float = 0.0


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    width: float
    height: float
    band: Band
    band_height: float  # the band as laid out: the row's tallest, and what the modules leave
    field: Field


@dataclass(frozen=True)
class BoardLayout:
    header: Header
    stage: int | None  # the stage's number for the header's chip
    accent: Color
    tint: Color
    cells: list[Cell]
    fields: list[Field] = field(default_factory=list)

    def paint(self, canvas: Canvas, page: Board, context: Context) -> None:
        paint_header(canvas, context, self.header, page.stage, self.accent, self.stage)
        for cell in self.cells:
            _paint_cell(canvas, context, cell, self)


def board_fields(width: float, height: float, page: Board, context: Context) -> list[Field]:
    """The fields of a board drawn into a width x height box, each with its notes."""
    return layout_board(width, height, page, context).fields


def paint_board(
    canvas: Canvas, width: float, height: float, page: Board, context: Context
) -> list[Field]:
    """Draw a board into a width x height box; returns its fields."""
    layout = layout_board(width, height, page, context)
    layout.paint(canvas, page, context)
    return layout.fields


def layout_board(width: float, height: float, page: Board, context: Context) -> BoardLayout:
    planner: Callable[..., BoardLayout] = _LAYOUTS[type(page)]
    return planner(width, height, page, context)


def _shown(items: Sequence[Any], piece: int | None) -> list[tuple[int, Any]]:
    """The items a board shows, with their numbers: all, or the one of its piece."""
    numbered = list(enumerate(items))
    return numbered if piece is None else numbered[piece : piece + 1]


def _analysis(width: float, height: float, page: AnalysisBoard, context: Context) -> BoardLayout:
    layout = context.layout
    accent = layout.colour(f"dialogues.{page.dialogue}")
    header = header_layout(
        context,
        width,
        height,
        page.question,
        None if page.instruction else page.note,
        accent,
        instruction=page.instruction,
        stage=page.stage,
        numbered=True,
    )
    pad = board_mm(context, "pad_mm")
    name_style = style(context, "h2", bold=True, colour=accent)
    definition_style = style(context, "small")
    least = board_mm(context, "header_mm")

    def band(item: tuple[str, str], cell_width: float) -> Band:
        name, definition = item
        inner = cell_width - 2 * pad
        name_box = text_box(
            name, name_style, 0, 0, inner, lines(context, "h2", 1.3), layout.size("h3")
        )
        room = max(lines(context, "small", 8), least)
        text = text_box(definition, definition_style, 0, 0, inner, room, layout.size("min"))
        used = pad + name_box.used + pad / 2 + text.used + pad
        placed = [(name_box, pad, pad), (text, pad, pad + name_box.used + pad / 2)]
        return Band(max(least, used), placed)

    items = [item for _, item in _shown(page.categories, page.piece)]
    cells = _grid(context, items, band, 0, width, header.bottom, 1, len(items))
    return _board(header, 2, accent, layout.colour(f"tints.{page.dialogue}"), cells)


def _reflection(
    width: float, height: float, page: ReflectionSheet, context: Context
) -> BoardLayout:
    layout = context.layout
    accent = layout.colour(f"dialogues.{page.dialogue}")
    title = page.title or page.question
    subtitle = page.question if page.title else None
    header = header_layout(
        context,
        width,
        height,
        title,
        subtitle,
        accent,
        instruction=page.instruction,
        stage=page.stage,
        numbered=True,
    )
    top = header.bottom
    pad, gap = board_mm(context, "pad_mm"), board_mm(context, "gap_mm")
    label_style = style(context, "h3", bold=True, colour=accent)

    def band(label: str, cell_width: float) -> Band:
        box = text_box(
            label,
            label_style,
            0,
            0,
            cell_width - 2 * pad,
            lines(context, "h3", 3),
            layout.size("min"),
        )
        return Band(box.used + 1.5 * pad, [(box, pad, pad)])

    labels = [*page.fields, *page.questions]
    tint = layout.colour(f"tints.{page.dialogue}")
    if page.piece is not None:
        cells = _grid(context, labels[page.piece : page.piece + 1], band, 0, width, top, 1, 1)
    elif not page.fields:
        columns = 2 if len(page.questions) > 2 else len(page.questions)
        rows = -(-len(page.questions) // columns)
        cells = _grid(context, page.questions, band, 0, width, top, rows, columns)
    else:  # the fields in two columns, the questions in a third as wide
        left = (width - gap) * 2 / 3
        rows = -(-len(page.fields) // 2)
        cells = [
            *_grid(context, page.fields, band, 0, left, top, rows, 2),
            *_grid(context, page.questions, band, left + gap, width - left - gap, top, 2, 1),
        ]
    return _board(header, 3, accent, tint, cells)


def _next_steps(width: float, height: float, page: NextStepsBoard, context: Context) -> BoardLayout:
    layout = context.layout
    accent = layout.colour("accent")
    header = header_layout(
        context, width, height, page.title, page.instruction, accent, stage=page.stage
    )
    pad = board_mm(context, "pad_mm")
    inset = board_mm(context, "inset_mm")
    title_style = style(context, "h3", bold=True, colour=accent, upper=True)
    question_style = style(context, "body", bold=True)
    prompt_style = style(context, "small", colour=layout.colour("muted"))
    floor = layout.size("min")

    def band(item: tuple[int, Any], cell_width: float) -> Band:
        """Badge and title, the question, and the prompts run on after it in one paragraph:
        all across the band, so the field under it keeps the most of the quadrant."""
        number, quadrant = item
        disc = max(board_mm(context, "badge_mm"), lines(context, "h3", 1.2))
        inner = cell_width - 2 * inset
        measured = text_box(
            quadrant.title, title_style, 0, 0, inner - disc - pad, lines(context, "h3", 2), floor
        )
        title = text_box(  # level with the badge
            quadrant.title,
            title_style,
            0,
            0,
            inner - disc - pad,
            max(disc, measured.used),
            floor,
            valign="middle",
        )
        placed = [(title, inset + disc + pad, inset)]
        y = inset + max(disc, title.used) + pad / 2
        question = text_box(
            quadrant.question, question_style, 0, 0, inner, lines(context, "body", 4), floor
        )
        placed.append((question, inset, y))
        y += question.used + pad / 3
        prompts = text_box(
            PROMPTS.join(quadrant.prompts),
            prompt_style,
            0,
            0,
            inner,
            lines(context, "small", 6),
            floor,
        )
        placed.append((prompts, inset, y))
        return Band(y + prompts.used + pad / 2, placed, number + 1, disc)

    items = _shown(page.quadrants, page.piece)
    rows, columns = (1, 1) if len(items) == 1 else (2, 2)
    cells = _grid(context, items, band, 0, width, header.bottom, rows, columns)
    return _board(header, None, accent, layout.colour("accent_light"), cells)


def _board(
    header: Header, stage: int | None, accent: Color, tint: Color, cells: list[Cell]
) -> BoardLayout:
    return BoardLayout(header, stage, accent, tint, cells, [cell.field for cell in cells])


def _grid(
    context: Context,
    items: Sequence[Any],
    band: Callable[[Any, float], Band],
    x: float,
    width: float,
    top: float,
    rows: int,
    columns: int,
) -> list[Cell]:
    """``items`` as cells in ``rows`` x ``columns`` over the area from ``x`` across
    ``width`` and from ``top`` down to 0: each field as many whole notes as its cell holds
    (centred across it), exactly as tall as its rows of notes, the bands taking what is left
    down (a row's bands as tall as its tallest)."""
    units = modules(context)
    least_gap = board_mm(context, "pad_mm")
    cell_w = (width - (columns - 1) * least_gap) / columns
    across = units.count(cell_w)
    gap, left = least_gap, x
    share_h = (top - (rows - 1) * least_gap) / rows
    bands = [band(item, cell_w) for item in items]
    cells: list[Cell] = []
    for row in range(rows):
        in_row = bands[row * columns : (row + 1) * columns]
        if not in_row:
            break
        band_h = max(b.height for b in in_row)
        down = units.count(share_h - band_h) if across else 0
        field_h = units.extent(down) if down else max(0.0, share_h - band_h)
        row_top = top - row * (share_h + least_gap)
        for column, made in enumerate(in_row):
            cell_x = left + column * (cell_w + gap)
            field = Field(
                cell_x,
                row_top - share_h,
                cell_w,
                field_h,
                across if down else 0,
                down,
                units.note,
                units.gutter,
            )
            cells.append(
                Cell(cell_x, row_top - share_h, cell_w, share_h, made, share_h - field_h, field)
            )
    return cells


def _paint_cell(canvas: Canvas, context: Context, cell: Cell, board: BoardLayout) -> None:
    layout = context.layout
    radius = board_mm(context, "radius_mm")
    top = cell.y + cell.height
    canvas.saveState()
    canvas.setFillColor(board.tint)
    canvas.setStrokeColor(board.accent)
    canvas.setLineWidth(float(layout.value("board", "line_pt")))
    band_path = canvas.beginPath()
    band_path.roundRect(cell.x, top - cell.band_height, cell.width, cell.band_height, radius)
    canvas.drawPath(band_path, stroke=0, fill=1)
    canvas.roundRect(cell.x, cell.y, cell.width, cell.height, radius, stroke=1, fill=0)
    canvas.setLineWidth(float(layout.value("board", "line_pt")) / 2)
    canvas.line(cell.x, top - cell.band_height, cell.x + cell.width, top - cell.band_height)
    canvas.restoreState()
    band = cell.band
    if band.number is not None:
        inset = board_mm(context, "inset_mm")
        half = band.badge / 2
        size = layout.size("h3")
        badge(
            canvas, cell.x + inset + half, top - inset - half, half, band.number, board.accent, size
        )
    for box, dx, dy in band.texts:
        placed = TextBox(
            box.text,
            box.style,
            cell.x + dx,
            top - dy - box.height,
            box.width,
            box.height,
            box.minimum,
            box.used,
            box.valign,
        )
        placed.draw(canvas)
    _guides(canvas, context, cell.field)


def _guides(canvas: Canvas, context: Context, field: Field) -> None:
    """Each note's place, outlined faintly and dashed: where a post-it goes. A field's
    places are drawn once per file and placed wherever a field of that size recurs."""
    if not field.capacity:
        return
    key = (field.columns, field.rows, round(field.width, 2), round(field.height, 2))
    forms = _guide_forms.setdefault(canvas, {})
    name = forms.get(key)
    if name is None:
        name = forms[key] = f"guides{len(forms) + 1}"
        layout = context.layout
        dash = float(layout.value("module", "dash_mm")) * mm
        canvas.beginForm(name, 0, 0, field.width, field.height)
        canvas.setStrokeColor(layout.colour("guide"))
        canvas.setLineWidth(float(layout.value("module", "guide_pt")))
        canvas.setDash(dash, dash)
        path = canvas.beginPath()
        at_origin = replace(field, x=0.0, y=0.0)
        for x, y in at_origin.places():
            path.rect(x, y, field.note, field.note)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.endForm()
    canvas.saveState()
    canvas.translate(field.x, field.y)
    canvas.doForm(name)
    canvas.restoreState()


_guide_forms: WeakKeyDictionary[Canvas, dict[tuple[object, ...], str]] = WeakKeyDictionary()


_LAYOUTS: dict[type, Callable[..., BoardLayout]] = {
    AnalysisBoard: _analysis,
    ReflectionSheet: _reflection,
    NextStepsBoard: _next_steps,
}
