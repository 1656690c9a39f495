"""The words partners and facilitators receive, read back from the rendered example packs,
letters and programme in both languages: each fault the December 2026 review found
(issue 26) fails here if it comes back, and the guide's passages must be in print.

One rendering per language, shared by every assertion (module-scoped)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, normalise, pdf_lines, pdf_text
from workbook.cli import app
from workbook.language.loading import load_content


class Printed:
    def __init__(self, folder: Path) -> None:
        self.pack_pages = pdf_text(folder / "pack.pdf")
        self.letters_pages = pdf_text(folder / "letters.pdf")
        self.agenda_pages = pdf_text(folder / "agenda.pdf")
        self.lines = [
            line
            for name in ("pack.pdf", "letters.pdf", "agenda.pdf")
            for page in pdf_lines(folder / name)
            for line in page
        ]
        self.pack = " ".join(self.pack_pages)
        self.letters = " ".join(self.letters_pages)
        self.agenda = " ".join(self.agenda_pages)
        self.all = " ".join((self.pack, self.letters, self.agenda))

    def words(self) -> str:
        """All the text, without what is code rather than words: file names, options."""
        text = re.sub(r"\S+\.pdf|--boards\S*|workbook \w+", " ", self.all)
        return text


def _render(folder: Path, example: str) -> Printed:
    session = folder / "session.yaml"
    shutil.copy(REPO / "examples" / example, session)
    runner = CliRunner()
    for args in (
        ["pack", session, "-o", folder / "pack.pdf", "--split"],
        ["invitations", session, "-o", folder / "letters", "--combined", folder / "letters.pdf"],
        ["agenda", session, "-o", folder / "agenda.pdf"],
    ):
        result = runner.invoke(app, [str(a) for a in args])
        assert result.exit_code == 0, result.output
    return Printed(folder)


@pytest.fixture(scope="module")
def danish(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return _render(tmp_path_factory.mktemp("da"), "session.yaml")


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return _render(tmp_path_factory.mktemp("en"), "session.en.yaml")


# (what must never print, why) - the review's Danish errors, drift and tone
DANISH_FAULTS = [
    ("Aftalt den torsdag", "'den' twice before the date on the record"),
    ("sine interesser", "reflexive 'sine' with a plural subject (every letter)"),
    ("boards må fotograferes", "photos of the boards 'photographed'"),
    ("Nederst på siden finder du", "the reply slip is on page 2"),
    ("Hansson, Københavns Universitet", "places all three authors at the university"),
    ("Udviklet i forskningsprojektet", "reads as if this pack was developed there"),
    ("om »Partnerskab", "'partnerskabssession om »Partnerskab om ...«'"),
    ("materialerne - hvornår", "a hyphen typed for a dash"),
    ("min..", "a double stop after minutes"),
    ("Trin i hver dialog", "the model's stages are faser"),
    ("hver i tre trin", "the model's stages are faser"),
    ("Dagsorden", "the participants' handout is 'Program'"),
    ("guidens dag", "'vejledningens dag'"),
    ("Skriv under, når du ankommer", "the sign-in sheet welcomes"),
    ("Pakken", "'Materialet', not the copied 'pack'"),
    ("denne pakke", "'Materialet', not the copied 'pack'"),
    ("{{", "a placeholder left unfilled"),
    ("plads til 1 post-its", "one post-it, singular"),
]

ENGLISH_FAULTS = [
    ("towards forming the partnership", "assumes the partnership will be formed"),
    ("Decide what should happen", "'tage stilling til' is to consider"),
    ("OUR INTERACTION AMBITION", "translationese"),
    ("How far along the way", "translationese"),
    ("changeover", "translationese"),
    ("ambition for change", "the glossary's term is 'change ambition'"),
    ("ambitions for change", "the glossary's term is 'change ambition'"),
    ("Sketch an agreement", "the glossary's term is 'outline agreement'"),
    ("in the first place", "'Som udgangspunkt' is 'As a rule'"),
    ("Here you place", "template definitions are noun phrases"),
    ("Dear Mads", "reads like a mail merge"),
    ("»", "Danish guillemets in English"),
    ("«", "Danish guillemets in English"),
    ('"', "straight quotes in print"),
    ("{{", "a placeholder left unfilled"),
    ("room for 1 post-its", "one post-it, singular"),
]


@pytest.mark.parametrize(("fault", "why"), DANISH_FAULTS, ids=[f for f, _ in DANISH_FAULTS])
def test_danish_faults_stay_fixed(danish: Printed, fault: str, why: str) -> None:
    assert fault not in danish.all, why


@pytest.mark.parametrize(("fault", "why"), ENGLISH_FAULTS, ids=[f for f, _ in ENGLISH_FAULTS])
def test_english_faults_stay_fixed(english: Printed, fault: str, why: str) -> None:
    assert fault not in english.all, why


def test_no_anglicism_board_in_danish_print(danish: Printed) -> None:
    assert not re.search(r"\bboard", danish.words(), re.IGNORECASE)


def test_no_board_or_agenda_in_english_print(english: Printed) -> None:
    words = english.words()
    assert not re.search(r"\bboards?\b", words, re.IGNORECASE)  # template / poster
    assert not re.search(r"\bAgenda\b", words)  # the handout is the Programme


def test_english_minutes_take_no_stop(english: Printed) -> None:
    # "min." only where a sentence ends on it
    assert not re.search(r"\d min\.(?!\s+[A-Z“])", english.all)


def test_the_guide_has_no_english_title(english: Printed) -> None:
    """Named by its Danish title with the rendering in brackets, never as if published."""
    title = "Partnerships for Sustainable Transition"
    for found in re.finditer(re.escape(title), english.all):
        before = english.all[max(0, found.start() - 2) : found.start()]
        assert before.endswith("("), english.all[found.start() - 60 : found.end() + 5]


def test_the_letter_asks_rather_than_commands(danish: Printed, english: Printed) -> None:
    for command in ("Undersøg ", "Afklar ", "Tag stilling til", "reflekterede beslutningsmandat"):
        assert command not in danish.letters
    assert "Vi vil gerne bede dig om at" in danish.letters
    for command in ("Look into", "Clarify ", "Decide "):
        assert command not in english.letters


def test_a_number_and_its_unit_never_part(danish: Printed, english: Printed) -> None:
    """'15 min.' on one line: no line ends in a number whose unit starts the next one."""
    for printed, unit in ((danish, r"(min\.|t\b)"), (english, r"(min\b|h\b)")):
        for line, after in zip(printed.lines, printed.lines[1:], strict=False):
            assert not (re.search(r"\d$", line) and re.match(unit, after)), (line, after)


def test_the_guides_passages_are_printed_for_the_facilitator(danish: Printed) -> None:
    content = load_content("da")
    process = content.process
    pack = danish.pack_pages
    passages = [
        *process.introduction,
        *(getattr(process.dialogues, key).explanation for key in ("ambition", "scaling")),
        content.parts.whole_session.intro[0],
        content.invitation.mandate.paragraphs[1],  # "Et overblik over beslutningskraften ..."
        content.invitation.resources.text,
        content.invitation.documentation.text,
        content.guide.purpose[0],
        *(author.bio for author in content.guide.authors),
    ]

    def plain(text: str) -> str:  # as typed: printed ranges take a dash ("punkt 3–6")
        return normalise(text).replace("–", "-")

    text = plain(danish.pack)
    for passage in passages:
        assert plain(passage) in text, passage[:60]
    assert "Partnerskabelse skal forstås bogstaveligt" in danish.pack
    # beside the figure, the whole session before the agenda, the invitation in planning
    figure = next(i for i, p in enumerate(pack) if "Figur 1: Procesmodel" in p)
    assert "Partnerskabelse skal forstås bogstaveligt" in pack[figure + 1]
    whole = next(i for i, p in enumerate(pack) if "SAMLET PARTNERSKABSSESSION" in p)
    agenda = next(i for i, p in enumerate(pack) if "Tid Programpunkt Formål" in p)
    assert whole < agenda
    planning = next(i for i, p in enumerate(pack) if "FRISTER, TALT BAGLÆNS" in p)
    advice = next(i for i, p in enumerate(pack) if "Et overblik over beslutningskraften" in p)
    guide = next(i for i, p in enumerate(pack) if "PRINTGUIDE" in p)
    assert planning <= advice <= guide
    assert "Send invitationerne senest" in pack[advice] + pack[advice + 1]  # it runs on


def test_the_record_lists_who_was_present_without_signatures(danish: Printed) -> None:
    record = next(p for p in danish.pack_pages if "Til stede torsdag den 4. marts 2027:" in p)
    assert "Mads Kristensen · Sofie Jensen · Ahmed Yilmaz" in record
    assert "Også til stede:" in record
    assert "Underskrift" not in record and "Aftalt" not in record


def test_no_deadline_falls_on_a_weekend(tmp_path: Path) -> None:
    """A Monday session: 2 and 5 days before are Saturday and Wednesday; the print deadline
    moves to the Friday before."""
    session = tmp_path / "session.yaml"
    text = (REPO / "examples" / "session.yaml").read_text("utf-8")
    session.write_text(text.replace("date: 2027-03-04", "date: 2027-03-08"), "utf-8")
    result = CliRunner().invoke(app, ["pack", str(session), "-o", str(tmp_path / "p.pdf")])
    assert result.exit_code == 0, result.output
    planning = next(p for p in pdf_text(tmp_path / "p.pdf") if "FRISTER, TALT BAGLÆNS" in p)
    deadlines = planning.split("FRISTER, TALT BAGLÆNS FRA SESSIONEN")[1][:400]
    assert "lørdag" not in deadlines and "søndag" not in deadlines
    assert "fredag den 5. marts 2027 Print og pak materialerne" in deadlines
