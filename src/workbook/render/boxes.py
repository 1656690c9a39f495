"""Drawing text into fixed boxes on worksheets: wrap, shrink to the minimum size, then cut."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from workbook.render import fonts
from workbook.render.styles import esc, style_token

ELLIPSIS = "…"


# Worksheets repeat the same labels in the same boxes on every partner's page; fitting is
# most of their cost (parse, then wrap at each size tried), so a box is fitted once per
# process. The key holds every style attribute, as the paragraph is reused for drawing too.
_fits: dict[tuple[object, ...], tuple[Paragraph, float]] = {}


def fitted(
    text: str, style: ParagraphStyle, width: float, height: float, minimum: float
) -> tuple[Paragraph, float]:
    """A paragraph of ``text`` that fits ``width`` x ``height``, wrapped, and its height.

    Shrinks from the style's size towards ``minimum`` (never below: the pack must stay
    legible); text that still does not fit is cut at a word with an ellipsis.
    """
    token = style_token(style)
    if token is None:  # a style attribute that cannot be hashed: fit without the cache
        paragraph = _fit(text, style, width, height, minimum)
        return paragraph, float(paragraph.height)
    # The fonts' generation, not the name: a language with its own fonts re-registers the
    # name (and a replaced font object's id could come back for another).
    key = (text, width, height, minimum, fonts.generation, token)
    found = _fits.get(key)
    if found is None:
        if len(_fits) >= _FITS_KEPT:  # every edit of a name in --watch adds its fits
            _fits.clear()
        paragraph = _fit(text, style, width, height, minimum)
        found = _fits[key] = (paragraph, float(paragraph.height))
    return found


_FITS_KEPT = 20_000


def _fit(
    text: str, style: ParagraphStyle, width: float, height: float, minimum: float
) -> Paragraph:
    size = style.fontSize
    ratio = style.leading / style.fontSize
    shown = text.upper() if getattr(style, "textTransform", None) == "uppercase" else text
    longest = max(shown.split(), key=lambda w: stringWidth(w, style.fontName, 1), default="")
    while True:
        candidate = ParagraphStyle("fit", parent=style, fontSize=size, leading=size * ratio)
        paragraph = Paragraph(esc(text), candidate)
        _, used = paragraph.wrap(width, height)
        # a word wider than the box would be split mid-word: smaller type first
        whole = stringWidth(longest, style.fontName, size) <= width
        if used <= height and (whole or size - 0.5 < minimum):
            return paragraph
        if size - 0.5 < minimum:
            break
        size -= 0.5
    return _cut(text, candidate, width, height)


def _cut(text: str, style: ParagraphStyle, width: float, height: float) -> Paragraph:
    words = text.split(" ")
    low, high = 0, len(words)
    best = Paragraph(ELLIPSIS, style)
    while low < high:
        middle = (low + high + 1) // 2
        shortened = " ".join(words[:middle])
        if middle == 1 and len(shortened) > 40:
            shortened = shortened[: max(1, int(width / style.fontSize * 1.6))]
        paragraph = Paragraph(esc(shortened) + ELLIPSIS, style)
        if paragraph.wrap(width, height)[1] <= height:
            best, low = paragraph, middle
        else:
            high = middle - 1
    if low == 0:  # not even one word fits whole: cut the first word by characters
        word = words[0]
        low_c, high_c = 0, len(word)
        while low_c < high_c:
            middle = (low_c + high_c + 1) // 2
            paragraph = Paragraph(esc(word[:middle]) + ELLIPSIS, style)
            if paragraph.wrap(width, height)[1] <= height:
                best, low_c = paragraph, middle
            else:
                high_c = middle - 1
    best.wrap(width, height)
    return best


def draw_in_box(
    canvas: Canvas,
    text: str,
    style: ParagraphStyle,
    x: float,
    y: float,
    width: float,
    height: float,
    minimum: float,
    valign: str = "top",
) -> float:
    """Draw ``text`` inside the box whose lower-left corner is (x, y); returns height used."""
    paragraph, used = fitted(text, style, width, height, minimum)
    if valign == "middle":
        top = y + (height + used) / 2
    elif valign == "bottom":
        top = y + used
    else:
        top = y + height
    paragraph.drawOn(canvas, x, top - used)
    return float(used)


class Sheet(Flowable):
    """A whole page drawn by a painter function, for worksheets and figures."""

    def __init__(self, painter: object, name: str = "sheet") -> None:
        super().__init__()
        self.painter = painter
        self.name = name

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height - 0.5
        return self.width, self.height

    def draw(self) -> None:
        self.painter(self.canv, self.width, self.height)  # type: ignore[operator]


class TickBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float, colour: object) -> None:
        super().__init__()
        self.size, self.colour = size, colour

    def wrap(self, *_: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(0.9)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
