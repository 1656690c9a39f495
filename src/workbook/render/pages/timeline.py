"""A day drawn to scale: a bar per agenda entry, pauses set apart, a mark every hour.

A bar too narrow for its whole name carries the number of its row in the agenda's table
instead (``numbered``), and the table shows the same number beside that row: a name is
never cut short."""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from workbook.plan.agenda import Timeline, TimelineBar
from workbook.render.document import Context
from workbook.render.fonts import BOLD, REGULAR
from workbook.render.layout import Layout


class TimelineFlowable(Flowable):
    def __init__(self, timeline: Timeline, context: Context, numbers: set[int]) -> None:
        """``numbers``: the bars that carry their row's number (``numbered``), as the
        agenda's table that the timeline heads shows them."""
        super().__init__()
        self.timeline = timeline
        self.numbers = numbers
        self.layout = context.layout
        self.bar = self.layout.mm("timeline", "bar_mm")
        self.marks = self.layout.mm("timeline", "marks_mm")
        self.size = self.layout.size("min")

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.bar + self.marks + self.size + 2
        return self.width, self.height

    def draw(self) -> None:
        canvas, layout, timeline = self.canv, self.layout, self.timeline
        span = max(1, timeline.width_minutes or (len(timeline.hours) - 1) * 60)
        per_minute = self.width / span
        top = self.height
        bottom = top - self.bar
        gap = float(layout.value("timeline", "gap_pt"))
        for index, bar in enumerate(timeline.bars):
            x = bar.offset * per_minute
            width = bar.minutes * per_minute
            canvas.setFillColor(bar_colour(bar, layout))
            canvas.setStrokeColor(white)
            canvas.setLineWidth(gap)
            canvas.rect(x, bottom, width, self.bar, stroke=1, fill=1)
            label = bar.label if _fits(bar, self.size, width) else ""
            self._label(
                label or (str(index + 1) if index in self.numbers else ""), bar, x, bottom, width
            )
        # hour marks below the bars
        canvas.setStrokeColor(layout.colour("muted"))
        canvas.setFillColor(layout.colour("muted"))
        canvas.setLineWidth(0.5)
        canvas.line(0, bottom, (len(timeline.hours) - 1) * 60 * per_minute, bottom)
        tick = layout.mm("timeline", "tick_mm")
        canvas.setFont(REGULAR, self.size)
        for hour, label in enumerate(timeline.hours):
            x = hour * 60 * per_minute
            canvas.line(x, bottom, x, bottom - tick)
            baseline = bottom - tick - self.size
            if hour == 0:
                canvas.drawString(x, baseline, label)
            elif hour == len(timeline.hours) - 1:
                canvas.drawRightString(x, baseline, label)
            else:
                canvas.drawCentredString(x, baseline, label)

    def _label(self, text: str, bar: TimelineBar, x: float, bottom: float, width: float) -> None:
        """The bar's name, or its row's number, centred in it."""
        if not text:
            return
        canvas = self.canv
        dark = bar.kind in ("pause", "custom")
        canvas.setFillColor(self.layout.colour("ink") if dark else white)
        canvas.setFont(_font(bar), self.size)
        canvas.drawCentredString(x + width / 2, bottom + (self.bar - self.size * 0.7) / 2, text)


def bar_colour(bar: TimelineBar, layout: Layout) -> Color:
    if bar.kind == "pause":
        return layout.colour("pause")
    if bar.kind == "custom":
        return HexColor(layout.value("timeline", "custom"))
    if bar.tone:
        return layout.colour(f"dialogues.{bar.tone}")
    return HexColor(layout.value("timeline", "part"))


def number_colour(bar: TimelineBar, layout: Layout) -> Color:
    """The colour a bar's number takes beside its row: the bar's own, where it reads on
    white paper (a pause's tint does not)."""
    return bar_colour(bar, layout) if bar.kind == "part" else layout.colour("muted")


def numbered(timeline: Timeline, width: float, layout: Layout) -> set[int]:
    """The bars (by index, as the day's rows) that carry their row's number: too narrow
    for their name on a timeline ``width`` wide, wide enough for a number."""
    size = layout.size("min")
    per_minute = width / max(1, timeline.width_minutes or (len(timeline.hours) - 1) * 60)
    found = set()
    for index, bar in enumerate(timeline.bars):
        room = bar.minutes * per_minute
        if not _fits(bar, size, room) and stringWidth(str(index + 1), BOLD, size) <= room - _PAD:
            found.add(index)
    return found


_PAD = 2 * mm  # the room a label leaves at the bar's ends


def _font(bar: TimelineBar) -> str:
    return REGULAR if bar.kind == "pause" else BOLD


def _fits(bar: TimelineBar, size: float, width: float) -> bool:
    return stringWidth(bar.label, _font(bar), size) <= width - _PAD
