"""The report for the partners (``workbook report``) and the follow-up's review sheet on the
pack's page system, judged on a hard report (tests/app/hard_report.py: twelve partners at the
long limits, a full record, twelve photos) in Danish and English, on A4 and Letter: the
automatic layout check with every rule, and what the check cannot see read back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from tests.app.hard_report import SOURCES, write_hard_report
from tests.conftest import pdf_text
from tests.layout_check import Expect, check_pdf
from workbook.app.follow_up import make_follow_up
from workbook.app.options import PrintOptions
from workbook.app.pack import make_pack
from workbook.app.prepare import prepare
from workbook.app.report import make_report
from workbook.plan.words import Words
from workbook.render.layout import load_layout
from workbook.session.record import Record

CASES = [("da", "a4"), ("da", "letter"), ("en", "a4"), ("en", "letter")]


@dataclass(frozen=True)
class Made:
    session: Path
    pdf: Path
    record: Record
    names: list[str]
    dates: str
    emails: list[str]  # the facilitator's, among the facts: never broken across lines


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Made]:
    made = {}
    for language, paper in CASES:
        folder = tmp_path_factory.mktemp(f"report-{language}-{paper}")
        session = folder / "session.yaml"
        session.write_bytes(SOURCES[language].read_bytes())
        p = prepare(session, None, (), False, paper)
        record = write_hard_report(session, p.session, language)
        pdf = folder / "report.pdf"
        make_report(session, pdf, paper=paper)
        names = [partner.name for partner in p.session.partners]
        emails = [p.session.facilitator.email] if p.session.facilitator.email else []
        made[language, paper] = Made(
            session, pdf, record, names, Words(p.content).dates(p.schedule), emails
        )
    return made


@pytest.mark.parametrize(("language", "paper"), CASES)
def test_the_hard_report_passes_the_layout_check(
    reports: dict[tuple[str, str], Made], language: str, paper: str
) -> None:
    made = reports[language, paper]
    expect = Expect(whole=made.names, emails=made.emails, footer=[made.dates])
    faults = check_pdf(made.pdf, expect)
    assert not faults, "\n".join(str(f) for f in faults)


def test_the_report_is_set_on_the_packs_system(reports: dict[tuple[str, str], Made]) -> None:
    """An opening band with the three circles, headings by level, running heads that name
    the section continued, each ambition in its dialogue's colour, the text in the measure."""
    made = reports["en", "letter"]
    layout = load_layout(paper="letter")
    colours = {
        key: layout.colour(f"dialogues.{key}").rgb()
        for key in ("ambition", "contribution", "scaling")
    }
    with pdfplumber.open(made.pdf) as pdf:
        first = pdf.pages[0]
        assert len(first.curves) >= 3  # the opener's circles
        heads = [
            " ".join(w["text"] for w in page.extract_words() if w["bottom"] < 16 * 72 / 25.4)
            for page in pdf.pages
        ]
        assert heads[0] == ""  # the opening page has its own title, no head
        continued = [h for h in heads[1:] if h]
        assert continued and all(
            h.startswith("REPORT FROM THE PARTNERSHIP SESSION ·") for h in continued
        )
        assert any("NEXT STEPS BY OWNER AND DATE (CONTINUED)" in h for h in heads)
        words = [
            w
            for page in pdf.pages
            for w in page.extract_words(extra_attrs=["non_stroking_color", "size"])
        ]
    # each ambition's title in its dialogue's colour, at the sub-heading level
    shown: dict[tuple[float, ...], set[str]] = {}
    for w in words:
        if w["size"] > 10.9 and w["non_stroking_color"]:
            colour = tuple(round(float(c), 2) for c in w["non_stroking_color"])
            shown.setdefault(colour, set()).add(w["text"])
    expected = {"ambition": "CHANGE", "contribution": "WORKING", "scaling": "FAR"}
    for key, word in expected.items():
        colour = tuple(round(float(c), 2) for c in colours[key])
        assert word in shown.get(colour, set()), (key, shown.get(colour))


@pytest.mark.parametrize(("language", "paper"), CASES)
def test_an_agreement_keeps_its_owner_and_date_and_a_photo_its_caption(
    reports: dict[tuple[str, str], Made], language: str, paper: str
) -> None:
    made = reports[language, paper]
    pages = pdf_text(made.pdf)
    # each owner's name is on the page of their first step's text
    firsts: dict[str, str] = {}
    for _, step in made.record.steps():
        firsts.setdefault(step.who, step.what)
    for who, what in firsts.items():
        assert any(
            who in " ".join(page.split()) and what[:40] in " ".join(page.split()) for page in pages
        ), who
    # every photo on the page of its number and caption
    with pdfplumber.open(made.pdf) as pdf:
        label = "Billede" if language == "da" else "Photo"
        for number in range(1, 13):
            page = next(
                p
                for p in pdf.pages
                if f"{label.upper()} {number}\n" in (p.extract_text() or "") + "\n"
            )
            assert page.images, number
    # no step's date apart from its text: each dated step's date and text share a page
    for _, step in made.record.steps():
        if isinstance(step.when, dt.date):
            assert any(step.what[:30] in " ".join(p.split()) for p in pages)


def test_same_record_same_bytes(reports: dict[tuple[str, str], Made], tmp_path: Path) -> None:
    made = reports["da", "a4"]
    again = tmp_path / "again.pdf"
    make_report(made.session, again, paper="a4")
    assert again.read_bytes() == made.pdf.read_bytes()


def test_the_follow_ups_review_sheet_holds(
    reports: dict[tuple[str, str], Made], tmp_path: Path
) -> None:
    """The follow-up of the hard record: its review sheet lists 24 steps of long names over
    several pages, under a part's opening band, every page passing the layout check."""
    made = reports["en", "letter"]
    new = tmp_path / "next.yaml"
    make_follow_up(made.session, dt.date(2027, 5, 6), new)
    pack = make_pack(new, tmp_path / "next.pdf", options=PrintOptions(paper="letter"))
    faults = check_pdf(pack.output, Expect(whole=made.names, ends=pack.ends))
    assert not faults, "\n".join(str(f) for f in faults[:30])
    pages = pdf_text(pack.output)
    sheet = [i for i, page in enumerate(pages) if "Where are we?" in page]
    assert len(sheet) >= 2
    assert "REVIEW OF THE NEXT STEPS" in pages[sheet[0]]
    # a name breaks only after its own hyphens: every piece of it printed whole
    with pdfplumber.open(pack.output) as pdf:
        printed = {
            piece
            for i in sheet
            for w in pdf.pages[i].extract_words()
            for piece in w["text"].split("-")
        }
    for name in made.names:
        assert set(name.replace("-", " ").split()) <= printed, name
