"""A day drawn to scale: a bar per agenda entry, pauses set apart, a mark every hour."""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from workbook.plan.agenda import Timeline, TimelineBar
from workbook.render.document import Context
from workbook.render.fonts import BOLD, REGULAR


class TimelineFlowable(Flowable):
    def __init__(self, timeline: Timeline, context: Context) -> None:
        super().__init__()
        self.timeline = timeline
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
        for bar in timeline.bars:
            x = bar.offset * per_minute
            width = bar.minutes * per_minute
            canvas.setFillColor(self._fill(bar))
            canvas.setStrokeColor(white)
            canvas.setLineWidth(gap)
            canvas.rect(x, bottom, width, self.bar, stroke=1, fill=1)
            self._label(bar, x, bottom, width)
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

    def _fill(self, bar: TimelineBar) -> Color:
        layout = self.layout
        if bar.kind == "pause":
            return layout.colour("pause")
        if bar.kind == "custom":
            return HexColor(layout.value("timeline", "custom"))
        if bar.tone:
            return layout.colour(f"dialogues.{bar.tone}")
        return HexColor(layout.value("timeline", "part"))

    def _label(self, bar: TimelineBar, x: float, bottom: float, width: float) -> None:
        """The bar's name where it fits at the smallest legible size; otherwise none."""
        canvas = self.canv
        room = width - 2 * mm
        font = REGULAR if bar.kind == "pause" else BOLD
        text = _fit(bar.label, font, self.size, room)
        if not text:
            return
        dark = bar.kind in ("pause", "custom")
        canvas.setFillColor(self.layout.colour("ink") if dark else white)
        canvas.setFont(font, self.size)
        canvas.drawCentredString(x + width / 2, bottom + (self.bar - self.size * 0.7) / 2, text)


def _fit(text: str, font: str, size: float, room: float) -> str:
    """``text``, or its first words with an ellipsis, or nothing, whichever fits ``room``."""
    if stringWidth(text, font, size) <= room:
        return text
    words = text.split()
    while words:
        words.pop()
        candidate = " ".join(words).rstrip(":,") + "…"
        if words and stringWidth(candidate, font, size) <= room:
            return candidate
    return ""
