"""A rendered PDF's pages as PNG images.

pypdfium2 ships PDFium as a wheel, so previews need no system package (poppler, Ghostscript)
and look as the PDF prints, not as a second drawing of it would. Pillow (already installed
with ReportLab) encodes the PNGs.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

# PDF user space is 72 units to the inch.
_POINTS_PER_INCH = 72


MAX_DPI = 600


def render_pngs(pdf: bytes, dpi: int = 60) -> list[bytes]:
    """One PNG per page of ``pdf``, in page order, at ``dpi`` dots per inch."""
    return list(iter_pngs(pdf, dpi))


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def iter_pngs(pdf: bytes, dpi: int = 60, first: int = 0) -> Iterator[bytes]:
    """The pages one at a time (from page ``first``, counted from 0), so a long pack never
    holds every bitmap at once."""
    import pypdfium2 as pdfium

    if not 1 <= dpi <= MAX_DPI:
        raise ValueError(f"dpi must be between 1 and {MAX_DPI}, not {dpi}")
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(first, len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=dpi / _POINTS_PER_INCH)
                image = bitmap.to_pil()
                out = io.BytesIO()
                # No timestamps or text chunks: the same PDF gives the same PNG bytes.
                image.save(out, format="PNG", optimize=False)
                yield out.getvalue()
            finally:
                page.close()
    finally:
        document.close()
