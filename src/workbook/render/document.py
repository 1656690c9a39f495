"""The PDF document: page templates, the footer on every page, and the build."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any, Literal, overload

from reportlab.lib.pagesizes import landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFPageLabel
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak
from reportlab.platypus.doctemplate import ActionFlowable, PageTemplate

from workbook.core.text import fill
from workbook.plan.document import Mark
from workbook.render import fonts
from workbook.render.fonts import BOLD, REGULAR, register_fonts
from workbook.render.layout import Layout
from workbook.render.styles import Styles, build_styles

PORTRAIT, LANDSCAPE = "portrait", "landscape"


@dataclass(frozen=True)
class Context:
    """What every page renderer needs besides its own page of the plan."""

    layout: Layout
    styles: Styles


@dataclass(frozen=True)
class Block:
    """One or more pages of flowables that start on a fresh page in one orientation."""

    orientation: str
    flowables: Sequence[Flowable]


class SectionMark(Flowable):  # type: ignore[misc]
    """Where a section that may run over several pages begins (``title``) or ends (None).

    Drawn, it tells the pages that follow which section they continue, so each can name it
    in its running head ("… (continued)"); drawn at the top of a page, it tells that page it
    opens a section of its own, whose title it prints: such a page has no running head."""

    def __init__(self, title: str | None) -> None:
        super().__init__()
        self.title = title

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        if y >= getattr(canvas, "_workbook_top", float("inf")) - 0.5:
            canvas._workbook_opened = True
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        self.canv._workbook_section = self.title


class ChapterMark(SectionMark):
    """Where a chapter of the booklet begins (its name, as the cover's contents give it),
    or where the chapters end (None): running heads name the chapter before the section."""

    def draw(self) -> None:
        self.canv._workbook_chapter = self.title


class SectionEnd(ActionFlowable):  # type: ignore[misc]
    """Where a section ends. An action, not a flowable in the frame: after text that fills
    its page to the last point it must not need room, or it would open an empty page."""

    def __init__(self) -> None:
        super().__init__()

    def apply(self, doc: Any) -> None:
        doc.canv._workbook_section = None


def make_context(layout: Layout) -> Context:
    """The fonts registered (again, if their files changed) and the layout's styles, made
    once per layout and fonts: a resident process, reading the same layout again for each
    render, draws with the same context objects, and so finds what it measured before
    (the caches of fitted boxes and worksheet styles know a layout by its object)."""
    register_fonts(layout)
    for kept, generation in _contexts:
        if generation == fonts.generation and kept.layout == layout:
            return kept
    made = Context(layout, build_styles(layout))
    _contexts.insert(0, (made, fonts.generation))
    del _contexts[8:]  # a layout changed in --watch replaces the oldest
    return made


_contexts: list[tuple[Context, int]] = []


def build_pdf(
    out: IO[bytes],
    blocks: Sequence[Block],
    context: Context,
    *,
    title: str,
    author: str,
    subject: str,
    language: str,
    footer: str,
    page_label: str,
    footer_keep: str = "",
    continued: str = "",
    starts: list[int] | None = None,
    numbers: Sequence[int] | None = None,
    outline: Sequence[Mark] = (),
) -> int:
    """Build the PDF; ``starts``, if given, receives the page each block starts on;
    ``numbers``, if given, are the pages' own numbers (a part of a larger document): the
    footers show them and the PDF's page labels carry them; ``outline``: the bookmarks, by
    the block each opens. The viewer shows the document's title and its bookmarks.
    Returns the number of pages."""
    layout = context.layout
    doc = BaseDocTemplate(
        out,
        pagesize=layout.paper,
        invariant=1,
        title=title,
        author=author,
        subject=subject,
        creator="workbook",
        initialFontName=REGULAR,
        initialFontSize=layout.size("body"),
        lang=language,
        displayDocTitle=1,
        leftMargin=layout.margin("left"),
        rightMargin=layout.margin("right"),
        topMargin=layout.margin("top"),
        bottomMargin=layout.margin("bottom"),
    )
    on_page = _footer(layout, footer, page_label, footer_keep, numbers)
    on_end = _running_head(layout, continued)
    templates = [
        _template(PORTRAIT, portrait(layout.paper), layout, on_page, on_end),
        _template(LANDSCAPE, landscape(layout.paper), layout, on_page, on_end),
    ]
    # the first page takes the first template: a document that opens on a landscape sheet
    # (a part of the pack printed alone, such as its boards) lists that one first
    if blocks and blocks[0].orientation == LANDSCAPE:
        templates.reverse()
    doc.addPageTemplates(templates)
    story: list[Flowable] = []
    for index, block in enumerate(blocks):
        if index == 0:
            if block.orientation != PORTRAIT:
                story.append(NextPageTemplate(block.orientation))
        else:
            story += [NextPageTemplate(block.orientation), PageBreak()]
        if starts is not None:
            story.append(_Start(starts))
        story += [Bookmark(m.title, m.level) for m in outline if m.page == index]
        story += [*block.flowables, SectionEnd()]
    doc.build(story)
    return int(doc.page)


class Bookmark(Flowable):  # type: ignore[misc]
    """Takes no room; an entry of the PDF's outline for the page it lands on."""

    def __init__(self, title: str, level: int) -> None:
        super().__init__()
        self.title, self.level = title, level

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        key = f"mark{len(getattr(canvas, '_workbook_marks', ()))}"
        canvas._workbook_marks = [*getattr(canvas, "_workbook_marks", ()), key]
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(self.title, key, self.level, closed=self.level > 0)
        canvas.showOutline()


class _Start(Flowable):
    """Takes no room; notes the page it lands on, where its block starts."""

    def __init__(self, starts: list[int]) -> None:
        super().__init__()
        self.starts = starts

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.starts.append(self.canv.getPageNumber())


def _template(
    name: str,
    size: tuple[float, float],
    layout: Layout,
    on_page: Callable[..., None],
    on_end: Callable[..., None] | None = None,
) -> PageTemplate:
    width, height = size
    left, right = layout.margin("left"), layout.margin("right")
    top, bottom = layout.margin("top"), layout.margin("bottom")
    frame = Frame(
        left,
        bottom,
        width - left - right,
        height - top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=name,
    )
    return PageTemplate(
        id=name, frames=[frame], onPage=on_page, onPageEnd=on_end or _nothing, pagesize=size
    )


def _nothing(*_: object) -> None:
    pass


def _footer(
    layout: Layout,
    footer: str,
    page_label: str,
    keep: str,
    numbers: Sequence[int] | None = None,
) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, doc: Any) -> None:
        number = doc.page
        if numbers:  # a part of a larger document: its pages carry that one's numbers
            if doc.page == 1:
                _label_pages(canvas, numbers)
            number = numbers[min(doc.page, len(numbers)) - 1]
        label = fill(page_label, number=number)
        draw_footer(canvas, layout, footer, label, keep, str(number))
        # what the page continues, known as it begins; whether it opens a section of its
        # own is known only when it ends (``_running_head``)
        canvas._workbook_carried = (
            getattr(canvas, "_workbook_chapter", None),
            getattr(canvas, "_workbook_section", None),
        )
        canvas._workbook_opened = False
        canvas._workbook_top = canvas._pagesize[1] - layout.margin("top")

    return draw


def _running_head(layout: Layout, continued: str) -> Callable[[Any, Any], None]:
    """The running head, drawn when the page is complete: on a page that continues a
    section, the chapter and that section ("NOTES · PART 1 (CONTINUED)"); none on a page
    that opens a section at its top (its own title heads it) or continues nothing."""

    def draw(canvas: Any, _: Any) -> None:
        chapter, section = getattr(canvas, "_workbook_carried", (None, None))
        if not section or not continued or getattr(canvas, "_workbook_opened", False):
            return
        text = fill(continued, title=section)
        if chapter and chapter != section:
            text = f"{chapter} · {text}"
        draw_continued(canvas, layout, text)

    return draw


def _label_pages(canvas: Any, numbers: Sequence[int]) -> None:
    """PDF page labels giving each page its number: a range starts wherever the numbers
    do not run on from the page before."""
    for index, number in enumerate(numbers):
        if index == 0 or number != numbers[index - 1] + 1:
            canvas.addPageLabel(index, style=PDFPageLabel.ARABIC, start=number)


def draw_continued(canvas: Any, layout: Layout, text: str) -> None:
    """The running head: in the kicker's type in the top margin, shortened at a word to
    the frame's width."""
    spec = layout.data["headings"]["kicker"]
    size = max(float(spec["size"]), layout.size("min"))
    width, height = canvas._pagesize
    left, right = layout.margin("left"), width - layout.margin("right")
    text = text.upper() if spec.get("case") == "upper" else text
    canvas.saveState()
    canvas.setFont(BOLD, size)
    canvas.setFillColor(layout.colour(spec.get("colour", "muted")))
    baseline = height - float(layout.data["head_mm"]) * mm
    canvas.drawString(left, baseline, shorten_words(canvas, text, right - left, size, BOLD))
    canvas.restoreState()


def shorten_words(canvas: Any, text: str, width: float, size: float, font: str) -> str:
    """``text`` cut at a word boundary, with an ellipsis, to fit ``width``."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        cut = " ".join(words).rstrip(" ·,–-:") + "…"
        if canvas.stringWidth(cut, font, size) <= width:
            return cut
    return shorten(canvas, text, width, size)


def draw_footer(
    canvas: Any,
    layout: Layout,
    text: str,
    label: str,
    keep: str | Sequence[str] = "",
    bare: str = "",
) -> None:
    """A rule, ``text`` (shortened to fit) at the left and the page ``label`` at the right.
    ``keep`` (the session's dates, a partner's name) stays whole: the rest gives way, and
    when that is not enough the label is only its number, ``bare``."""
    size = layout.size("small")
    baseline = float(layout.data["footer_mm"]) * mm
    width, _ = canvas._pagesize
    left, right = layout.margin("left"), width - layout.margin("right")
    canvas.saveState()
    canvas.setStrokeColor(layout.colour("rule"))
    canvas.setLineWidth(0.5)
    canvas.line(left, baseline + size + 3, right, baseline + size + 3)
    canvas.setFont(REGULAR, size)
    canvas.setFillColor(layout.colour("muted"))
    shown = None
    for option in (label, bare) if bare else (label,):
        room = right - left - canvas.stringWidth(option, REGULAR, size) - _FOOTER_GAP
        shown = shorten_around(canvas, text, keep, room, size, whole=True)
        if shown is not None:
            label = option
            break
    if shown is None:  # even what is kept is too wide: the last resort, cut mid-word
        room = right - left - canvas.stringWidth(label, REGULAR, size) - _FOOTER_GAP
        shown = shorten(canvas, text, room, size)
    canvas.drawString(left, baseline, shown)
    canvas.drawRightString(right, baseline, label)
    canvas.restoreState()


_FOOTER_GAP = 4 * mm  # between the footer's text and its page label
_SEPARATORS = " ·,–-:|/"


@overload
def shorten_around(
    canvas: Any,
    text: str,
    keep: str | Sequence[str],
    width: float,
    size: float,
    whole: Literal[False] = False,
) -> str: ...
@overload
def shorten_around(
    canvas: Any, text: str, keep: str | Sequence[str], width: float, size: float, whole: bool
) -> str | None: ...
def shorten_around(
    canvas: Any,
    text: str,
    keep: str | Sequence[str],
    width: float,
    size: float,
    whole: bool = False,
) -> str | None:
    """``text`` shortened to ``width`` at word boundaries, cutting only what is not in
    ``keep``: the first stretch between kept values first (a title before the date), word
    by word from its end, then dropped whole with its separator, then the next. What is
    kept is never cut (a name or a date shortened would be a wrong name or date): text
    that still does not fit is None with ``whole``, else cut mid-word."""

    def fits(value: str) -> bool:
        return bool(canvas.stringWidth(value, REGULAR, size) <= width)

    if fits(text):
        return text
    kept = [k for k in ([keep] if isinstance(keep, str) else keep) if k]
    pieces = _pieces(text, kept)
    for index, (piece, is_kept) in enumerate(pieces):
        if is_kept:
            continue
        core = piece.rstrip(_SEPARATORS)
        lead = len(core) - len(core.lstrip(_SEPARATORS))
        head, core, tail = core[:lead], core[lead:], piece[len(core) :]
        if not core:  # a separator between kept values
            continue
        words = core.split(" ")
        while len(words) > 1:
            words.pop()
            cut = " ".join(words).rstrip(_SEPARATORS) + "…"
            pieces[index] = (head + cut + tail, False)
            if fits(_joined(pieces)):
                return _joined(pieces)
        # the stretch gone with its separator: what follows a kept value keeps its own
        pieces[index] = (head if index else "", False)
        if fits(_joined(pieces).strip(_SEPARATORS)):
            return _joined(pieces).strip(_SEPARATORS)
    if whole:
        return None
    return shorten(canvas, _joined(pieces).strip(_SEPARATORS), width, size)


def _pieces(text: str, kept: Sequence[str]) -> list[tuple[str, bool]]:
    """``text`` in stretches, each with whether it is a kept value (the first of each)."""
    found = sorted((at, at + len(value)) for value in kept if (at := text.find(value)) >= 0)
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in found:
        if start < cursor:  # overlapping values: the first one found holds
            continue
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], False))
    return pieces


def _joined(pieces: Sequence[tuple[str, bool]]) -> str:
    return "".join(piece for piece, _ in pieces)


def shorten(canvas: Any, text: str, width: float, size: float) -> str:
    if canvas.stringWidth(text, REGULAR, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text + "…"
