"""A partner's circle worksheet: four sectors around the centre, with room to write."""

from __future__ import annotations

import math
from weakref import WeakKeyDictionary

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workbook.plan.worksheets import CircleSheet
from workbook.render.boxes import Sheet, draw_in_box
from workbook.render.document import PORTRAIT, Block, Context
from workbook.render.pages.draw import name_box, name_box_height, sheet_header, style
from workbook.render.styles import measure_for

# Sectors run clockwise from the top, as on the guide's worksheets.
_SECTOR_CENTRES = (90, 0, 270, 180)
_NAME_WIDTH = 78 * mm

# Every partner gets the same circle sheets; only the name box differs. The rest of a sheet
# is drawn once per PDF as a form XObject and placed on each partner's page: drawing it
# again for each of 45 partners was a third of that pack's render time, and the file
# carried 45 copies of it.
_Circle = tuple[float, float, float]  # the circle's centre and radius on the sheet
_forms: WeakKeyDictionary[Canvas, dict[tuple[object, ...], tuple[str, _Circle]]] = (
    WeakKeyDictionary()
)


def render(page: CircleSheet, context: Context) -> Block:
    return Block(PORTRAIT, [Sheet(lambda c, w, h: _paint(c, w, h, page, context))])


def _paint(
    canvas: Canvas, width: float, height: float, page: CircleSheet, context: Context
) -> None:
    if page.partner:
        rows = [(page.name_label, page.partner[0]), (page.organisation_label, page.partner[1])]
        name_box(canvas, context, width - _NAME_WIDTH, height, _NAME_WIDTH, rows)
    name, circle = _shared_form(canvas, width, height, page, context)
    canvas.doForm(name)
    if page.answers is not None:
        _answers(canvas, context, page, circle)


def _answers(canvas: Canvas, context: Context, page: CircleSheet, circle: _Circle) -> None:
    """The partner's own answer, faint, between the centre and the sector's label: a start
    to write over. Only the top and bottom sectors have that room."""
    assert page.answers is not None
    index, heading, text = page.answers
    angle = _SECTOR_CENTRES[index]
    if angle not in (90, 270):
        return
    layout = context.layout
    cx, cy, radius = circle
    inner = layout.mm("circle", "centre_mm") / 2 + 1.5 * mm
    outer = radius * 0.62 - 1 * mm  # where the label's box begins
    width = 2 * inner * 0.96  # the sector is narrowest next to the centre
    faint = layout.colour("faint")
    box = style(context, "small", colour=faint, align=TA_CENTER)
    y = cy + inner if angle == 90 else cy - outer
    draw_in_box(
        canvas,
        f"{heading} {text}",
        box,
        cx - width / 2,
        y,
        width,
        outer - inner,
        layout.size("min"),
        valign="middle",
    )


def _shared_form(
    canvas: Canvas, width: float, height: float, page: CircleSheet, context: Context
) -> tuple[str, _Circle]:
    """The name of the form holding everything on ``page`` but the partner, drawn on first
    use, and where its circle is."""
    forms = _forms.setdefault(canvas, {})
    key = (
        page.dialogue,
        page.stage,
        page.question,
        page.title,
        page.centre,
        page.opening,
        tuple(page.sectors),
        page.note,
        page.instruction,
        width,
        height,
    )
    found = forms.get(key)
    if found is None:
        name = f"circle{len(forms) + 1}"
        # The box is the whole page around the sheet, so nothing near its edge is clipped.
        canvas.beginForm(name, -width, -height, 2 * width, 2 * height)
        circle = _paint_shared(canvas, width, height, page, context)
        canvas.endForm()
        found = forms[key] = (name, circle)
    return found


def _paint_shared(
    canvas: Canvas, width: float, height: float, page: CircleSheet, context: Context
) -> _Circle:
    layout = context.layout
    accent = layout.colour(f"dialogues.{page.dialogue}")
    subtitle = page.question if not page.note else f"{page.question} · {page.note}"
    below = sheet_header(
        canvas,
        context,
        width,
        height,
        page.stage,
        1,  # the individual reflection: the first stage of every dialogue
        page.title,
        subtitle,
        accent,
        title_width=width - _NAME_WIDTH - 8 * mm,
    )
    below = min(below, height - name_box_height(context) - 4 * mm)
    foot = 0.0
    if page.instruction:
        # at the foot, where the sheet has room: what to do, alone or together, how long
        box = layout.mm("circle", "instruction_mm")
        foot = box + 3 * mm
        _instruction(canvas, context, page.instruction, width, box, accent)
    diameter = min(layout.mm("circle", "diameter_mm"), width, below - foot - 4 * mm)
    radius = diameter / 2
    cy = foot + max(radius, (below - foot) / 2)
    _circle(canvas, context, page, width / 2, cy, radius, accent)
    return width / 2, cy, radius


def _instruction(
    canvas: Canvas, context: Context, text: str, width: float, height: float, accent: object
) -> None:
    layout = context.layout
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(0.8)
    canvas.line(0, height + 1.5 * mm, width, height + 1.5 * mm)
    measure = min(width, measure_for(layout, layout.size("body")))  # the text column
    left = width - measure
    draw_in_box(canvas, text, style(context, "body"), left, 0, measure, height, layout.size("min"))


def _circle(
    canvas: Canvas,
    context: Context,
    page: CircleSheet,
    cx: float,
    cy: float,
    radius: float,
    accent: object,
) -> None:
    layout = context.layout
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(1.6)
    canvas.setFillColor(layout.colour("paper_tint"))
    canvas.circle(cx, cy, radius, stroke=1, fill=1)
    canvas.setLineWidth(0.8)
    for angle in (45, 135, 225, 315):
        rad = math.radians(angle)
        canvas.line(cx, cy, cx + radius * math.cos(rad), cy + radius * math.sin(rad))
    centre_r = layout.mm("circle", "centre_mm") / 2
    canvas.setFillColor(layout.colour("accent_light"))
    canvas.setLineWidth(1.2)
    canvas.circle(cx, cy, centre_r, stroke=1, fill=1)
    centre_style = style(context, "h3", bold=True, colour=accent, align=TA_CENTER)
    label_h = layout.size("h3") * 1.6
    side = centre_r * 1.5
    label_top = cy + centre_r * 0.8
    draw_in_box(
        canvas,
        page.centre,
        centre_style,
        cx - side / 2,
        label_top - label_h,
        side,
        label_h,
        layout.size("min"),
        valign="middle",
    )
    below = label_top - label_h
    if page.opening:  # the sentence the ambition completes, right above its lines
        opening_h = layout.size("body") * 2.8
        below -= draw_in_box(
            canvas,
            page.opening,
            style(context, "body", bold=True, align=TA_CENTER),
            cx - side / 2,
            below - opening_h,
            side,
            opening_h,
            layout.size("min"),
        )
    # ruled lines across the centre: the ambition (or contribution, impact) is written here
    canvas.setStrokeColor(layout.colour("rule"))
    canvas.setLineWidth(0.7)
    spacing = layout.mm("circle", "line_mm")
    y = below - spacing * 0.8
    while y > cy - centre_r + spacing * 0.6:
        half = math.sqrt(max(centre_r**2 - (y - cy) ** 2, 0)) - 3 * mm
        if half > 5 * mm:
            canvas.line(cx - half, y, cx + half, y)
        y -= spacing
    share = float(layout.value("circle", "label_width"))
    for (name, prompt), angle in zip(page.sectors, _SECTOR_CENTRES, strict=True):
        _sector_label(canvas, context, name, prompt, cx, cy, radius, angle, share, accent)


def _sector_label(
    canvas: Canvas,
    context: Context,
    name: str,
    prompt: str,
    cx: float,
    cy: float,
    radius: float,
    angle: int,
    share: float,
    accent: object,
) -> None:
    """Name and question near the rim of a sector, leaving its inner part to write in."""
    layout = context.layout
    size = float(layout.value("circle", "label_size"))
    name_style = style(context, "small", bold=True, colour=accent, align=TA_CENTER)
    prompt_style = style(context, "body", align=TA_CENTER, points=size, leading=size * 1.3)
    if angle in (90, 270):  # top and bottom sectors: wide and shallow
        width, height = radius * share * 1.15, radius * 0.27
        x = cx - width / 2
        y = cy + radius * 0.62 if angle == 90 else cy - radius * 0.62 - height
    else:  # left and right sectors: narrow and tall
        width, height = radius * 0.40, radius * 0.5
        x = cx + radius * 0.5 if angle == 0 else cx - radius * 0.5 - width
        y = cy - height / 2
    name_height = layout.size("small") * 1.5
    if angle == 270:
        used = draw_in_box(
            canvas,
            prompt,
            prompt_style,
            x,
            y,
            width,
            height - name_height,
            layout.size("min"),
            valign="bottom",
        )
        draw_in_box(
            canvas,
            name.upper(),
            name_style,
            x,
            y + used + 1,
            width,
            name_height,
            layout.size("min"),
            valign="bottom",
        )
    else:
        draw_in_box(
            canvas,
            name.upper(),
            name_style,
            x,
            y + height - name_height,
            width,
            name_height,
            layout.size("min"),
        )
        draw_in_box(
            canvas, prompt, prompt_style, x, y, width, height - name_height - 1, layout.size("min")
        )
