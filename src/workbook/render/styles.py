"""Paragraph styles derived from the layout, and safe paragraph construction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

from workbook.render import fonts
from workbook.render.fonts import BOLD, ITALIC, REGULAR
from workbook.render.kept import PerObject
from workbook.render.layout import Layout


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    lead: ParagraphStyle
    label: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    bullet: ParagraphStyle
    centre: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    strong: ParagraphStyle


def build_styles(layout: Layout) -> Styles:
    leading = float(layout.value("type", "leading"))
    ink, muted, accent = layout.colour("ink"), layout.colour("muted"), layout.colour("accent")

    def style(name: str, size: str, font: str = REGULAR, **extra: object) -> ParagraphStyle:
        points = layout.size(size)
        return ParagraphStyle(
            name,
            fontName=font,
            bulletFontName=REGULAR,
            fontSize=points,
            leading=points * leading,
            textColor=extra.pop("textColor", ink),
            **extra,
        )

    body = style("body", "body", spaceAfter=5)
    return Styles(
        body=body,
        small=style("small", "small"),
        muted=style("muted", "small", textColor=muted),
        lead=style("lead", "lead", ITALIC, textColor=muted, spaceAfter=10),
        label=style("label", "small", BOLD, textColor=accent),
        # headings never end a page without the text they introduce
        h1=style("h1", "h1", BOLD, textColor=accent, spaceAfter=8, keepWithNext=1),
        h2=style("h2", "h2", BOLD, spaceBefore=10, spaceAfter=5, keepWithNext=1),
        h3=style("h3", "h3", BOLD, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        title=style("title", "title", BOLD, textColor=accent, spaceAfter=6),
        bullet=style("bullet", "body", leftIndent=14, bulletIndent=3, spaceAfter=3),
        centre=style("centre", "body", alignment=TA_CENTER),
        cell=style("cell", "small"),
        cell_bold=style("cell_bold", "small", BOLD),
        strong=style("strong", "body", BOLD, spaceAfter=5),
    )


def para(text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A paragraph of plain text: user and content text is never read as markup."""
    return _paragraph(esc(text), style, bullet)


def rich(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph whose markup the code built itself, with every value escaped by ``esc``."""
    return _paragraph(markup, style, None)


# The same texts come back in the same styles on every partner's pages and in every
# letter, and parsing the markup is a third of making a paragraph, breaking it into lines
# (several times: to measure, then in each table pass, then in the frame) most of the rest.
# Parsed fragments are kept per process, keyed by the markup and every style attribute
# they copy; each new paragraph gets the same fragments, and the same line breaks for the
# same widths in the same fonts. ReportLab only reads both (wrapping, splitting and
# drawing make new lists). The parser may hand back another style (for <para>
# attributes): such paragraphs are not kept.
_parsed: dict[tuple[object, ...], tuple[str, list[Any], Any]] = {}
# id -> the kept fragment list itself, so an id is only trusted while its list is alive
_kept: dict[int, list[Any]] = {}
_broken: dict[tuple[object, ...], tuple[Any, list[Any], float]] = {}
_PARSED_KEPT = 50_000  # a pack of 45 partners parses some 650


class _Shared(Paragraph):  # type: ignore[misc]
    """A paragraph made from kept fragments, so its line breaks can be kept too."""

    frags: list[Any]
    _width_max: float

    def breakLines(self, width: list[float]) -> Any:
        frags = self.frags
        if _kept.get(id(frags)) is not frags or self.style.wordWrap == "RTL":
            return super().breakLines(width)
        key = (id(frags), fonts.generation, *width)
        found = _broken.get(key)
        if found is None:
            lines = super().breakLines(width)
            # a paragraph of several fragments swaps in its words: keep those as well
            _kept.setdefault(id(self.frags), self.frags)
            found = _broken[key] = (lines, self.frags, self._width_max)
        lines, self.frags, self._width_max = found
        return lines


def style_token(style: ParagraphStyle) -> int | None:
    """A number standing for every attribute of ``style`` but its name: equal for styles
    that draw alike, so caches can key on it rather than on some forty values each time
    (a fifth of making a pack's paragraphs). Worked out once per style object: a style is
    set up before its first paragraph and not changed after. None for a style with an
    attribute that cannot be hashed."""
    return _tokens.get(style, None, _number, style)


def _number(style: ParagraphStyle) -> int | None:
    values = tuple(v for k, v in vars(style).items() if k not in ("name", "parent"))
    try:
        return _token_of.setdefault(values, len(_token_of))
    except TypeError:
        return None


_tokens: PerObject[int | None] = PerObject(4096)
_token_of: dict[tuple[object, ...], int] = {}  # the styles' values: a few dozen


def _paragraph(markup: str, style: ParagraphStyle, bullet: str | None) -> Paragraph:
    token = style_token(style)
    if token is None:  # a style attribute that cannot be hashed: parse every time
        return Paragraph(markup, style, bulletText=bullet)
    key = (markup, bullet, token)
    found = _parsed.get(key)
    if found is not None:
        text, frags, bullet_text = found
        return _Shared(text, style, bulletText=bullet_text, frags=frags)
    paragraph = _Shared(markup, style, bulletText=bullet)
    if paragraph.style is style:
        if len(_parsed) >= _PARSED_KEPT:  # --watch parses every edit's new texts: start over
            _parsed.clear()
            _kept.clear()
            _broken.clear()
        _parsed[key] = (paragraph.text, paragraph.frags, paragraph.bulletText)
        _kept[id(paragraph.frags)] = paragraph.frags
    return paragraph


def esc(text: str) -> str:
    # What xml.sax.saxutils.escape does, without its import of urllib and http (13 ms).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A table style whose cells use the bundled font (ReportLab's default is Helvetica,
    which would be referenced, unembedded, even by tables holding only paragraphs)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])
