"""The layout check itself: each rule finds the fault it is for, on a page drawn with it.

These pages are drawn with ReportLab's canvas in the bundled fonts, one fault each, beside
a clean page that must pass, so a rule that stopped seeing its fault would show here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tests.layout_check import Expect, check_pdf
from workbook.render.fonts import BOLD, REGULAR, register_fonts
from workbook.render.layout import load_layout

WIDTH, HEIGHT = A4
EMAIL = "anne-mette.holmgaard@boerne-og-ungdomsforvaltningen.example.dk"
NAME = "Københavns Kommunes Børne- og Ungdomsforvaltning"


@pytest.fixture(scope="module", autouse=True)
def fonts() -> None:
    register_fonts(load_layout())


def _pdf(tmp_path: Path, *pages: Callable[[Any], None]) -> Path:
    path = tmp_path / "page.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for draw in pages:
        canvas.setFont(REGULAR, 10)
        draw(canvas)
        canvas.setFont(REGULAR, 9)
        canvas.drawString(20 * mm, 11 * mm, "Session · 4 March 2027")
        canvas.showPage()
    canvas.save()
    return path


def _text(x: float, y: float, text: str, size: float = 10, font: str = REGULAR) -> Any:
    def draw(canvas: Any) -> None:
        canvas.setFont(font, size)
        canvas.drawString(x * mm, HEIGHT - y * mm, text)

    return draw


def _page(*parts: Any) -> Callable[[Any], None]:
    def draw(canvas: Any) -> None:
        for part in parts:
            part(canvas)

    return draw


def _full(canvas: Any) -> None:
    """A page of ordinary body text, top to bottom: no rule objects to it."""
    for line in range(40):
        canvas.drawString(20 * mm, HEIGHT - (20 + line * 6) * mm, f"Line {line} of ordinary text")


def _rules(path: Path, expect: Expect | None = None) -> set[str]:
    return {f.rule for f in check_pdf(path, expect or Expect())}


def test_a_clean_page_passes(tmp_path: Path) -> None:
    assert _rules(_pdf(tmp_path, _full, _full)) == set()


def test_words_drawn_over_each_other(tmp_path: Path) -> None:
    page = _page(_full, _text(100, 100, "distributed?"), _text(100, 101.5, "Stages"))
    assert "overlap" in _rules(_pdf(tmp_path, page))


def test_type_under_nine_points(tmp_path: Path) -> None:
    assert "type under 9 pt" in _rules(_pdf(tmp_path, _page(_full, _text(30, 260, "tiny", 7))))


def test_text_past_the_margin(tmp_path: Path) -> None:
    assert "margin" in _rules(_pdf(tmp_path, _page(_full, _text(4, 100, "edge"))))


def test_text_over_a_rule(tmp_path: Path) -> None:
    def struck(canvas: Any) -> None:
        canvas.line(20 * mm, HEIGHT - 99.2 * mm, 120 * mm, HEIGHT - 99.2 * mm)

    page = _page(_full, _text(30, 100, "crossed out by a rule"), struck)
    assert "text over a line" in _rules(_pdf(tmp_path, page))


def test_a_heading_parted_from_its_text(tmp_path: Path) -> None:
    def stranded(canvas: Any) -> None:
        _full(canvas)
        canvas.setFont(BOLD, 15)
        canvas.drawString(20 * mm, HEIGHT - 262 * mm, "Friday, 5 March")

    assert "heading last" in _rules(_pdf(tmp_path, stranded, _full))


def test_a_page_holding_a_lone_remnant(tmp_path: Path) -> None:
    page = _page(_text(20, 20, "• Learning: where and how will they learn together?"))
    assert "near-empty" in _rules(_pdf(tmp_path, _full, page))


def test_an_ellipsis_in_an_organisation(tmp_path: Path) -> None:
    page = _page(_full, _text(20, 262, "Københavns Kommunes Børne- og…"))
    assert "ellipsis" in _rules(_pdf(tmp_path, page), Expect(whole=[NAME]))


def test_an_email_broken_across_lines(tmp_path: Path) -> None:
    page = _page(_full, _text(20, 262, EMAIL[:30]), _text(20, 267, EMAIL[30:]))
    assert "e-mail broken" in _rules(_pdf(tmp_path, page), Expect(emails=[EMAIL]))
    whole = _page(_full, _text(20, 262, EMAIL))
    assert "e-mail broken" not in _rules(_pdf(tmp_path, whole), Expect(emails=[EMAIL]))


def test_a_footer_without_its_dates(tmp_path: Path) -> None:
    expect = Expect(footer=["4–5 March 2027"])
    assert "footer" in _rules(_pdf(tmp_path, _full), expect)


def test_a_letter_of_three_pages(tmp_path: Path) -> None:
    assert "page count" in _rules(_pdf(tmp_path, _full, _full, _full), Expect(pages=2))
