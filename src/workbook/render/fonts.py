"""The bundled fonts, registered once per process and embedded (subset) in every PDF."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from workbook.errors import Problem, UserError
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
        except (TTFError, OSError) as exc:
            raise UserError(
                Problem(
                    f"cannot be used as a font: {exc}",
                    file=Path(path),
                    hint="Use a TrueType (.ttf) font file; OpenType CFF (.otf) is not supported.",
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


REGULAR = FACES["regular"]
BOLD = FACES["bold"]
ITALIC = FACES["italic"]
