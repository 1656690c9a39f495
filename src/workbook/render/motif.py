"""The guide's circles as the pack's motif: the cover's three dialogues, each chapter's opening
band, and the stage badges (stages are told by number in a disc, never by colour).

A circle is drawn as the worksheets draw it, small: a ring cut in four sectors round its
centre. Colour says which dialogue (``colours.dialogues``); a circle that stands for no one
dialogue is drawn in the house's greys.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.colors import Color, white
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from workbook.render.document import Context, SectionMark
from workbook.render.fonts import BOLD
from workbook.render.styles import para

DIALOGUES = ("ambition", "contribution", "scaling")


def ring(
    canvas: Any,
    context: Context,
    cx: float,
    cy: float,
    radius: float,
    dialogue: str | None,
    strong: bool = True,
    number: int | None = None,
) -> None:
    """One circle: its dialogue's colour when ``strong``, else outlined in grey; ``number``
    (the dialogue's) in its centre."""
    layout = context.layout
    share = float(layout.value("motif", "centre"))
    colour = layout.colour(f"dialogues.{dialogue}") if dialogue else layout.colour("accent")
    tint = layout.colour(f"tints.{dialogue}") if dialogue else layout.colour("accent_light")
    line = colour if strong else layout.colour("guide")
    canvas.saveState()
    canvas.setStrokeColor(line)
    canvas.setLineWidth(max(0.8, radius / 30))
    canvas.setFillColor(tint if strong else white)
    canvas.circle(cx, cy, radius, stroke=1, fill=1)
    canvas.setLineWidth(max(0.5, radius / 60))
    inner = radius * share
    for angle in (45, 135, 225, 315):
        rad = math.radians(angle)
        canvas.line(
            cx + inner * math.cos(rad),
            cy + inner * math.sin(rad),
            cx + radius * math.cos(rad),
            cy + radius * math.sin(rad),
        )
    canvas.setFillColor(colour if strong else white)
    canvas.circle(cx, cy, inner, stroke=1, fill=1)
    if number is not None:
        size = inner * 1.1
        canvas.setFillColor(white if strong else line)
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(cx, cy - size * 0.36, str(number))
    canvas.restoreState()


def badge(
    canvas: Any, cx: float, cy: float, radius: float, number: int, colour: Color, size: float
) -> None:
    """A stage's number in a filled disc."""
    canvas.saveState()
    canvas.setFillColor(colour)
    canvas.circle(cx, cy, radius, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(cx, cy - size * 0.36, str(number))
    canvas.restoreState()


class Circles(Flowable):  # type: ignore[misc]
    """The three circles in a row, ``diameter`` each: the one of ``dialogue`` in its colour
    and the others grey, or all three in colour (``dialogue`` None and ``all_strong``)."""

    def __init__(
        self,
        context: Context,
        diameter: float,
        dialogue: str | None = None,
        all_strong: bool = True,
        numbers: bool = False,
        shown: Sequence[str] = DIALOGUES,
    ) -> None:
        super().__init__()
        self.context, self.diameter = context, diameter
        self.dialogue, self.all_strong, self.numbers = dialogue, all_strong, numbers
        self.shown = tuple(shown)
        self.gap = (
            context.layout.mm("motif", "gap_mm")
            * diameter
            / context.layout.mm("motif", "opener_mm")
        )
        self.gap = min(self.gap, diameter * 0.35)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = 3 * self.diameter + 2 * self.gap
        self.height = self.diameter
        return self.width, self.height

    def draw(self) -> None:
        # drawn once per document and placed on every page that opens with it
        key = (self.dialogue, self.all_strong, self.numbers, self.shown, round(self.diameter, 2))
        forms = _forms.setdefault(self.canv, {})
        name = forms.get(key)
        if name is None:
            name = forms[key] = f"motif{len(forms) + 1}"
            self.canv.beginForm(name, 0, 0, self.width, self.height)
            self._rings()
            self.canv.endForm()
        self.canv.doForm(name)

    def _rings(self) -> None:
        radius = self.diameter / 2
        for index, key in enumerate(DIALOGUES):
            strong = key == self.dialogue or (self.dialogue is None and self.all_strong)
            strong = strong and key in self.shown
            cx = radius + index * (self.diameter + self.gap)
            number = index + 1 if self.numbers else None
            ring(self.canv, self.context, cx, radius, radius * 0.97, key, strong, number)


_forms: WeakKeyDictionary[Any, dict[tuple[object, ...], str]] = WeakKeyDictionary()


class StageCue(Flowable):  # type: ignore[misc]
    """A stage in the side column: its number in a disc of the dialogue's colour, its name
    beside it."""

    def __init__(self, number: int, name: str, colour: Color, context: Context) -> None:
        super().__init__()
        self.number, self.colour = number, colour
        self.size = context.layout.size("min")
        self.text: Paragraph = para(name, context.styles.side)
        self.disc = self.size * 1.9

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, used = self.text.wrap(available_width - self.disc - 3, available_height)
        self.width = available_width
        self.height = max(self.disc, used)
        return self.width, self.height

    def draw(self) -> None:
        radius = self.disc / 2
        badge(self.canv, radius, self.height - radius, radius, self.number, self.colour, self.size)
        self.text.drawOn(self.canv, self.disc + 3, self.height - self.text.height)


def opener(
    context: Context,
    title: Paragraph,
    kicker: str | None = None,
    dialogue: str | None = None,
    all_strong: bool = False,
    after: Sequence[Flowable] = (),
) -> Flowable:
    """A chapter's or a part's opening band: the circles in the side column (the page's
    dialogue in its colour), the kicker and title in the text column, then ``after`` (a
    lead) under them; a rule closes it. It keeps with what follows."""
    styles, layout = context.styles, context.layout
    text: list[Flowable] = []
    if kicker:
        text.append(para(kicker, styles.kicker))
    text += [title, *after]
    grid = styles.grid
    diameter = min(layout.mm("motif", "opener_mm"), (grid.side - 2 * 3) / 3.6)
    return _Opener(context, Circles(context, diameter, dialogue, all_strong), text)


def chapter_opening(
    context: Context, heading: str, lead: str | None = None, all_strong: bool = True
) -> list[Flowable]:
    """A chapter's first flowables: its mark for the running heads, then its opening band
    with the heading at the chapter's level and the lead, if any, under it."""
    styles = context.styles
    after = [para(lead, styles.lead)] if lead else []
    title = para(heading, styles.chapter)
    return [SectionMark(heading), opener(context, title, all_strong=all_strong, after=after)]


class _Opener(Flowable):  # type: ignore[misc]
    """The opening band, drawn directly: it comes on every chapter's and part's first page."""

    def __init__(self, context: Context, circles: Circles, text: list[Flowable]) -> None:
        super().__init__()
        self.context, self.circles, self.text = context, circles, text
        self.keepWithNext = 1
        self.least = float(context.layout.data["opener_mm"]) * mm
        self.placed: list[tuple[Flowable, float]] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        grid = self.context.styles.grid
        self.circles.wrap(grid.side, available_height)
        y, self.placed = 0.0, []
        for index, flowable in enumerate(self.text):
            if index:
                y += flowable.getSpaceBefore()
            _, tall = flowable.wrap(grid.measure, available_height)
            self.placed.append((flowable, y + tall))
            y += tall + (flowable.getSpaceAfter() if index < len(self.text) - 1 else 0)
        self.width, self.height = available_width, max(self.least, y) + 11
        return self.width, self.height

    def draw(self) -> None:
        canvas, grid = self.canv, self.context.styles.grid
        self.circles.drawOn(canvas, 0, self.height - 3 - self.circles.height)
        for flowable, bottom in self.placed:
            flowable.drawOn(canvas, grid.indent, self.height - bottom)
        canvas.saveState()
        canvas.setStrokeColor(self.context.layout.colour("accent"))
        canvas.setLineWidth(0.8)
        canvas.line(0, 3, self.width, 3)  # clear of a box drawn right under the band
        canvas.restoreState()
