"""Form fields that show every character the language needs.

ReportLab's form fields name one of the PDF's standard fonts, whose encoding (WinAnsi) has
no "ı", "ğ", "ł" or "ő": a partner typing their own name would see gaps. Once a fillable
letter's last field is drawn, every text field's default appearance (``/DA``) is pointed at
the body font, embedded in the form's resources (``/DR``) as a CID font (Identity-H) with a map from
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
from typing import Any

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


def embed_field_font(canvas: Any, font: FieldFont, size: float, colour: str) -> None:
    """Give every text field drawn on ``canvas`` so far ``font`` at ``size`` in ``colour``
    (``r g b``), embedded in the form's resources. Called once the last field is drawn,
    before the document is saved: the objects are ReportLab's own, so nothing is parsed
    and written again (a second pass through a PDF library cost more than the letter)."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

    form = canvas.acroForm
    doc = canvas._doc

    def deflated(data: bytes, **entries: object) -> Any:
        # already deflated, once per process: no filter is applied again
        stream = PDFStream(PDFDictionary({"Filter": PDFName("FlateDecode"), **entries}), data, [])
        return doc.Reference(stream)

    widths = PDFArray(
        [PDFArray(value) if isinstance(value, list) else value for value in font.widths]
    )
    descriptor = PDFDictionary(
        {
            "Type": PDFName("FontDescriptor"),
            "FontName": PDFName(font.name),
            "Flags": 32,  # nonsymbolic: Latin text
            "FontBBox": PDFArray(list(font.bbox)),
            "ItalicAngle": 0,
            "Ascent": font.ascent,
            "Descent": font.descent,
            "CapHeight": font.cap_height,
            "StemV": 80,
            "FontFile2": deflated(font.program, Length1=font.length),
        }
    )
    cid_font = PDFDictionary(
        {
            "Type": PDFName("Font"),
            "Subtype": PDFName("CIDFontType2"),
            "BaseFont": PDFName(font.name),
            "CIDSystemInfo": PDFDictionary(
                {"Registry": PDFString("Adobe"), "Ordering": PDFString("Identity"), "Supplement": 0}
            ),
            "FontDescriptor": doc.Reference(descriptor),
            "W": widths,
            "CIDToGIDMap": PDFName("Identity"),
        }
    )
    type0 = PDFDictionary(
        {
            "Type": PDFName("Font"),
            "Subtype": PDFName("Type0"),
            "BaseFont": PDFName(font.name),
            "Encoding": PDFName("Identity-H"),
            "DescendantFonts": PDFArray([doc.Reference(cid_font)]),
            "ToUnicode": deflated(font.to_unicode),
        }
    )
    # The form's resources hold this font alone: ReportLab writes each font of the form as a
    # /Font entry of its own, and only the text fields (all of them set here) name one.
    form.fonts = {FONT_KEY[1:]: form.getRefStr(type0)}
    appearance = PDFString(f"{FONT_KEY} {_number(size)} Tf {colour} rg")
    for reference in form.fields:
        field = doc.idToObject.get(getattr(reference, "name", None))
        if isinstance(field, PDFDictionary) and field.dict.get("FT") == "/Tx":
            field.dict["DA"] = appearance


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
