"""Form fields that show every character the language needs.

ReportLab's form fields name one of the PDF's standard fonts, whose encoding (WinAnsi) has
no "ı", "ğ", "ł" or "ő": a partner typing their own name would see gaps. Once a fillable
letter is built, every text field's default appearance (``/DA``) is pointed at the body
font, embedded in the form's resources (``/DR``) as a CID font (Identity-H) with a map from
Unicode, which is what a viewer needs to draw what is typed: Acrobat, PDFium (Chrome, Edge,
pdf.js's fallback), MuPDF and pypdf all write the field's appearance in it.

The font is cut to the Unicode pages (256 code points each) of the letter's own words and
Latin's (Latin-1, Extended-A and -B, Extended Additional, punctuation): every letter a
European name needs and the language's own script, in a fraction of the font's size. Its
glyph numbers are kept (Identity-H writes glyph numbers), and the font is named without a
subset tag, so that viewers use it for new text.
"""

from __future__ import annotations

import io
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

# Latin-1 and the basic Latin, Latin Extended-A and -B, IPA (some Latin letters' forms),
# Latin Extended Additional (Vietnamese and Welsh), general punctuation and currency.
LATIN_PAGES = frozenset({0x00, 0x01, 0x02, 0x1E, 0x20})
FONT_KEY = "/WbField"  # the name /DA uses for the embedded font


@dataclass(frozen=True)
class FieldFont:
    """The embedded font's parts, ready to write into a PDF."""

    name: str
    program: bytes  # the cut TrueType font, deflated
    length: int  # its size before deflating (the stream's /Length1)
    widths: list[object]  # the CID font's /W array
    to_unicode: bytes  # the deflated /ToUnicode CMap
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int


_cut: dict[tuple[object, ...], FieldFont] = {}


def field_font(path: Path, text: str) -> FieldFont:
    """The font at ``path`` cut to what fields need: the pages of ``text`` and Latin's.
    Cut once per process for each font file and set of pages."""
    pages = frozenset({ord(char) >> 8 for char in text}) | LATIN_PAGES
    info = os.stat(path)
    key = (str(path), info.st_size, info.st_mtime_ns, pages)
    found = _cut.get(key)
    if found is None:
        if len(_cut) > 16:  # a resident process meets a few languages, not many
            _cut.clear()
        found = _cut[key] = _make(path, pages)
    return found


def _make(path: Path, pages: frozenset[int]) -> FieldFont:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=False)
    unicodes = [code for code in font.getBestCmap() if code >> 8 in pages]
    options = subset.Options()
    options.retain_gids = True  # Identity-H: the PDF writes glyph numbers
    options.hinting = False  # fields are read on screen at their size; hints add a third
    options.layout_features = []  # a field draws one glyph per character
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # the copyright and the name, as the licence asks
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=unicodes)
    cutter.subset(font)
    out = io.BytesIO()
    font.save(out)
    program = out.getvalue()
    scale = 1000 / font["head"].unitsPerEm
    glyphs: dict[int, int] = {}  # glyph number -> the first Unicode code point drawn with it
    widths: dict[int, int] = {}
    for code, glyph in sorted(font.getBestCmap().items()):
        number = font.getGlyphID(glyph)
        glyphs.setdefault(number, code)
        widths[number] = round(font["hmtx"][glyph][0] * scale)
    head, os2 = font["head"], font["OS/2"]
    name = font["name"].getDebugName(6) or path.stem
    return FieldFont(
        name="".join(c for c in name if c.isalnum() or c in "-_") or "WorkbookField",
        program=zlib.compress(program, 9),
        length=len(program),
        widths=_widths(widths),
        to_unicode=zlib.compress(_cmap(glyphs), 9),
        bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),  # type: ignore[arg-type]
        ascent=round(os2.sTypoAscender * scale),
        descent=round(os2.sTypoDescender * scale),
        cap_height=round(getattr(os2, "sCapHeight", os2.sTypoAscender) * scale),
    )


def _widths(widths: dict[int, int]) -> list[object]:
    """The /W array: runs of consecutive glyph numbers, each with its widths."""
    out: list[object] = []
    run: list[int] = []
    start = previous = -2
    for number in sorted(widths):
        if number != previous + 1:
            if run:
                out += [start, run]
            start, run = number, []
        run.append(widths[number])
        previous = number
    if run:
        out += [start, run]
    return out


def _cmap(glyphs: dict[int, int]) -> bytes:
    """A ToUnicode CMap from glyph numbers (two bytes, Identity-H) to code points."""

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be").hex().upper()

    items = sorted(glyphs.items())
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    for first in range(0, len(items), 100):  # at most 100 entries to a block
        block = items[first : first + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines += [f"<{number:04X}> <{utf16(code)}>" for number, code in block]
        lines.append("endbfchar")
    lines += [
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines).encode("ascii")


def with_field_font(pdf: bytes, font: FieldFont, size: float, colour: str) -> bytes:
    """``pdf`` with its text fields set in ``font`` at ``size`` in ``colour`` (``r g b``)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    form = writer._root_object.get("/AcroForm")
    if form is None:
        return pdf
    form = form.get_object()

    def name(value: str) -> NameObject:
        return NameObject(value)

    def stream(data: bytes, **entries: object) -> object:
        made = DecodedStreamObject()
        made.set_data(b"")
        made._data = data  # already deflated, once per process
        made[name("/Filter")] = name("/FlateDecode")
        for key, value in entries.items():
            made[name(f"/{key}")] = value  # type: ignore[assignment]
        return writer._add_object(made)

    def numbers(values: list[object]) -> ArrayObject:
        out = ArrayObject()
        for value in values:
            if isinstance(value, list):
                out.append(ArrayObject(NumberObject(v) for v in value))
            else:
                out.append(NumberObject(value))  # type: ignore[call-overload]
        return out

    descriptor = DictionaryObject(
        {
            name("/Type"): name("/FontDescriptor"),
            name("/FontName"): name(f"/{font.name}"),
            name("/Flags"): NumberObject(32),  # nonsymbolic: Latin text
            name("/FontBBox"): ArrayObject(NumberObject(v) for v in font.bbox),
            name("/ItalicAngle"): NumberObject(0),
            name("/Ascent"): NumberObject(font.ascent),
            name("/Descent"): NumberObject(font.descent),
            name("/CapHeight"): NumberObject(font.cap_height),
            name("/StemV"): NumberObject(80),
            name("/FontFile2"): stream(font.program, Length1=NumberObject(font.length)),
        }
    )
    cid_font = DictionaryObject(
        {
            name("/Type"): name("/Font"),
            name("/Subtype"): name("/CIDFontType2"),
            name("/BaseFont"): name(f"/{font.name}"),
            name("/CIDSystemInfo"): DictionaryObject(
                {
                    name("/Registry"): TextStringObject("Adobe"),
                    name("/Ordering"): TextStringObject("Identity"),
                    name("/Supplement"): NumberObject(0),
                }
            ),
            name("/FontDescriptor"): writer._add_object(descriptor),
            name("/W"): numbers(font.widths),
            name("/CIDToGIDMap"): name("/Identity"),
        }
    )
    type0 = writer._add_object(
        DictionaryObject(
            {
                name("/Type"): name("/Font"),
                name("/Subtype"): name("/Type0"),
                name("/BaseFont"): name(f"/{font.name}"),
                name("/Encoding"): name("/Identity-H"),
                name("/DescendantFonts"): ArrayObject([writer._add_object(cid_font)]),
                name("/ToUnicode"): stream(font.to_unicode),
            }
        )
    )
    resources = DictionaryObject()
    old = form.get("/DR")
    if old is not None:  # ReportLab's: its encoding and standard fonts, for the tick boxes
        resources.update(old.get_object())
    fonts = DictionaryObject()
    known = resources.get("/Font")
    if known is not None:
        fonts.update(known.get_object())
    fonts[name(FONT_KEY)] = type0
    resources[name("/Font")] = fonts
    form[name("/DR")] = resources
    appearance = TextStringObject(f"{FONT_KEY} {_number(size)} Tf {colour} rg")
    form[name("/DA")] = appearance
    for page in writer.pages:
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            if widget.get("/FT") == "/Tx" and not int(widget.get("/F", 0)) & 2:  # not hidden
                widget[name("/DA")] = appearance
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
