"""Small drawing pieces shared by the worksheets: headers, chips, write-in boxes."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from workbook.render.boxes import draw_in_box, fitted
from workbook.render.document import Context
from workbook.render.fonts import BOLD, REGULAR
from workbook.render.kept import PerObject
from workbook.render.layout import Layout
from workbook.render.motif import badge
from workbook.render.styles import measure_for

Rect = tuple[float, float, float, float]  # x, y, width, height


def style(
    context: Context,
    size: str,
    bold: bool = False,
    colour: Color | None = None,
    align: int = 0,
    points: float | None = None,
    leading: float | None = None,
    upper: bool = False,
) -> ParagraphStyle:
    """The worksheets' type: the layout's ``size`` (or ``points``, with its own ``leading``);
    ``upper`` sets a title's level in capitals, whatever the case of its text.

    The same few styles are asked for on every sheet of every partner, so each is made
    once per layout and handed out again: never change the style you are given."""
    key = (size, bold, colour, align, points, leading, upper)
    return _made.get(context.layout, key, _style, context.layout, *key)


def _style(
    layout: Layout,
    size: str,
    bold: bool,
    colour: Color | None,
    align: int,
    points: float | None,
    leading: float | None,
    upper: bool,
) -> ParagraphStyle:
    points = layout.size(size) if points is None else points
    return ParagraphStyle(
        f"{size}-{bold}",
        fontName=BOLD if bold else REGULAR,
        fontSize=points,
        leading=points * float(layout.value("type", "leading")) if leading is None else leading,
        textColor=colour or layout.colour("ink"),
        alignment=align,
        textTransform="uppercase" if upper else None,
    )


_made: PerObject[ParagraphStyle] = PerObject(1024)


def lines(context: Context, size: str, count: float) -> float:
    """The height of ``count`` lines of type ``size``: text boxes grow with the type."""
    layout = context.layout
    return count * layout.size(size) * float(layout.value("type", "leading"))


def board_mm(context: Context, key: str) -> float:
    """A length of the board geometry, grown with the poster it is drawn on."""
    return context.layout.mm("board", key)


def chip(
    canvas: Canvas,
    context: Context,
    text: str,
    x: float,
    top: float,
    colour: Color,
    number: int | None = None,
) -> float:
    """A rounded label such as the stage of a worksheet, outlined in grey; a stage's
    ``number`` in a disc of ``colour`` (the dialogue's) at its start. Returns its width."""
    layout = context.layout
    size = layout.size("small")
    pad = board_mm(context, "pad_mm")
    height = size + pad
    disc = height if number is not None else 0.0
    width = canvas.stringWidth(text, BOLD, size) + 2 * pad + disc
    canvas.setFillColor(layout.colour("paper_tint"))
    canvas.setStrokeColor(layout.colour("guide"))
    canvas.setLineWidth(0.6)
    canvas.roundRect(x, top - height, width, height, height / 2, stroke=1, fill=1)
    if number is not None:
        badge(canvas, x + disc / 2, top - height / 2, disc / 2, number, colour, size)
    canvas.setFillColor(layout.colour("ink"))
    canvas.setFont(BOLD, size)
    canvas.drawString(x + disc + pad, top - height + pad / 2 + size * 0.18, text)
    return width


@dataclass(frozen=True)
class TextBox:
    """Text fitted into a box whose lower-left corner is (x, y): wrapped, then shrunk
    towards ``minimum``; ``used`` is the height the fitted text takes."""

    text: str
    style: ParagraphStyle
    x: float
    y: float
    width: float
    height: float
    minimum: float
    used: float
    valign: str = "top"

    def draw(self, canvas: Canvas) -> float:
        return draw_in_box(
            canvas,
            self.text,
            self.style,
            self.x,
            self.y,
            self.width,
            self.height,
            self.minimum,
            self.valign,
        )


def text_box(
    text: str,
    style: ParagraphStyle,
    x: float,
    y: float,
    width: float,
    height: float,
    minimum: float,
    valign: str = "top",
) -> TextBox:
    """Where ``text`` goes and how much of its box it takes, measured, not drawn."""
    used = fitted(text, style, width, height, minimum)[1]
    return TextBox(text, style, x, y, width, height, minimum, used, valign)


@dataclass(frozen=True)
class Header:
    """A worksheet's head: the stage chip at the top, then title, subtitle and what to do;
    ``bottom`` is the y below them, where the sheet's fields start."""

    top: float
    boxes: list[TextBox]
    bottom: float
    chip_top: float | None = None  # the stage chip's top, beside the title's first line


def header_layout(
    context: Context,
    width: float,
    height: float,
    title: str,
    subtitle: str | None,
    accent: Color,
    title_width: float | None = None,
    instruction: str | None = None,
    stage: str | None = None,
    numbered: bool = False,
) -> Header:
    """Where a worksheet's head goes and how far down it reaches, measured, not drawn: the
    stage's chip and the title on one line (the chip above the title where ``stage`` is
    not given), the subtitle, and what to do beside them in a column of its own measure
    when the sheet is wide enough, else under them."""
    top = height
    pad = board_mm(context, "pad_mm")
    layout = context.layout
    available = title_width or width
    measure = measure_for(layout, layout.size("body"))
    beside = instruction is not None and available >= 2 * measure + 4 * pad
    if beside:
        available -= measure + 4 * pad
    title_x, chip_top = 0.0, None
    title_size = layout.size("h1")
    title_style = style(
        context, "h1", bold=True, colour=accent, upper=True, leading=title_size * 1.15
    )
    if stage is None:
        top -= layout.size("small") + 2 * pad
    else:
        title_x = chip_width(stage, context, numbered) + 2 * pad
        chip_top = top - max(0.0, (title_size * 1.15 - chip_height(context)) / 2)
    box = title_size * 1.15 * 2
    if (
        title_x
        and fitted(title, title_style, available - title_x, box, layout.size("h3"))[
            0
        ].style.fontSize
        < title_size
    ):  # no room beside the chip at the title's size: under it
        title_x, chip_top = 0.0, None
        top -= layout.size("small") + 2 * pad
    title_box = text_box(
        title, title_style, title_x, top - box, available - title_x, box, layout.size("h3")
    )
    boxes = [title_box]
    top -= title_box.used + pad / 2
    if subtitle:
        box = lines(context, "lead", 2.8)
        boxes.append(
            text_box(
                subtitle,
                style(context, "lead"),
                0,
                top - box,
                min(available, measure_for(layout, layout.size("lead"))),
                box,
                context.layout.size("min"),
            )
        )
        top -= boxes[-1].used + pad * 0.7
    if instruction and beside:
        box = lines(context, "body", 6)
        right = height - pad
        boxes.append(
            text_box(
                instruction,
                style(context, "body"),
                available + 4 * pad,
                right - box,
                measure,
                box,
                layout.size("min"),
            )
        )
        top = min(top, right - boxes[-1].used - pad * 0.7)
    elif instruction:
        box = lines(context, "body", 3)
        boxes.append(
            text_box(
                instruction,
                style(context, "body"),
                0,
                top - box,
                min(available, measure),
                box,
                layout.size("min"),
            )
        )
        top -= boxes[-1].used + pad * 0.7
    return Header(height, boxes, top, chip_top)


def chip_height(context: Context) -> float:
    return context.layout.size("small") + board_mm(context, "pad_mm")


def chip_width(text: str, context: Context, numbered: bool) -> float:
    """The width ``chip`` draws ``text`` in."""
    size = context.layout.size("small")
    disc = chip_height(context) if numbered else 0.0
    return stringWidth(text, BOLD, size) + 2 * board_mm(context, "pad_mm") + disc


def paint_header(
    canvas: Canvas,
    context: Context,
    header: Header,
    stage: str,
    colour: Color,
    number: int | None = None,
) -> None:
    top = header.top if header.chip_top is None else header.chip_top
    chip(canvas, context, stage, 0, top, colour, number)
    for box in header.boxes:
        box.draw(canvas)


def sheet_header(
    canvas: Canvas,
    context: Context,
    width: float,
    height: float,
    stage: str,
    number: int | None,
    title: str,
    subtitle: str | None,
    accent: Color,
    title_width: float | None = None,
    instruction: str | None = None,
) -> float:
    """Stage chip, title, subtitle and what to do at the top of a worksheet; returns the y
    below them."""
    header = header_layout(
        context, width, height, title, subtitle, accent, title_width, instruction
    )
    paint_header(canvas, context, header, stage, accent, number)
    return header.bottom


def write_box(
    canvas: Canvas,
    context: Context,
    x: float,
    y: float,
    width: float,
    height: float,
    label: str,
    accent: Color,
    label_height: float = 14 * mm,
    fill: Color = white,
) -> Rect:
    """A box with its label at the top and the rest left free for writing or post-its;
    returns that free rest."""
    layout = context.layout
    radius = layout.mm("board", "radius_mm")
    canvas.setFillColor(fill)
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(float(layout.value("board", "line_pt")))
    canvas.roundRect(x, y, width, height, radius, stroke=1, fill=1)
    pad = board_mm(context, "pad_mm")
    draw_in_box(
        canvas,
        label,
        style(context, "h3", bold=True, colour=accent),
        x + pad,
        y + height - label_height,
        width - 2 * pad,
        label_height - pad,
        layout.size("min"),
    )
    return (x, y, width, height - label_height)


# Lines of room for each filled-in value of a name box (a name, then an organisation):
# what the facilitator typed wraps, then shrinks towards the floor, and is never cut at the
# longest names and organisations a session may hold.
NAME_LINES = (3, 3)
_LABEL_MM = 4.5


def name_box_height(context: Context, count: int = 2) -> float:
    """The height of a name box of ``count`` rows: the same for every partner, so the rest
    of a worksheet can be drawn once for all of them."""
    value = style(context, "body", bold=True)
    return sum(_LABEL_MM * mm + lines * value.leading + 1.5 * mm for lines in NAME_LINES[:count])


def name_box(
    canvas: Canvas,
    context: Context,
    x: float,
    top: float,
    width: float,
    rows: list[tuple[str, str]],
) -> float:
    """Labelled lines such as name and organisation, filled in; returns the height used."""
    layout = context.layout
    label_style = style(context, "small", colour=layout.colour("muted"))
    value_style = style(context, "body", bold=True)
    y = top
    for index, (label, value) in enumerate(rows):
        lines = NAME_LINES[min(index, len(NAME_LINES) - 1)]
        value_height = lines * value_style.leading
        row_height = _LABEL_MM * mm + value_height + 1.5 * mm
        y -= row_height
        draw_in_box(
            canvas,
            label,
            label_style,
            x,
            y + row_height - _LABEL_MM * mm,
            width,
            _LABEL_MM * mm,
            layout.size("min"),
        )
        draw_in_box(
            canvas,
            value,
            value_style,
            x,
            y + 1.2 * mm,
            width,
            value_height,
            layout.size("min"),
            valign="bottom",
        )
        canvas.setStrokeColor(layout.colour("rule"))
        canvas.setLineWidth(0.7)
        canvas.line(x, y + 1 * mm, x + width, y + 1 * mm)
    return top - y
