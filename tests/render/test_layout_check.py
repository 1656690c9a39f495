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
    assert "near-empty" in _rules(_pdf(tmp_path, _full, page, _full))
    assert "near-empty" not in _rules(_pdf(tmp_path, _full, page))  # a document's last page


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


# The composition rules (issue 25): each fault as the issue met it, planted on a page.


def _body(canvas: Any, lines: int = 40, text: str = "Line {n} of ordinary running text") -> None:
    """Running text in the body size, ``lines`` lines from the top."""
    canvas.setFont(REGULAR, 10.5)
    for line in range(lines):
        canvas.drawString(74 * mm, HEIGHT - (24 + line * 6) * mm, text.format(n=line))


def _head(text: str) -> Callable[[Any], None]:
    """A running head in the top margin, as the pack draws it."""
    return _text(18, 13, text, 9, BOLD)


def test_a_page_holding_only_its_running_head_and_a_line(tmp_path: Path) -> None:
    remnant = _page(
        _head("PROGRAM (FORTSAT)"),
        _text(20, 24, "Samlet varighed 7 t 50 min. fordelt på 2 dage", 10.5, BOLD),
    )
    path = _pdf(tmp_path, _body, remnant, _body)
    faults = check_pdf(path, Expect())
    assert [f.page for f in faults if f.rule == "near-empty"] == [2]
    # a document's last page may be short: the pack tells the check where its jobs end
    assert "near-empty" not in _rules(path, Expect(ends=[2]))


def test_a_run_sheets_last_step_alone_on_a_page(tmp_path: Path) -> None:
    def last_step(canvas: Any) -> None:
        canvas.setFont(BOLD, 9)
        canvas.drawString(20 * mm, HEIGHT - 26 * mm, "15.30–15.45")
        _body(canvas, 6, "Facilitatoren beder deltagerne om at udfylde skabelonen {n}")

    assert "near-empty" in _rules(_pdf(tmp_path, _body, last_step, _body))


def test_a_heading_with_less_than_two_lines_under_it(tmp_path: Path) -> None:
    def stranded(canvas: Any) -> None:
        _body(canvas, 38)
        canvas.setFont(BOLD, 12.5)
        canvas.drawString(20 * mm, HEIGHT - 256 * mm, "TRIN FOR TRIN")
        canvas.setFont(REGULAR, 10.5)
        canvas.drawString(
            74 * mm, HEIGHT - 262 * mm, "1. Partnerne skal udvikle en fælles ambition"
        )

    def kept(canvas: Any) -> None:
        _body(canvas, 30)
        canvas.setFont(BOLD, 12.5)
        canvas.drawString(20 * mm, HEIGHT - 210 * mm, "TRIN FOR TRIN")
        _body_at(canvas, 216, 6)

    assert "heading stranded" in _rules(_pdf(tmp_path, stranded, _body))
    assert "heading stranded" not in _rules(_pdf(tmp_path, kept, _body))


def _body_at(canvas: Any, top_mm: float, lines: int) -> None:
    canvas.setFont(REGULAR, 10.5)
    for line in range(lines):
        canvas.drawString(74 * mm, HEIGHT - (top_mm + line * 6) * mm, f"What it heads, line {line}")


def test_a_continued_head_over_a_new_section(tmp_path: Path) -> None:
    def opened(head: str) -> Callable[[Any], None]:
        def draw(canvas: Any) -> None:
            _head(head)(canvas)
            canvas.setFont(BOLD, 17)
            canvas.drawString(74 * mm, HEIGHT - 30 * mm, "KULTUREL DYNAMIK: HVAD ER GODT?")
            _body_at(canvas, 40, 35)

        return draw

    wrong = opened("OVERSÆTTELSE: HVEM ER TIL STEDE? (FORTSAT)")
    assert "running head" in _rules(_pdf(tmp_path, _body, wrong))
    right = opened("KULTUREL OVERSÆTTELSE · KULTUREL DYNAMIK: HVAD ER GODT? (FORTSAT)")
    assert "running head" not in _rules(_pdf(tmp_path, _body, right))


def test_one_heading_level_in_two_cases(tmp_path: Path) -> None:
    def section(title: str) -> Callable[[Any], None]:
        def draw(canvas: Any) -> None:
            canvas.setFont(BOLD, 12.5)
            canvas.drawString(20 * mm, HEIGHT - 22 * mm, title)
            _body_at(canvas, 30, 38)

        return draw

    mixed = _pdf(tmp_path, section("INTRODUKTION"), section("Kulturfokus"))
    assert "heading case" in _rules(mixed)
    same = _pdf(tmp_path, section("INTRODUKTION"), section("KULTURFOKUS"))
    assert "heading case" not in _rules(same)


def test_running_text_across_the_whole_sheet(tmp_path: Path) -> None:
    wide = "Partnerskabsdannelse er en proces, hvor partnerne har brug for at oversætte {n}"
    wide += " hinandens ord"

    def report(canvas: Any) -> None:
        canvas.setFont(REGULAR, 10.5)
        for line in range(38):
            canvas.drawString(20 * mm, HEIGHT - (24 + line * 6) * mm, wide.format(n=line))

    assert "measure" in _rules(_pdf(tmp_path, report, _body))
    assert "measure" not in _rules(_pdf(tmp_path, _body, _body))


def _table(canvas: Any, top_mm: float, rows: int, header: bool = True) -> None:
    """A table as the pack rules it: bold labels over a heavy rule, rows under light ones."""
    y = HEIGHT - top_mm * mm
    if header:
        canvas.setFont(BOLD, 9)
        for x, label in ((20, "Navn"), (80, "Organisation"), (140, "Underskrift")):
            canvas.drawString(x * mm, y, label)
        canvas.setLineWidth(1)
        canvas.line(18 * mm, y - 2 * mm, 192 * mm, y - 2 * mm)
    canvas.setLineWidth(0.5)
    for row in range(rows):
        canvas.line(18 * mm, y - (16 + 14 * row) * mm, 192 * mm, y - (16 + 14 * row) * mm)


def test_a_table_header_at_the_foot_of_a_page(tmp_path: Path) -> None:
    def foot(canvas: Any) -> None:
        _body(canvas, 36)
        _table(canvas, 246, 1)

    def rest(canvas: Any) -> None:
        _table(canvas, 24, 10)
        _body_at(canvas, 180, 10)

    assert "table split" in _rules(_pdf(tmp_path, foot, rest))


def test_a_tables_last_row_alone_under_its_header(tmp_path: Path) -> None:
    def most(canvas: Any) -> None:
        _table(canvas, 24, 16)

    def last(canvas: Any) -> None:
        _table(canvas, 24, 1)
        _body_at(canvas, 60, 30)

    assert "table split" in _rules(_pdf(tmp_path, most, last))
    assert "table split" not in _rules(_pdf(tmp_path, most, _page(_table_page(4))))


def _table_page(rows: int) -> Callable[[Any], None]:
    def draw(canvas: Any) -> None:
        _table(canvas, 24, rows)
        _body_at(canvas, 40 + 14 * rows, 25)

    return draw


def _signatures(canvas: Any, names: list[str], top_mm: float) -> None:
    """Names, each small over the line it is signed on."""
    canvas.setLineWidth(0.5)
    for index, name in enumerate(names):
        y = HEIGHT - (top_mm + index * 14) * mm
        canvas.setFont(REGULAR, 9)
        canvas.drawString(20 * mm, y, name)
        canvas.line(18 * mm, y - 9 * mm, 120 * mm, y - 9 * mm)


def test_a_signature_block_split_across_pages(tmp_path: Path) -> None:
    names = [f"Partner {n}" for n in range(11)]

    def three(canvas: Any) -> None:
        _body(canvas, 34)
        _signatures(canvas, names[:3], 232)

    def eight(canvas: Any) -> None:
        _signatures(canvas, names[3:], 24)

    assert "block split" in _rules(_pdf(tmp_path, three, eight))

    def whole(canvas: Any) -> None:
        _body_at(canvas, 24, 20)
        _signatures(canvas, names, 150)

    assert "block split" not in _rules(_pdf(tmp_path, _body, whole))


def test_a_steps_time_at_the_foot_without_its_text(tmp_path: Path) -> None:
    def time_only(canvas: Any) -> None:
        _body(canvas, 39)
        canvas.setFont(BOLD, 10.5)
        canvas.drawString(20 * mm, HEIGHT - 262 * mm, "15.30–15.45")

    assert "side column alone" in _rules(_pdf(tmp_path, time_only, _body))
    assert "side column alone" not in _rules(_pdf(tmp_path, _body, _body))


def test_a_side_cue_beside_its_text_or_its_picture_is_not_alone(tmp_path: Path) -> None:
    """A page may end with the side column's last lines when what they go with is beside
    them on the page: a step's text level with its date (the report's next steps), or the
    picture a caption is set beside (the report's photos)."""

    def date_and_area(canvas: Any) -> None:
        _body(canvas, 38)
        canvas.setFont(BOLD, 10.5)
        canvas.drawString(20 * mm, HEIGHT - 256 * mm, "Friday, 23 April")
        canvas.setFont(REGULAR, 10.5)
        canvas.drawString(74 * mm, HEIGHT - 256 * mm, "Finds out whether the rules allow it")
        canvas.setFont(REGULAR, 9)
        canvas.drawString(20 * mm, HEIGHT - 260.5 * mm, "OBSTACLES")

    assert "side column alone" not in _rules(_pdf(tmp_path, date_and_area, _body))

    def caption(canvas: Any) -> None:
        _body(canvas, 20)
        image = tmp_path / "board.png"
        from PIL import Image

        Image.new("RGB", (40, 30), "green").save(image)
        canvas.drawImage(str(image), 74 * mm, HEIGHT - 262 * mm, 100 * mm, 75 * mm)
        canvas.setFont(REGULAR, 9)
        for line in range(4):
            canvas.drawString(20 * mm, HEIGHT - (192 + 4 * line) * mm, f"caption {line}")

    assert "side column alone" not in _rules(_pdf(tmp_path, caption, _body))

    def cue_alone(canvas: Any) -> None:  # the same cue with its text on the next page
        _body(canvas, 38)
        canvas.setFont(BOLD, 10.5)
        canvas.drawString(20 * mm, HEIGHT - 256 * mm, "Friday, 23 April")
        canvas.setFont(REGULAR, 9)
        canvas.drawString(20 * mm, HEIGHT - 260.5 * mm, "OBSTACLES")

    assert "side column alone" in _rules(_pdf(tmp_path, cue_alone, _body))
