"""Paragraph styles derived from the layout, and safe paragraph construction.

The booklet's type system (layouts/README.md): running text in the text column (``text``,
60-75 characters a line), clock times and cues in the side column (``side``), and the
heading levels ``chapter``, ``part``, ``section``, ``sub`` and ``kicker``, each with its
own size, case and colour from the layout's ``headings``. ``h1``-``h3`` are the older
scale the letters still set their headings in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
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
    # the booklet's type system
    display: ParagraphStyle  # the session's title on the cover
    display_small: ParagraphStyle  # the title on a crowded cover: the part's size, as written
    lead_plain: ParagraphStyle  # the lead's size, upright: the cover's date and time
    chapter: ParagraphStyle
    part: ParagraphStyle
    section: ParagraphStyle
    sub: ParagraphStyle
    kicker: ParagraphStyle
    question: ParagraphStyle  # a question the guide asks, bold, as written
    text: ParagraphStyle  # running text, in the text column
    text_bullet: ParagraphStyle
    side: ParagraphStyle  # the side column: clock times, minutes, cues
    side_bold: ParagraphStyle
    grid: Grid

    def in_colour(self, style: ParagraphStyle, colour: Color) -> ParagraphStyle:
        """``style`` in another colour (a dialogue's), made once per style and colour."""
        key = (style.name, colour.hexval())
        found = _coloured.get(key)
        if found is None or found.parent is not style:
            found = _coloured[key] = ParagraphStyle(f"{style.name}-{key[1]}", parent=style)
            found.textColor = colour
        return found

    def in_indent(self, style: ParagraphStyle) -> ParagraphStyle:
        """``style`` set in the text column, made once per style."""
        key = (style.name, f"indent-{self.grid.indent:.2f}")
        found = _coloured.get(key)
        if found is None or found.parent is not style:
            found = _coloured[key] = ParagraphStyle(f"{style.name}-indented", parent=style)
            found.leftIndent = style.leftIndent + self.grid.indent
        return found


_coloured: dict[tuple[str, str], ParagraphStyle] = {}


@dataclass(frozen=True)
class Grid:
    """The columns of a portrait booklet page, in points: the side column on the left, the
    gutter, then the text column (the measure); ``indent`` is where the text column starts."""

    frame: float
    side: float
    gutter: float
    measure: float

    @property
    def indent(self) -> float:
        return self.side + self.gutter


def measure_for(layout: Layout, size: float) -> float:
    """The measure for running text of ``size`` points: 60-75 characters a line."""
    return float(layout.value("grid", "measure_em")) * size


def page_grid(layout: Layout) -> Grid:
    frame = layout.paper[0] - layout.margin("left") - layout.margin("right")
    measure = min(measure_for(layout, layout.size("body")), frame)
    gutter = layout.mm("grid", "gutter_mm")
    return Grid(frame, max(0.0, frame - measure - gutter), gutter, measure)


def build_styles(layout: Layout) -> Styles:
    leading = float(layout.value("type", "leading"))
    ink, muted, accent = layout.colour("ink"), layout.colour("muted"), layout.colour("accent")
    grid = page_grid(layout)

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

    def heading(name: str, **extra: object) -> ParagraphStyle:
        """A level of ``headings``: its size, case and colour, space round it by its size,
        and never the last line of a page (it keeps with what follows)."""
        spec = layout.data["headings"][name]
        size = float(spec["size"])
        return ParagraphStyle(
            name,
            fontName=extra.pop("fontName", BOLD),
            fontSize=size,
            leading=size * float(spec.get("leading", leading)),
            textColor=layout.colour(spec.get("colour", "ink")),
            textTransform="uppercase" if spec.get("case") == "upper" else None,
            keepWithNext=extra.pop("keepWithNext", 1),
            **extra,
        )

    body = style("body", "body", spaceAfter=5)
    text = style("text", "body", spaceAfter=5, leftIndent=grid.indent)
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
        display=heading("title", keepWithNext=0, spaceAfter=4 * mm),
        # a crowded cover's title: between the part's size and the chapter's, as written
        display_small=ParagraphStyle(
            "display_small",
            parent=heading("chapter", keepWithNext=0),
            fontSize=(layout.data["headings"]["part"]["size"] + 3),
            leading=(layout.data["headings"]["part"]["size"] + 3) * 1.15,
        ),
        lead_plain=style("lead_plain", "lead", spaceAfter=0),
        chapter=heading("chapter", spaceAfter=3 * mm),
        part=heading("part", spaceAfter=2 * mm),
        section=heading("section", spaceBefore=5 * mm, spaceAfter=2 * mm),
        sub=heading("sub", spaceBefore=3 * mm, spaceAfter=1.5 * mm),
        kicker=heading("kicker", spaceAfter=1 * mm),
        question=style("question", "body", BOLD, spaceAfter=2, keepWithNext=1),
        text=text,
        text_bullet=style(
            "text_bullet",
            "body",
            leftIndent=grid.indent + 14,
            bulletIndent=grid.indent + 3,
            spaceAfter=3,
        ),
        side=style("side", "small", textColor=muted),
        side_bold=style("side_bold", "body", BOLD),
        grid=grid,
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


def grid_style(padding: float = 0) -> TableStyle:
    """A table laid on the page's grid: no side padding (its columns are the grid's own),
    cells aligned at their tops, ``padding`` above and below."""
    return table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ]
    )
