"""A session's own words in its documents: run sheets for parts of one's own, and the
letter's own opening and closing, rendered and read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import pdf_text
from tests.layout_check import Expect, check_pdf

FULL = {
    "title": "Rundvisning i køkkenet",
    "minutes": 30,
    "purpose": "At se, hvordan maden laves.",
    "materials": "Hårnet til alle",
    "steps": [{"text": "Mød køkkenlederen ved indgangen", "minutes": 5}, "Gå rundt"],
}
PURPOSE_ONLY = {"title": "Kaffe og kage", "minutes": 20, "purpose": "At tale sammen uformelt."}
ONE_STEP = {"title": "Gåtur", "minutes": 15, "steps": ["En tur rundt om søen"]}
TITLE_ONLY = {"title": "Fotografering", "minutes": 10}


def test_parts_of_ones_own_get_run_sheets_like_the_guides(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    agenda = ["opening", FULL, "ambition", PURPOSE_ONLY, TITLE_ONLY, ONE_STEP, "closing"]
    session = write_session(agenda=agenda)
    out = tmp_path / "pack.pdf"
    result = cli("pack", session, "-o", out, "--boards", "none")
    assert result.exit_code == 0, result.output
    pages = pdf_text(out)
    own = [page for page in pages if "EGET PROGRAMPUNKT" in page]
    assert len(own) == 2  # the parts with steps: a title or a purpose alone is no run sheet
    tour, walk = own
    assert "RUNDVISNING I KØKKENET" in tour and "09.10–09.40" in tour
    assert "Formål At se, hvordan maden laves." in tour and "Materialer Hårnet til alle" in tour
    assert "TRIN FOR TRIN" in tour and "09.10–09.15 5 min." in tour and "Gå rundt" in tour
    assert "GÅTUR" in walk and "En tur rundt om søen" in walk and "Formål" not in walk
    # said when the pack is made: the purpose is not lost without a word
    assert "'Kaffe og kage' har et formål eller materialer, men ingen trin" in result.output
    assert not any("Fotografering" in page and "Varighed" in page for page in pages)
    # the print jobs' last pages, which may be short: from the pack as the command makes it
    from workbook.app.options import PrintOptions
    from workbook.app.pack import make_pack

    ends = make_pack(session, out, options=PrintOptions(boards="none"), write=False).ends
    expect = Expect(whole=["Rundvisning i køkkenet"], ends=ends)
    assert [str(f) for f in check_pdf(out, expect)] == []


def test_the_letters_own_opening_and_closing_for_every_partner(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    letter = {
        "opening": "Kære {{ name }} fra {{ organisation }}.\n\n"
        "{{ host }} glæder sig{% if title %} til »{{ title }}«{% endif %}.",
        "closing": "Vi ses!",
    }
    session = write_session(letter=letter)
    out = tmp_path / "letters"
    result = cli("invitations", session, "-o", out)
    assert result.exit_code == 0, result.output
    mads = pdf_text(out / "mads-kristensen.pdf")[0]
    sofie = pdf_text(out / "sofie-jensen.pdf")[0]
    assert "Kære Mads Kristensen fra Grønt Køkken ApS." in mads
    assert "Kære Sofie Jensen fra Københavns Kommune." in sofie
    assert "Københavns Kommune glæder sig til »Testsession«." in mads
    assert "Vi ses!" in mads and "Vi glæder os til at se dig." not in mads
    assert "inviterer dig som repræsentant" not in mads
    assert len(pdf_text(out / "mads-kristensen.pdf")) == 2  # still two pages


def test_the_longest_own_words_keep_the_letter_two_clean_pages(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    sentence = "Vi vil gerne samle de vigtigste aktører omkring skolemaden til en dag med dialog. "
    longest = (sentence * 20)[:1200].strip()  # the limit of the letter's own words
    session = write_session(letter={"opening": longest, "closing": longest})
    out = tmp_path / "letters"
    result = cli("invitations", session, "-o", out)
    assert result.exit_code == 0, result.output
    for letter in sorted(out.glob("*.pdf")):
        # a letter keeps a business letter's measure and headings (tests/render/test_layout)
        expect = Expect(pages=2, emails=["anne@example.dk"], ignore={"measure", "heading case"})
        faults = check_pdf(letter, expect)
        assert [str(fault) for fault in faults] == [], letter.name
