"""Whether flowables fit one page: laid out in a throwaway frame, exactly as the document
will lay them out, so a page that must stay one page can give way in steps until it does."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepTogether
from reportlab.platypus.doctemplate import ActionFlowable

from workbook.render.layout import Layout


def room_left(story: Sequence[Flowable], layout: Layout) -> float | None:
    """The height left on a portrait page after ``story`` (None: it does not fit)."""
    width, height = layout.paper
    frame = _Placing(
        layout.margin("left"),
        layout.margin("bottom"),
        width - layout.margin("left") - layout.margin("right"),
        height - layout.margin("top") - layout.margin("bottom"),
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    canvas = Canvas(io.BytesIO(), pagesize=layout.paper)
    for flowable in _flat(story):
        if not frame.add(flowable, canvas):
            return None
    return float(frame._y - frame._y1p)


def _flat(story: Sequence[Flowable]) -> list[Flowable]:
    flat: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            flat += _flat(flowable._content)
        elif not isinstance(flowable, ActionFlowable):  # takes no room: the document acts on it
            flat.append(flowable)
    return flat


class _Placing(Frame):  # type: ignore[misc]
    """A frame that places flowables as ``Frame`` does and draws none of them: where they
    end is all a fitting needs, and drawing was most of its cost (the page is drawn for
    real once it fits)."""

    def _add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        flowable.drawOn = _draw_nothing  # shadows the class's drawOn for this call only
        try:
            return int(super()._add(flowable, canv, trySplit))
        finally:
            del flowable.drawOn

    add = _add  # as Frame names it


def _draw_nothing(*_: object, **__: object) -> None:
    pass
