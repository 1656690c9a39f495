"""The footer's text fitted to its line: the session's title shortened at a word boundary,
never the dates, a partner's name or an organisation; drawn for real and read back."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from workbook.render.document import draw_footer, make_context, shorten_around
from workbook.render.fonts import REGULAR
from workbook.render.layout import load_layout

DATE = "torsdag den 4. marts 2027"
SIZE = 9.0
WORDS = st.text(alphabet="abcdefghijklmnoprstuvwxyzæøåABCDEFGHIJKLMNOPRSTUVWXYZÆØÅ-,", min_size=1)


def _canvas() -> Canvas:
    make_context(load_layout())  # registers the fonts
    return Canvas(io.BytesIO())


@given(
    title=st.lists(WORDS.filter(lambda w: w.strip("-,")), min_size=1, max_size=40).map(" ".join),
    width=st.floats(120, 500),
)
def test_a_long_title_gives_way_word_by_word_and_the_date_stays_whole(
    title: str, width: float
) -> None:
    canvas = _canvas()
    text = f"{title} · {DATE}"
    shown = shorten_around(canvas, text, DATE, width, SIZE)
    assert DATE in shown
    assert canvas.stringWidth(shown, REGULAR, SIZE) <= width
    if shown != text:
        head = shown.removesuffix(DATE).rstrip(" ·")
        if head:  # the title's first words, whole, then the ellipsis
            assert head.endswith("…")
            kept = head.removesuffix("…")
            rest = title[len(kept) :]
            assert title.startswith(kept) and (rest[:1] in (" ", ",", "-") or not rest)


def test_a_letters_footer_keeps_the_name_and_the_date_and_lets_the_subject_go() -> None:
    canvas = _canvas()
    name = "Ahmed Mustafa Yilmaz-Kristensen Bødker-Nørregaard Ravnsbæk-Wamberg-Holmgaard Mou"
    text = f"Invitation til partnerskabssession · 4.–8. mar. 2027 · {name}"
    width = canvas.stringWidth(f"Invitation til… · 4.–8. mar. 2027 · {name}", REGULAR, SIZE)
    shown = shorten_around(canvas, text, ("4.–8. mar. 2027", name), width, SIZE)
    assert shown == f"Invitation til… · 4.–8. mar. 2027 · {name}"
    narrower = shorten_around(canvas, text, ("4.–8. mar. 2027", name), width - 60, SIZE)
    assert narrower == f"4.–8. mar. 2027 · {name}"
    assert shorten_around(canvas, text, ("4.–8. mar. 2027", name), 100, SIZE, whole=True) is None


def test_when_the_kept_values_need_the_room_the_page_label_is_its_number_alone() -> None:
    """Drawn on an A4 page: a name of 80 wide characters beside the dates fills the line, so
    the label gives way to the bare number rather than the name to an ellipsis."""
    layout = load_layout()
    make_context(layout)
    name = "Ahmed Mustafa Yilmaz-Kristensen Bødker-Nørregaard Ravnsbæk-Wamberg-Holmgaard Mou"
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=layout.paper)
    text = f"Invitation til partnerskabssession · 4.–8. mar. 2027 · {name}"
    draw_footer(canvas, layout, text, "Side 2", ("4.–8. mar. 2027", name), "2")
    canvas.showPage()
    canvas.save()
    line = " ".join((PdfReader(out).pages[0].extract_text() or "").split())
    assert name in line and "4.–8. mar. 2027" in line and "…" not in line
    assert line.endswith(" 2") and "Side" not in line
