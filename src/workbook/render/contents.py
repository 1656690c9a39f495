"""Numbers known only once the pack is laid out: the cover's contents, the print guide's
page ranges and sheet counts.

The cover is page 1 and the print guide comes early, both drawn before the pages they
count are known. Each number is drawn as a PDF form (an XObject) that the page names at
once and the document defines at its end, when every page has been placed: one build, no
second pass, and the room a number takes is fixed before it is known, so no number can
move a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import ActionFlowable

from workbook.render.fonts import REGULAR
from workbook.render.styles import para


def form_name(key: str) -> str:
    return f"contents-{key}"


class PageNumber(Flowable):  # type: ignore[misc]
    """The page a section starts on, right-aligned in ``width``, in the given type."""

    def __init__(self, key: str, size: float, colour: Any) -> None:
        super().__init__()
        self.key, self.size, self.colour = key, size, colour

    def wrap(self, available_width: float, _: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size * 1.2

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(self.width, self.size * 0.25)
        self.canv.doForm(form_name(self.key))
        self.canv.restoreState()


class DefineNumbers(ActionFlowable):  # type: ignore[misc]
    """At the end of the document: a form for every key, holding its section's first page
    from ``starts()`` (empty for a section the pack does not hold). An action, so it needs
    no room on the last page."""

    def __init__(
        self, keys: list[str], starts: Callable[[], dict[str, int]], size: float, colour: Any
    ):
        super().__init__()
        self.keys, self.starts, self.size, self.colour = keys, starts, size, colour

    def apply(self, doc: Any) -> None:
        canvas = doc.canv
        starts = self.starts()
        for key in self.keys:
            canvas.beginForm(form_name(key), -200, -20, 200, 40)
            if key in starts:
                canvas.setFont(REGULAR, self.size)
                canvas.setFillColor(self.colour)
                canvas.drawRightString(0, 0, str(starts[key]))
            canvas.endForm()


class LateText(Flowable):  # type: ignore[misc]
    """A text known only once every page is laid out (the print guide's page ranges and
    sheet counts). It takes the room ``room`` takes in ``style`` (the widest text it can
    hold, so what comes later never moves a page) and draws the form ``key``, which
    ``DefineLate`` fills at the end of the document."""

    def __init__(self, key: str, room: str, style: Any) -> None:
        super().__init__()
        self.key, self.style = key, style
        self.room = para(room, style)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, height = self.room.wrap(available_width, available_height)
        self.width, self.height = available_width, height
        return available_width, height

    def draw(self) -> None:
        late: dict[str, tuple[Any, float, float]] = _late(self.canv)
        late[self.key] = (self.style, self.width, self.height)
        self.canv.doForm(_late_name(self.key))


class DefineLate(ActionFlowable):  # type: ignore[misc]
    """At the end of the document: the form of every ``LateText`` drawn, holding its text
    from ``texts(total pages)`` in the room the text took (empty for a key it lacks)."""

    def __init__(self, texts: Callable[[int], dict[str, str]]) -> None:
        super().__init__()
        self.texts = texts

    def apply(self, doc: Any) -> None:
        canvas = doc.canv
        late = _late(canvas)
        if not late:
            return
        texts = self.texts(canvas.getPageNumber())
        for key, (style, width, height) in sorted(late.items()):
            # the bounding box clips: a little beyond the room, for the glyphs' overhang
            canvas.beginForm(_late_name(key), -2, -2, width + 2, height + 2)
            if key in texts:
                text = para(texts[key], style)
                _, used = text.wrap(width, height)
                text.drawOn(canvas, 0, height - used)
            canvas.endForm()


def _late_name(key: str) -> str:
    return f"late-{key}"


def _late(canvas: Any) -> dict[str, tuple[Any, float, float]]:
    """The late texts drawn so far, kept on the canvas (one document, one canvas)."""
    if not hasattr(canvas, "_workbook_late"):
        canvas._workbook_late = {}
    found: dict[str, tuple[Any, float, float]] = canvas._workbook_late
    return found
