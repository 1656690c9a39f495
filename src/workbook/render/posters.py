"""The joint boards as wall posters: one board per page at A3 to A0, type read from two metres;
a board no poster holds whole for the group, one field per poster (``Board.apart``).

Each board is drawn once as a form XObject and placed on its poster page, or on every
office sheet of a tiled poster, so a tiled file costs little more than the poster itself.
How many post-its a board holds at a size is read from its layout (``capacities``), never
from drawing it, so the plan can be told before anything is rendered. Every poster carries
a strip at its foot naming the session, its date and the board, so a photograph of it can
be traced.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from dataclasses import replace
from typing import IO, TYPE_CHECKING, Any

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workbook.core.text import fill
from workbook.plan.document import PackPlan
from workbook.render.document import Context, shorten_around, shorten_words
from workbook.render.fonts import BOLD, REGULAR
from workbook.render.kept import PerObject
from workbook.render.layout import Layout
from workbook.render.pages.boards import Board, board_fields, paint_board
from workbook.render.styles import build_styles

if TYPE_CHECKING:
    from workbook.render.tiling import Poster


def poster_context(context: Context, size: str) -> Context:
    """The pack's look at poster size: the size's type, board lengths grown by its scale,
    and any board values it sets itself. Made once per layout and size, so that every
    render draws with the same styles (and finds what it fitted before)."""
    return _posters.get(context.layout, size, _poster_context, context, size)


_posters: PerObject[Context] = PerObject(64)


def _poster_context(context: Context, size: str) -> Context:
    layout = context.layout
    spec = layout.data["posters"]["sizes"][size]
    data: dict[str, Any] = deepcopy(layout.data)
    data["type"] = {**data["type"], **spec["type"]}
    data["board"] = {
        key: value * float(spec["scale"]) if key.endswith(("_mm", "_pt")) else value
        for key, value in data["board"].items()
    } | spec.get("board", {})
    poster = replace(layout, data=data)
    return Context(poster, build_styles(poster))


def poster_sheet(layout: Layout, size: str) -> tuple[float, float]:
    width, height = layout.data["posters"]["sizes"][size]["sheet_mm"]
    return float(width) * mm, float(height) * mm


def poster_margin(layout: Layout, size: str) -> float:
    posters = layout.data["posters"]
    return float(posters["sizes"][size].get("margin_mm", posters["margin_mm"])) * mm


def board_box(context: Context, size: str | None) -> tuple[float, float]:
    """The width and height a board is drawn into: on a poster, or on the pack's sheet."""
    layout = context.layout
    if size is None:
        width, height = landscape(layout.paper)
        return (
            width - layout.margin("left") - layout.margin("right"),
            height - layout.margin("top") - layout.margin("bottom") - 0.5,
        )
    width, height = poster_sheet(layout, size)
    margin = poster_margin(layout, size)
    return width - 2 * margin, height - 2 * margin - strip_height(layout, size)


def strip_height(layout: Layout, size: str) -> float:
    """The strip at a poster's foot: a line of the poster's smallest type, and air."""
    smallest = float(layout.data["posters"]["sizes"][size]["type"]["min"])
    return float(layout.data["posters"]["strip"]) * smallest


def capacities(boards: Sequence[Board], context: Context, size: str | None) -> dict[str, list[int]]:
    """How many square notes fit in each free field of each board, by the board's key, when
    the boards are printed at ``size`` (a poster size, or None for the pack's own sheet)."""
    return {page.key: list(_capacity(page, context, size)) for page in boards}


# Each board's answer, per layout (its data, fonts and paper) and size, by the board's text:
# choosing a poster size asks for every board at every size, whole and a field at a time,
# and a resident process asks again for the boards the last render had.
_counted: PerObject[dict[str, tuple[int, ...]]] = PerObject(64)
_COUNTED_KEPT = 512  # boards kept per layout and size; an edit in --watch adds a few


def _capacity(page: Board, context: Context, size: str | None) -> tuple[int, ...]:
    known = _counted.get(context.layout, size, dict)
    key = repr(page)
    found = known.get(key)
    if found is None:
        if len(known) >= _COUNTED_KEPT:
            known.clear()
        found = known[key] = _count(page, context, size)
    return found


def _capacities(
    boards: Sequence[Board], context: Context, size: str | None
) -> dict[str, list[int]]:
    """``capacities`` worked out afresh (what the kept answers must equal)."""
    return {page.key: list(_count(page, context, size)) for page in boards}


def _count(page: Board, context: Context, size: str | None) -> tuple[int, ...]:
    drawn = poster_context(context, size) if size else context
    width, height = board_box(context, size)
    fields = board_fields(width, height, on_poster(page) if size else page, drawn)
    return tuple(field.capacity for field in fields)


def piece_capacities(board: Board, context: Context, size: str) -> list[int]:
    """The notes each field of ``board`` holds printed alone on a poster of ``size``."""
    return [capacities([piece], context, size)[board.key][0] for piece in board.pieces()]


def apart_size(board: Board, context: Context, need: int, least: str) -> str | None:
    """None when some poster size holds ``board`` whole with ``need`` notes in every field;
    else the size to print it a field per poster on: the smallest from ``least`` up on which
    every field alone holds ``need``, or the largest."""
    sizes = list(context.layout.data["posters"]["sizes"])
    if min(capacities([board], context, sizes[-1])[board.key], default=need) >= need:
        return None
    for size in sizes[sizes.index(least) :]:
        if min(piece_capacities(board, context, size), default=need) >= need:
            return size
    return sizes[-1]


def size_for(boards: Sequence[Board], context: Context, need: int) -> str:
    """The smallest poster size on which every field of every board holds ``need`` notes,
    or the largest size when none does (the print list then warns)."""
    sizes = list(context.layout.data["posters"]["sizes"])
    for size in sizes:
        counts = capacities(boards, context, size)
        if all(min(fields, default=need) >= need for fields in counts.values()):
            return size
    return sizes[-1]


def on_poster(page: Board) -> Board:
    """A board as a poster draws it: without the sheet's instruction, whose lines at poster
    type would take the room of a row of post-its (the facilitator's pack carries it)."""
    return replace(page, instruction=None)


def posters_of(boards: Sequence[Board], size: str) -> list[tuple[Board, str]]:
    """Each poster to print, with its size: a board whole, or each of its fields alone."""
    posters: list[tuple[Board, str]] = []
    for board in boards:
        if board.apart:
            posters += [(piece, board.apart) for piece in board.pieces()]
        else:
            posters.append((board, size))
    return posters


def render_boards(plan: PackPlan, context: Context, size: str, tile: bool, out: IO[bytes]) -> None:
    from workbook.render.tiling import draw_tiled  # only posters need it, not every pack

    layout = context.layout
    sheet = poster_sheet(layout, size)
    canvas = Canvas(out, pagesize=sheet, invariant=1, lang=plan.language, initialFontName=REGULAR)
    canvas.setTitle(plan.title)
    canvas.setAuthor(plan.author)
    canvas.setSubject(plan.footer)
    canvas.setCreator("workbook")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    assert plan.tiles is not None
    posters = [
        _define(canvas, f"board{index}", page, poster_context(context, at), at, plan)
        for index, (page, at) in enumerate(posters_of(plan.boards, size), 1)
    ]
    if tile:
        draw_tiled(canvas, posters, context, plan.tiles, (plan.footer, plan.footer_date))
    else:
        for poster in posters:
            canvas.setPageSize(poster.size)
            canvas.doForm(poster.form)
            canvas.showPage()
    canvas.save()


def poster_label(page: Board, plan: PackPlan) -> str:
    """The board a poster shows, and which of its fields when it shows one."""
    if page.piece is None or plan.tiles is None:
        return page.poster_title
    return fill(
        plan.tiles.piece, board=page.poster_title, number=page.piece + 1, count=page.field_count
    )


def _define(
    canvas: Canvas, name: str, page: Board, drawn: Context, size: str, plan: PackPlan
) -> Poster:
    """Draw one board, margins and strip included, as a form to be placed wherever it is
    needed; ``drawn`` is the poster context, whose layout still holds the sheet sizes."""
    sheet = poster_sheet(drawn.layout, size)
    margin = poster_margin(drawn.layout, size)
    width, height = board_box(drawn, size)
    label = poster_label(page, plan)
    canvas.beginForm(name, 0, 0, *sheet)
    canvas.saveState()
    _strip(canvas, drawn, sheet[0] - 2 * margin, margin, size, plan, label)
    canvas.translate(margin, margin + strip_height(drawn.layout, size))
    paint_board(canvas, width, height, on_poster(page), drawn)
    canvas.restoreState()
    canvas.endForm()
    from workbook.render.tiling import Poster

    return Poster(name, label, sheet, size)


def _strip(
    canvas: Canvas,
    drawn: Context,
    width: float,
    margin: float,
    size: str,
    plan: PackPlan,
    board: str,
) -> None:
    """The session's title and date at the left of the poster's foot, the board at the
    right, under a hairline: what names a photograph of the board."""
    layout = drawn.layout
    points = layout.size("min")
    baseline = margin + points * 0.3
    canvas.saveState()
    canvas.setStrokeColor(layout.colour("rule"))
    canvas.setLineWidth(max(0.5, points / 30))
    rule = margin + strip_height(layout, size) - points * 0.35
    canvas.line(margin, rule, margin + width, rule)
    canvas.setFillColor(layout.colour("muted"))
    canvas.setFont(BOLD, points)
    right = shorten_words(canvas, board, width * 0.45, points, BOLD)
    canvas.drawRightString(margin + width, baseline, right)
    room = width - canvas.stringWidth(right, BOLD, points) - 2 * points
    canvas.setFont(REGULAR, points)
    session = shorten_around(canvas, plan.footer, plan.footer_date, room, points)
    canvas.drawString(margin, baseline, session)
    canvas.restoreState()
