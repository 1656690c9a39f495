"""Invitation letters as one PDF: one letter, or every letter for printing in one go.

Each letter numbers its own pages and names its partner in the footer, so a printed
stack sorts itself even when the pages get mixed up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import IO, Any

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak
from reportlab.platypus.doctemplate import PageTemplate

from workbook.core.text import fill
from workbook.plan.letters import Letter, LetterSet
from workbook.render.document import Context, draw_footer
from workbook.render.fonts import REGULAR
from workbook.render.form_font import FieldFont, embed_field_font, field_font
from workbook.render.layout import Layout
from workbook.render.pages import letter as page


class _Footing:
    """The footer of the letter being drawn: its text and the page it began on."""

    def __init__(self) -> None:
        self.text = ""
        self.keep = ""
        self.first_page = 1


class _LetterStart(Flowable):
    """Marks where a letter begins, so its pages are numbered from 1."""

    def __init__(self, footing: _Footing, text: str, keep: str) -> None:
        super().__init__()
        self.footing, self.text, self.keep = footing, text, keep

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.footing.text = self.text
        self.footing.keep = self.keep
        self.footing.first_page = self.canv.getPageNumber()


def render_letters(
    letter_set: LetterSet,
    letters: Sequence[Letter],
    context: Context,
    out: IO[bytes],
    fillable: bool,
) -> None:
    layout = context.layout
    single = len(letters) == 1
    doc = BaseDocTemplate(
        out,
        pagesize=layout.paper,
        invariant=1,
        title=f"{letter_set.subject} · {letters[0].partner}" if single else letter_set.subject,
        author=letter_set.author,
        subject=letter_set.subject,
        creator="workbook",
        initialFontName=REGULAR,
        initialFontSize=layout.size("body"),
        lang=letter_set.language,
        leftMargin=layout.margin("left"),
        rightMargin=layout.margin("right"),
        topMargin=layout.margin("top"),
        bottomMargin=layout.margin("bottom"),
    )
    footing = _Footing()
    width, height = layout.paper
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        width - doc.leftMargin - doc.rightMargin,
        height - doc.topMargin - doc.bottomMargin,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="letter",
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                id="letter",
                frames=[frame],
                onPageEnd=_footer(context, footing, letter_set.page_label),
                pagesize=layout.paper,
            )
        ]
    )
    story: list[Flowable] = []
    for index, letter in enumerate(letters):
        if index:
            story.append(PageBreak())
        story.append(_LetterStart(footing, letter.footer, letter.footer_date))
        prefix = "" if single else f"letter{index + 1}_"
        story += page.render(letter, context, fillable, prefix)
    if fillable:
        story.append(_FieldFont(field_font(layout.font_file("regular"), _words(letters)), layout))
    doc.build(story)


class _FieldFont(Flowable):
    """Drawn last: gives the text fields their font (``render.form_font``)."""

    def __init__(self, font: FieldFont, layout: Layout) -> None:
        super().__init__()
        self.font, self.layout = font, layout

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        ink = self.layout.colour("ink")
        colour = f"{ink.red:.3f} {ink.green:.3f} {ink.blue:.3f}"
        size = float(self.layout.value("letter", "field_size"))
        embed_field_font(self.canv, self.font, size, colour)


def _words(letters: Sequence[Letter]) -> str:
    """Every word of the letters: their language's letters, for the fields' font to hold."""
    first = letters[0]
    texts = [*first.body, *first.closing, first.greeting, first.subject, first.prepare_heading]
    texts += [first.resources.text, *first.resource_kinds.kinds, first.reply.send_to]
    texts += [text for prompt in first.prompts for text in (prompt.title, prompt.text)]
    texts += [letter.partner for letter in letters]
    return "".join(texts)


def _footer(context: Context, footing: _Footing, page_label: str) -> Callable[[Any, Any], None]:
    """Drawn when a page ends, after the marker of a letter starting on it has been drawn."""

    def draw(canvas: Any, doc: Any) -> None:
        number = canvas.getPageNumber() - footing.first_page + 1
        label = fill(page_label, number=number)
        draw_footer(canvas, context.layout, footing.text, label, footing.keep)

    return draw
