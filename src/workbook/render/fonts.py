"""The bundled fonts, registered once per process and embedded (subset) in every PDF."""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workbook.render.layout import Layout

FAMILY = "WorkbookSans"
FACES = {
    "regular": FAMILY,
    "bold": f"{FAMILY}-Bold",
    "italic": f"{FAMILY}-Italic",
    "bold_italic": f"{FAMILY}-BoldItalic",
}

_registered: set[str] = set()


def register_fonts(layout: Layout) -> None:
    for face, name in FACES.items():
        path = str(layout.font_file(face))
        if path in _registered:
            continue
        pdfmetrics.registerFont(TTFont(name, path))
        _registered.add(path)
    addMapping(FAMILY, 0, 0, FACES["regular"])
    addMapping(FAMILY, 1, 0, FACES["bold"])
    addMapping(FAMILY, 0, 1, FACES["italic"])
    addMapping(FAMILY, 1, 1, FACES["bold_italic"])


REGULAR = FACES["regular"]
BOLD = FACES["bold"]
ITALIC = FACES["italic"]
