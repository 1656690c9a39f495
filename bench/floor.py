"""The floor: what ReportLab alone costs for the same pages, to judge workbook against.

Registers the same four Noto Sans TTFs that workbook embeds and draws, on every page, about
as much wrapped text as a workbook page carries (headings, body paragraphs, a footer) and a
simple figure, in invariant mode. No YAML, no validation, no planning: just the paper.

    python bench/floor.py --files 1 --pages 37 --out DIR
    python bench/floor.py --pages 37 --out DIR --warm 10   # a resident process's floor

With ``--warm N`` the fonts are registered and the pages drawn once, then drawn N more
times in the same process, and the seconds of those N draws are printed as JSON: what a
warm re-render (``--watch``) would cost with nothing but ReportLab.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

FONTS = Path(__file__).resolve().parent.parent / "layouts" / "fonts"
FACES = {
    "Floor": "NotoSans-Regular.ttf",
    "Floor-Bold": "NotoSans-Bold.ttf",
    "Floor-Italic": "NotoSans-Italic.ttf",
    "Floor-BoldItalic": "NotoSans-BoldItalic.ttf",
}

# About 1,100 characters a page, the average of the example pack, with Danish letters.
HEADING = "Delsession 1: Hvad bliver vi partnere om? · Forandringscirkel for Grønt Køkken ApS"
BODY = (
    "Facilitatoren præsenterer værktøjet og sætter konteksten for sessionen: hvad er "
    "formålet, og hvad er ikke? Partnerne skriver hver især deres ambition for den "
    "bæredygtige omstilling på post-its og placerer dem i cirklens første ring. "
    "Derefter deler de på skift, mens de andre lytter og spørger nysgerrigt ind. "
)
TIP = "<i>Tip:</i> Giv god tid til at lytte; <b>fælles forståelse</b> kommer før løsninger."


def register() -> None:
    for name, file in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    for bold, italic, name in [(0, 0, "Floor"), (1, 0, "Floor-Bold"), (0, 1, "Floor-Italic")]:
        addMapping("Floor", bold, italic, name)
    addMapping("Floor", 1, 1, "Floor-BoldItalic")


def draw_page(canvas: Canvas, number: int, styles: dict[str, ParagraphStyle]) -> None:
    width, height = A4
    left, top, frame = 18 * mm, height - 18 * mm, width - 36 * mm
    y = top
    for text, style in [
        (HEADING, styles["heading"]),
        (BODY * 2, styles["body"]),
        (TIP, styles["body"]),
        (BODY, styles["body"]),
    ]:
        paragraph = Paragraph(text, style)
        _, used = paragraph.wrapOn(canvas, frame, y)
        paragraph.drawOn(canvas, left, y - used)
        y -= used + 4 * mm
    canvas.setLineWidth(1)
    for radius in (70, 50, 30):
        canvas.circle(width / 2, y / 2 + 20 * mm, radius * mm / 2.2)
    canvas.setFont("Floor", 9)
    canvas.drawString(left, 11 * mm, f"Partnerskab om bæredygtige skolemåltider · Side {number}")
    canvas.showPage()


def write(path: Path, pages: int, styles: dict[str, ParagraphStyle]) -> None:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        draw_page(canvas, number, styles)
    canvas.save()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--pages", type=int, required=True, help="pages in each file")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--warm", type=int, default=0, help="time N draws after a first one")
    args = parser.parse_args()
    register()
    styles = {
        "heading": ParagraphStyle("heading", fontName="Floor-Bold", fontSize=14, leading=18),
        "body": ParagraphStyle("body", fontName="Floor", fontSize=10.5, leading=14),
    }
    for index in range(args.files):
        write(args.out / f"floor-{index + 1}.pdf", args.pages, styles)
    if args.warm:
        draws = []
        for _ in range(args.warm):
            start = time.perf_counter()
            for index in range(args.files):
                write(args.out / f"floor-{index + 1}.pdf", args.pages, styles)
            draws.append(time.perf_counter() - start)
        print(json.dumps(draws))


if __name__ == "__main__":
    main()
