"""Composed flow: what keeps together, what fills a page's remainder, and how full each page
of a story ends up, measured before it is drawn.

The rules (layouts/README.md, "Flow"): a table keeps its header with its first rows and its
last rows with some before them; a page's remainder is used (a run sheet's notes area, more
sign-in rows) rather than left empty by pushing what follows; no page of a document but its
last is filled less than ``grid.least_fill``: a story whose last page would be is settled by
keeping more of its end together, which moves it onto that page.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, PageTemplate, Table

from workbook.render.fitting import _Placing
from workbook.render.kept import PerObject
from workbook.render.layout import Layout


def keep_rows(rows: int, header: int = 1, least: int = 2) -> list[tuple[object, ...]]:
    """Table style commands that keep a table of ``rows`` rows (``header`` of them repeated
    on each page) from splitting before ``least`` rows under its header, or leaving fewer
    than ``least`` rows (its total among them) to a page of their own."""
    body = rows - header
    if body <= 2 * least:
        return [("NOSPLIT", (0, 0), (-1, -1))]
    return [
        ("NOSPLIT", (0, 0), (-1, header + least - 1)),
        ("NOSPLIT", (0, rows - least), (-1, rows - 1)),
    ]


def frame_height(layout: Layout, landscape: bool = False) -> float:
    width, height = layout.paper
    if landscape:
        height = width
    return height - layout.margin("top") - layout.margin("bottom")


class Remainder(Flowable):  # type: ignore[misc]
    """Takes the rest of the page it lands on, when that rest is at least ``least`` tall and
    the page holds something before it (with ``before``: and when that flowable, which
    follows it, would not fit there); elsewhere nothing. ``paint(canvas, width, height)``
    draws into the room it took."""

    def __init__(
        self,
        least: float,
        full: float,
        paint: Callable[[Any, float, float], None],
        before: Flowable | None = None,
    ) -> None:
        super().__init__()
        self.least, self.full, self.paint, self.before = least, full, paint, before

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        fresh = available_height >= self.full - 1  # a page of its own: never only this
        taken = not fresh and available_height >= self.least
        if taken and self.before is not None:
            # only where ``before``, which follows, would not fit and starts the next page
            needed = _height(self.before, available_width, available_height)
            taken = available_height < needed <= self.full
        self.height = available_height - 1 if taken else 0.0
        return self.width, self.height

    def split(self, *_: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        if self.height:
            self.paint(self.canv, self.width, self.height)


class FillRows(Flowable):  # type: ignore[misc]
    """More rows of a table, as many as the rest of the page holds (none on a page of their
    own): ``make(count)`` builds a table of ``count`` such rows."""

    def __init__(self, make: Callable[[int], Table], full: float) -> None:
        super().__init__()
        self.make, self.full = make, full
        self.table: Table | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height, self.table = available_width, 0.0, None
        if available_height >= self.full - 1:
            return self.width, 0.0
        row = self.make(1).wrap(available_width, self.full)[1]
        count = int(available_height // row) if row > 0 else 0
        if count:
            self.table = self.make(count)
            self.height = self.table.wrap(available_width, available_height)[1]
        return self.width, self.height

    def split(self, *_: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        if self.table is not None:
            self.table.drawOn(self.canv, 0, 0)


def page_fills(story: Sequence[Flowable], layout: Layout, landscape: bool = False) -> list[float]:
    """How far down each page the story's content reaches, as a share of the frame, laid out
    exactly as the document will lay it out (nothing is drawn). Build the story afresh for
    the document: laying it out here changes its flowables."""
    width, height = layout.paper
    if landscape:
        width, height = height, width
    left, right = layout.margin("left"), layout.margin("right")
    top, bottom = layout.margin("top"), layout.margin("bottom")
    frame_h = height - top - bottom
    fills: list[float] = []

    def ended(canvas: Canvas, doc: Any) -> None:
        frame = doc.frame
        fills.append((frame._y2 - frame._y) / frame_h)

    doc = BaseDocTemplate(
        io.BytesIO(), pagesize=(width, height), invariant=1, canvasmaker=_Measuring
    )
    doc._doSave = 0  # the pages are measured, never written
    frame = _Placing(left, bottom, width - left - right, frame_h, 0, 0, 0, 0, id="measure")
    doc.addPageTemplates([PageTemplate("measure", [frame], onPageEnd=ended)])
    doc.build(list(story))
    return fills


def settled(
    build: Callable[[int], list[Flowable]],
    layout: Layout,
    most: int,
    least_fill: float | None = None,
    key: str | None = None,
) -> list[Flowable]:
    """The story ``build(keep)`` for the least ``keep`` (from 0 to ``most``) whose every page
    is filled at least ``least_fill`` (the layout's ``grid.least_fill``), or is its only page:
    a short last page, or a page left short where the kept ending was pushed on.
    ``build(keep)`` keeps together its last ``keep`` pieces with its ending, so each step
    moves one more piece from the page before onto the last; a step that would take another
    page ends the search (``build(0)`` then stands: a short last page beats a longer story)."""
    known = _settled.get(layout, key, dict) if key is not None else {}
    if (key, least_fill) in known:  # the same story on the same layout settles the same
        return build(known[key, least_fill])
    keep = _settle(build, layout, most, least_fill)
    if len(known) >= _SETTLED_KEPT:
        known.clear()
    known[key, least_fill] = keep
    return build(keep)


# What each story settled at, per layout, by the caller's key for it (the words of its page):
# a batch of sessions on one agenda, or a --watch render, settles the same run sheets again.
_settled: PerObject[dict[tuple[str | None, float | None], int]] = PerObject(16)
_SETTLED_KEPT = 1024


def _settle(
    build: Callable[[int], list[Flowable]], layout: Layout, most: int, least_fill: float | None
) -> int:
    least = float(layout.value("grid", "least_fill")) if least_fill is None else least_fill
    if _one_page(build(0), layout):  # most stories: no layout needed to know they end well
        return 0
    fills = page_fills(build(0), layout)
    if len(fills) <= 1 or min(fills) >= least:
        return 0
    for keep in range(1, most + 1):
        tried = page_fills(build(keep), layout)
        if len(tried) > len(fills):
            break
        if min(tried) >= least:
            return keep
    return 0


def _one_page(story: Sequence[Flowable], layout: Layout) -> bool:
    """Whether ``story`` surely fits one page: its pieces' heights and the space between
    them, measured (not laid out), come to less than the frame holds."""
    width = layout.paper[0] - layout.margin("left") - layout.margin("right")
    height = frame_height(layout)
    used = 0.0
    for flowable in story:
        tall = _height(flowable, width, height)
        used += tall + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if used > height * 0.97:
            return False
    return True


def _height(flowable: Flowable, width: float, height: float) -> float:
    """The height ``flowable`` takes at ``width``, measured on a canvas of no document (a
    kept-together group measured in the document copies the document's frame each time)."""
    _, tall = flowable.wrapOn(_MEASURING, width, height)
    if isinstance(flowable, KeepTogether):  # its wrap asks to be split: its height
        return float(flowable._H)
    return float(tall)


_MEASURING = Canvas(io.BytesIO())


class _Measuring(Canvas):  # type: ignore[misc]
    """A canvas that turns pages without making them: nothing is drawn on it."""

    def showPage(self) -> None:
        self._pageNumber += 1


class AtFoot(Flowable):  # type: ignore[misc]
    """``flowables`` at the foot of the page: takes the rest of the page and draws them at
    its bottom (a cover's credit), or takes just their height where the page is full."""

    def __init__(self, flowables: Sequence[Flowable]) -> None:
        super().__init__()
        self.flowables = list(flowables)
        self.heights: list[float] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.heights = [f.wrap(available_width, available_height)[1] for f in self.flowables]
        needed = sum(self.heights) + sum(f.getSpaceAfter() for f in self.flowables[:-1])
        self.height = max(needed, available_height - 1)
        self.needed = needed
        return self.width, self.height

    def draw(self) -> None:
        y = self.needed
        for flowable, height in zip(self.flowables, self.heights, strict=True):
            y -= height
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()
