"""A poster split across office sheets: overlapping tiles with cut and glue marks, a label
on every sheet, and an overview page showing how the sheets go together.

Row 1 is the top row and column 1 the left column. A sheet is cut along its top and left
picture edges (where it has a neighbour there) and laid over the glue strips its upper and
left neighbours carry along their bottom and right picture edges.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import white
from reportlab.lib.pagesizes import landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workbook.core.text import fill
from workbook.plan.worksheets import TileWords
from workbook.render.boxes import draw_in_box
from workbook.render.document import Context, shorten, shorten_around
from workbook.render.fonts import BOLD, REGULAR
from workbook.render.layout import Layout
from workbook.render.pages.draw import lines, style

Size = tuple[float, float]


@dataclass(frozen=True)
class Poster:
    """A board drawn once as a form XObject, at its poster size."""

    form: str
    title: str
    size: Size
    size_key: str = ""  # the poster size's name in the layout: "a1"


@dataclass(frozen=True)
class Tile:
    row: int
    column: int
    x: float  # where the sheet's printable area starts, in poster coordinates
    y: float


@dataclass(frozen=True)
class Tiling:
    sheet: Size
    margin: float
    overlap: float
    rows: int
    columns: int
    tiles: list[Tile]

    @property
    def area(self) -> Size:
        """The printable part of a sheet, which shows a piece of the poster."""
        return self.sheet[0] - 2 * self.margin, self.sheet[1] - 2 * self.margin

    @property
    def covered(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the poster area all the sheets show together."""
        width, height = self.area
        left = min(t.x for t in self.tiles)
        bottom = min(t.y for t in self.tiles)
        return (
            left,
            bottom,
            max(t.x for t in self.tiles) + width - left,
            (max(t.y for t in self.tiles) + height - bottom),
        )


def plan_tiling(poster: Size, paper: Size, margin: float, overlap: float) -> Tiling:
    """The fewest sheets of ``paper`` (either way up) that cover ``poster`` with ``overlap``
    between neighbours; the spare paper is shared equally round the poster's edges."""
    best: Tiling | None = None
    for sheet in (landscape(paper), portrait(paper)):
        width, height = sheet[0] - 2 * margin, sheet[1] - 2 * margin
        step_x, step_y = width - overlap, height - overlap
        columns = max(1, math.ceil((poster[0] - overlap) / step_x - 1e-9))
        rows = max(1, math.ceil((poster[1] - overlap) / step_y - 1e-9))
        spare_x = (columns * step_x + overlap - poster[0]) / 2
        spare_y = (rows * step_y + overlap - poster[1]) / 2
        tiles = [
            Tile(
                row + 1,
                column + 1,
                column * step_x - spare_x,
                poster[1] + spare_y - height - row * step_y,
            )
            for row in range(rows)
            for column in range(columns)
        ]
        tiling = Tiling((float(sheet[0]), float(sheet[1])), margin, overlap, rows, columns, tiles)
        if best is None or rows * columns < best.rows * best.columns:
            best = tiling
    assert best is not None
    return best


def draw_tiled(
    canvas: Canvas,
    posters: Sequence[Poster],
    context: Context,
    words: TileWords,
    session: tuple[str, str] = ("", ""),
) -> None:
    """For each poster an overview page, then its sheets row by row; ``session``: the
    session's title and date (the part never shortened), on every sheet's foot."""
    layout = context.layout
    margin, overlap = layout.mm("tiling", "margin_mm"), layout.mm("tiling", "overlap_mm")
    for poster in posters:
        tiling = plan_tiling(poster.size, layout.paper, margin, overlap)
        _overview(canvas, poster, tiling, context, words, poster.size_key)
        for tile in tiling.tiles:
            _sheet(canvas, poster, tiling, tile, context, words, session)


def _sheet(
    canvas: Canvas,
    poster: Poster,
    tiling: Tiling,
    tile: Tile,
    context: Context,
    words: TileWords,
    session: tuple[str, str],
) -> None:
    layout = context.layout
    canvas.setPageSize(tiling.sheet)
    margin, overlap = tiling.margin, tiling.overlap
    width, height = tiling.area
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(margin, margin, width, height)
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.translate(margin - tile.x, margin - tile.y)
    canvas.doForm(poster.form)
    canvas.restoreState()

    right, top = margin + width, margin + height
    has_left, has_above = tile.column > 1, tile.row > 1
    has_right, has_below = tile.column < tiling.columns, tile.row < tiling.rows
    marks = _Marks(canvas, context, tiling)
    if has_left:
        marks.cut_vertical(margin, words.cut)
    if has_above:
        marks.cut_horizontal(top, words.cut)
    if has_right:
        marks.glue_vertical(right - overlap, right, words.glue)
    if has_below:
        marks.glue_horizontal(margin, margin + overlap, words.glue)

    size = layout.size("small")
    label = fill(
        words.label,
        board=poster.title,
        row=tile.row,
        rows=tiling.rows,
        column=tile.column,
        columns=tiling.columns,
    )
    # the sheet's number large, as on the overview, then its board, row and column
    number = fill(words.sheet, row=tile.row, column=tile.column)
    big = float(layout.value("tiling", "number_pt"))
    baseline = layout.mm("tiling", "safe_mm") + 0.5
    canvas.setFont(BOLD, big)
    canvas.setFillColor(layout.colour("accent_dark"))
    canvas.drawString(margin, baseline, number)
    start = margin + canvas.stringWidth(number, BOLD, big) + size
    room = width - (start - margin) - overlap - size
    canvas.setFont(REGULAR, size)
    canvas.setFillColor(layout.colour("ink"))
    text, keep = session
    if text:  # the session and its date, so a sheet found alone can be traced
        end = margin + width - overlap - size
        shown = shorten_around(canvas, text, keep, room * 0.5, size)
        canvas.setFillColor(layout.colour("muted"))
        canvas.drawRightString(end, baseline, shown)
        room -= canvas.stringWidth(shown, REGULAR, size) + 2 * size
        canvas.setFillColor(layout.colour("ink"))
    canvas.drawString(start, baseline, shorten(canvas, label, room, size))
    canvas.showPage()


class _Marks:
    """Cut lines (solid) along a sheet's picture edges and glue strips (shaded) over the
    overlap its neighbours cover, each with short ticks in the margin so they are found
    after printing; nothing nearer the sheet's edge than ``safe_mm``."""

    def __init__(self, canvas: Canvas, context: Context, tiling: Tiling) -> None:
        self.canvas, self.layout, self.tiling = canvas, context.layout, tiling
        self.length = self.layout.mm("tiling", "mark_mm")
        self.gap = self.layout.mm("tiling", "safe_mm")  # from the sheet's edge to a mark
        self.size = self.layout.size("small")

    @property
    def _middle(self) -> float:
        """Distance from the sheet's edge to the centre line of the words in the margin."""
        return (self.gap + self.tiling.margin) / 2

    def _pen(self) -> None:
        self.canvas.setStrokeColor(self.layout.colour("ink"))
        self.canvas.setLineWidth(float(self.layout.value("tiling", "mark_pt")))

    def _ticks_x(self, x: float) -> None:
        """Short marks at ``x`` in the top and bottom margins."""
        page_h, low, high = self.tiling.sheet[1], self.gap, self.gap + self.length
        self._pen()
        self.canvas.line(x, page_h - high, x, page_h - low)
        self.canvas.line(x, low, x, high)

    def _ticks_y(self, y: float) -> None:
        """Short marks at ``y`` in the left and right margins."""
        page_w, low, high = self.tiling.sheet[0], self.gap, self.gap + self.length
        self._pen()
        self.canvas.line(low, y, high, y)
        self.canvas.line(page_w - high, y, page_w - low, y)

    def _word(self, text: str, x: float, y: float, angle: int) -> None:
        canvas = self.canvas
        canvas.saveState()
        canvas.translate(x, y)
        canvas.rotate(angle)
        canvas.setFont(BOLD, self.size)
        canvas.setFillColor(self.layout.colour("accent_dark"))
        canvas.drawCentredString(0, -self.size * 0.35, text)
        canvas.restoreState()

    def cut_vertical(self, x: float, word: str) -> None:
        margin, (_, height) = self.tiling.margin, self.tiling.area
        self._ticks_x(x)
        self._pen()
        self.canvas.line(x, margin, x, margin + height)
        self._word(word, self._middle, margin + height / 2, 90)

    def cut_horizontal(self, y: float, word: str) -> None:
        margin, (width, _) = self.tiling.margin, self.tiling.area
        self._ticks_y(y)
        self._pen()
        self.canvas.line(margin, y, margin + width, y)
        self._word(word, margin + width / 2, y + margin - self._middle, 0)

    def glue_vertical(self, start: float, end: float, word: str) -> None:
        margin, (_, height) = self.tiling.margin, self.tiling.area
        self._ticks_x(start)
        strip(self.canvas, self.layout, start, margin, end - start, height)
        self._word(word, (start + end) / 2, margin + height / 2, 90)

    def glue_horizontal(self, start: float, end: float, word: str) -> None:
        margin, (width, _) = self.tiling.margin, self.tiling.area
        self._ticks_y(end)
        strip(self.canvas, self.layout, margin, start, width, end - start)
        self._word(word, margin + width / 2, (start + end) / 2, 0)


def strip(canvas: Canvas, layout: Layout, x: float, y: float, width: float, height: float) -> None:
    """A glue strip: the overlap shaded, over the picture it shares with the neighbour."""
    canvas.saveState()
    canvas.setFillColor(layout.colour("glue"))
    canvas.setFillAlpha(float(layout.value("tiling", "glue_alpha")))
    canvas.rect(x, y, width, height, stroke=0, fill=1)
    canvas.restoreState()


def _legend(
    canvas: Canvas, context: Context, words: TileWords, left: float, top: float, width: float
) -> float:
    """What each mark on the sheets means, each beside a sample of it; returns the y below."""
    layout = context.layout
    cut, glue, number = words.legend
    size = layout.size("body")
    row = size * 2
    sample = 14 * mm
    text_x = left + sample + 4 * mm
    y = top - row / 2
    canvas.setStrokeColor(layout.colour("ink"))
    canvas.setLineWidth(float(layout.value("tiling", "mark_pt")) * 1.5)
    canvas.line(left, y, left + sample, y)
    strip(canvas, layout, left, y - row - size * 0.6, sample, size * 1.2)
    canvas.setFont(BOLD, size)
    canvas.setFillColor(layout.colour("accent_dark"))
    canvas.drawString(left, y - 2 * row - size * 0.35, fill(words.sheet, row=1, column=2))
    canvas.setFont(REGULAR, size)
    canvas.setFillColor(layout.colour("ink"))
    for index, text in enumerate((cut, glue, number)):
        baseline = y - index * row - size * 0.35
        canvas.drawString(text_x, baseline, shorten(canvas, text, width - (text_x - left), size))
    return top - 3 * row


def _overview(
    canvas: Canvas,
    poster: Poster,
    tiling: Tiling,
    context: Context,
    words: TileWords,
    size: str,
) -> None:
    """The whole poster, small, with every sheet outlined and numbered where it goes."""
    layout = context.layout
    page = landscape(layout.paper)
    canvas.setPageSize(page)
    left, right = layout.margin("left"), page[0] - layout.margin("right")
    top, bottom = page[1] - layout.margin("top"), layout.margin("bottom")
    width = right - left
    heading = fill(
        words.overview,
        board=poster.title,
        rows=tiling.rows,
        columns=tiling.columns,
        paper=words.names[layout.paper_name],
        size=words.names[size],
    )
    box = lines(context, "h2", 2)
    used = draw_in_box(
        canvas,
        heading,
        style(context, "h2", bold=True, colour=layout.colour("accent")),
        left,
        top - box,
        width,
        box,
        layout.size("min"),
    )
    top -= used + 2 * layout.size("body")
    how = fill(words.how, overlap=round(tiling.overlap / 72 * 25.4))
    box = lines(context, "body", 3)
    used = draw_in_box(canvas, how, style(context, "body"), left, top - box, width, box, 9)
    top -= used + layout.size("body")
    top = _legend(canvas, context, words, left, top, width) - layout.size("body")

    # two panels side by side at the same scale: the poster with the sheets outlined, and
    # the sheets' numbers on a plain map of the same outlines, clear of the boards' words
    gap = 8 * mm
    panel = (width - gap) / 2
    cover_x, cover_y, cover_w, cover_h = tiling.covered
    scale = min(panel / cover_w, (top - bottom) / cover_h)
    origin_y = bottom + (top - bottom - cover_h * scale) / 2 - cover_y * scale
    picture_x = left + (panel - cover_w * scale) / 2 - cover_x * scale
    map_x = picture_x + panel + gap
    canvas.saveState()
    canvas.translate(picture_x, origin_y)
    canvas.scale(scale, scale)
    canvas.doForm(poster.form)
    canvas.restoreState()

    sheet_w, sheet_h = tiling.area
    accent = layout.colour("accent")
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(0.8)
    canvas.setFillColor(accent)
    for origin_x, alpha in ((picture_x, 0.12), (map_x, 0.06)):
        canvas.setFillAlpha(alpha)
        for tile in tiling.tiles:
            canvas.rect(
                origin_x + tile.x * scale,
                origin_y + tile.y * scale,
                sheet_w * scale,
                sheet_h * scale,
                stroke=1,
                fill=1,
            )
    canvas.setFillAlpha(1)
    size_pt = layout.size("h3")
    for tile in tiling.tiles:
        text = fill(words.sheet, row=tile.row, column=tile.column)
        label_w = canvas.stringWidth(text, BOLD, size_pt) + size_pt
        centre_x = map_x + (tile.x + sheet_w / 2) * scale
        centre_y = origin_y + (tile.y + sheet_h / 2) * scale
        canvas.setFillColor(white)
        canvas.roundRect(
            centre_x - label_w / 2,
            centre_y - size_pt * 0.8,
            label_w,
            size_pt * 1.6,
            3,
            stroke=1,
            fill=1,
        )
        canvas.setFillColor(layout.colour("accent_dark"))
        canvas.setFont(BOLD, size_pt)
        canvas.drawCentredString(centre_x, centre_y - size_pt * 0.35, text)
    canvas.showPage()
