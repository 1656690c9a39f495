"""The bundled fonts, registered once per process and embedded (subset) in every PDF."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workbook.core.errors import Problem, UserError
from workbook.render.layout import Layout

FAMILY = "WorkbookSans"
FACES = {
    "regular": FAMILY,
    "bold": f"{FAMILY}-Bold",
    "italic": f"{FAMILY}-Italic",
    "bold_italic": f"{FAMILY}-BoldItalic",
}

# Font name -> file it was registered from (path, size, time); a language with its own
# fonts re-registers.
_registered: dict[str, tuple[str, int, int]] = {}
# Bumped whenever a name is (re)registered: text measured before was measured in other fonts.
generation = 0


def register_fonts(layout: Layout) -> None:
    global generation
    for face, name in FACES.items():
        path = str(layout.font_file(face))
        # With its size and time: a resident process (--watch) sees a font file replaced.
        key = _file_key(path)
        if _registered.get(name) == key:
            continue
        try:
            font = TTFont(name, path)
        except Exception as exc:  # a damaged font fails in many ways inside ReportLab's parser
            # Never the exception's text: it may quote the file's bytes.
            why = "damaged or cut short"
            if isinstance(exc, OSError) and exc.strerror:
                why = exc.strerror
            raise UserError(
                Problem(
                    f"cannot be used as a font ({why})",
                    file=Path(path),
                    hint="Use a complete TrueType (.ttf) font file; "
                    "OpenType CFF (.otf) is not supported.",
                )
            ) from None
        _keep_subsets(font)
        # ReportLab keeps the first font registered under a name; a language with its own
        # fonts (or the next pack after it) must replace the entry to be drawn with them.
        pdfmetrics._fonts.pop(name, None)
        pdfmetrics.registerFont(font)
        _registered[name] = key
        generation += 1
    addMapping(FAMILY, 0, 0, FACES["regular"])
    addMapping(FAMILY, 1, 0, FACES["bold"])
    addMapping(FAMILY, 0, 1, FACES["italic"])
    addMapping(FAMILY, 1, 1, FACES["bold_italic"])


def _file_key(path: str) -> tuple[str, int, int]:
    try:
        stat = os.stat(path)
    except OSError:  # TTFont reports the missing file in the user's terms
        return (path, -1, -1)
    return (path, stat.st_size, stat.st_mtime_ns)


def _keep_subsets(font: TTFont) -> None:
    """Cut each subset of this font once per process.

    Every PDF embeds the characters it uses; invitation letters (and batch packs) use
    the same characters in the same order file after file, and cutting a subset out of
    the font file is a fifth of saving one. A subset depends only on the font file and
    the characters, so the bytes are the same.
    """
    face = font.face
    cut = face.makeSubset
    subsets: dict[tuple[int, ...], bytes] = {}

    def make_subset(subset: list[int]) -> bytes:
        key = tuple(subset)
        found = subsets.get(key)
        if found is None:
            found = subsets[key] = cut(subset)
        return found

    face.makeSubset = make_subset
    _keep_compressed(face)


def _keep_compressed(face: Any) -> None:
    """Compress each subset's font file once per process, as ReportLab would each time.

    The subsets come back the same (above), and compressing them again is a twentieth of
    a warm render of the pack. ReportLab compresses a stream while writing it unless the
    stream's dictionary already names its filter; here the stream ReportLab has just
    registered gets the compressed bytes and that name, exactly as ReportLab would have
    written them. A ReportLab that names the stream otherwise is left to compress it."""
    add_objects = face.addSubsetObjects
    compressed: dict[bytes, bytes] = {}

    def add_subset_objects(doc: Any, fontname: str, subset: list[int]) -> Any:
        reference = add_objects(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{face.filename}({fontname})")
        if (
            isinstance(stream, pdfdoc.PDFStream)
            and stream.filters == [pdfdoc.PDFZCompress]
            and isinstance(stream.content, bytes)
        ):
            raw = stream.content
            found = compressed.get(raw)
            if found is None:
                if len(compressed) >= 512:  # the subsets of a long --watch or a big batch
                    compressed.clear()
                found = compressed[raw] = pdfdoc.PDFZCompress.encode(raw)
            stream.content = found
            stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        return reference

    face.addSubsetObjects = add_subset_objects


REGULAR = FACES["regular"]
BOLD = FACES["bold"]
ITALIC = FACES["italic"]


def covered_characters() -> frozenset[int]:
    """Code points every face of the registered family can draw."""
    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in FACES.values()]
    return frozenset(set.intersection(*maps))
