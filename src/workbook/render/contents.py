"""Page numbers in the cover's contents, known only once the pack is laid out.

The cover is page 1, drawn before any section's page is known. Each number is drawn as a
PDF form (an XObject) that the cover names at once and the document defines at its end,
when every section has marked the page it starts on: one build, no second pass.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import ActionFlowable

from workbook.render.fonts import REGULAR


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


class SectionStart(Flowable):  # type: ignore[misc]
    """Marks the page a section of the contents starts on (the first mark of a key wins)."""

    def __init__(self, key: str, starts: dict[str, int]) -> None:
        super().__init__()
        self.key, self.starts = key, starts

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.starts.setdefault(self.key, self.canv.getPageNumber())


class DefineNumbers(ActionFlowable):  # type: ignore[misc]
    """At the end of the document: a form for every key, holding its section's first page
    (empty for a section the pack does not hold). An action, so it needs no room on the
    last page."""

    def __init__(self, keys: list[str], starts: dict[str, int], size: float, colour: Any):
        super().__init__()
        self.keys, self.starts, self.size, self.colour = keys, starts, size, colour

    def apply(self, doc: Any) -> None:
        canvas = doc.canv
        for key in self.keys:
            canvas.beginForm(form_name(key), -200, -20, 200, 40)
            if key in self.starts:
                canvas.setFont(REGULAR, self.size)
                canvas.setFillColor(self.colour)
                canvas.drawRightString(0, 0, str(self.starts[key]))
            canvas.endForm()
