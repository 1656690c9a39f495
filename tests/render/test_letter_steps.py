"""The invitation letter's last steps of giving way, reached for real and read back.

The stress corpus's fullest session (twelve partners at every maximum, three days) on
Letter paper, with its texts at the limits before issue 25, needs a brief
programme; at today's limits, or with a longer programme than any letter can print, the
programme stays out of the letter, and page 1 says so. Either way the letter is two pages,
its signature on page 1 and the reply slip with writing boxes of at least 30 mm on page 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml

from tests.layout_check import Expect, read_pdf
from workbook.app.invitations import make_invitations
from workbook.language.loading import load_content
from workbook.render.layout import load_layout
from workbook.session.model import MAX_DAYS

FULLEST = Path(__file__).resolve().parent.parent / "data" / "stress" / "da-everything-a4.yaml"


def _ui(key: str) -> str:
    return load_content("da").ui.get(key)


def _pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def _one_partner(folder: Path, **changes: Any) -> Path:
    """The fullest session with its first partner only (the letters differ in names alone)."""
    data = yaml.safe_load(FULLEST.read_text("utf-8"))
    data = {**data, "partners": data["partners"][:1], **changes}
    path = folder / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _letter(session: Path, paper: str) -> Path:
    result = make_invitations(session, session.parent / f"letters-{paper}", paper=paper)
    assert len(result.letters) == 1
    return result.letters[0]


def _holds(letter: Path, texts: list[str]) -> None:
    """Two pages that pass the layout check, the signature on page 1, the reply slip and
    four writing boxes with the room to answer in on page 2."""
    # a letter keeps a business letter's measure and its own headings (tests/render/test_layout)
    reading = read_pdf(letter, Expect(pages=2, ignore={"measure", "heading case"}))
    assert reading.faults == []
    boxes = reading.boxes[1]
    regards, reply = _ui("letter.regards"), _ui("letter.reply")
    assert regards in texts[0] and "Anne-Mette Holmgaard-Christoffersen" in texts[0]
    assert reply in texts[1].splitlines() and regards not in texts[1]
    least = float(load_layout().value("letter", "answer_target_mm"))
    assert len(boxes) == 4 and min(boxes) >= least - 0.1, boxes


# the texts at the limits before issue 25 (title, venue, host, facilitator, partner, parts)
EARLIER: dict[str, Any] = yaml.safe_load(
    (FULLEST.parent.parent / "letters" / "fullest-before-issue-25.yaml").read_text("utf-8")
)


def test_the_fullest_session_on_letter_paper_gets_a_brief_programme(tmp_path: Path) -> None:
    letter = _letter(_one_partner(tmp_path, **EARLIER), "letter")
    texts = _pages(letter)
    _holds(letter, texts)
    first = texts[0]
    # the programme is on page 1, each part with its start alone
    assert _ui("letter.programme") in first.split()
    assert "11.43 Afrunding" in first and "11.43–11.55" not in first
    assert "Rundvisning i produktionskøkkenet" in first
    assert _ui("letter.programme_apart") not in " ".join(first.split())
    # on A4 the same letter keeps the programme's clock spans: the brief step is the last resort
    a4 = _pages(_letter(_one_partner(tmp_path, **EARLIER), "a4"))[0]
    assert "11.43–11.55" in a4


def test_the_fullest_session_at_todays_limits_on_letter_paper_keeps_the_programme_apart(
    tmp_path: Path,
) -> None:
    letter = _letter(_one_partner(tmp_path), "letter")
    texts = _pages(letter)
    _holds(letter, texts)
    assert _ui("letter.programme") not in texts[0].split()
    assert _ui("letter.programme_apart") in " ".join(texts[0].split())


def _days(count: int) -> list[Any]:
    """A programme of ``count`` days, each with five parts of the longest kind."""
    agenda: list[Any] = []
    for number in range(count):
        if number:
            agenda.append({"day": (dt.date(2027, 3, 4) + dt.timedelta(days=number)).isoformat()})
        agenda += [
            {
                "title": f"Arbejdsgruppe {number + 1}.{part}: sæsonens råvarer i skolens køkken",
                "minutes": 45,
            }
            for part in range(1, 6)
        ]
    return agenda


@pytest.mark.parametrize(
    ("paper", "days"), [("letter", 1), ("letter", 4), ("letter", MAX_DAYS), ("a4", MAX_DAYS)]
)
def test_a_programme_of_up_to_a_week_keeps_the_letter_two_pages_that_say_true(
    tmp_path: Path, paper: str, days: int
) -> None:
    """On page 1 the whole programme, or none of it and a sentence that says so; either way
    every day with its times in the details. (The longest session validation allows, with
    every field at its longest: the details list the days one a line.)"""
    letter = _letter(_one_partner(tmp_path, agenda=_days(days)), paper)
    texts = _pages(letter)
    _holds(letter, texts)
    first = " ".join(texts[0].split())
    last_day = dt.date(2027, 3, 4) + dt.timedelta(days=days - 1)
    assert f"{last_day.day}. marts 2027" in first
    parts = [f"Arbejdsgruppe {day}.{part}:" for day in range(1, days + 1) for part in range(1, 6)]
    apart = _ui("letter.programme_apart") in first
    assert apart == (days > 1)  # five parts of two lines a day: the second day is too many
    if apart:
        assert _ui("letter.programme") not in texts[0].split()
        assert not any(part in text for part in parts for text in texts)
    else:
        assert _ui("letter.programme") in texts[0].split()
        assert all(part in first for part in parts)


STRESS = FULLEST.parent
CORPUS = sorted(p for p in STRESS.glob("*.yaml") if not p.name.endswith(".replies.yaml"))


@pytest.mark.parametrize("source", CORPUS, ids=lambda path: path.stem)
def test_fillable_letters_with_their_reply_by_date_stay_two_pages(
    source: Path, tmp_path: Path
) -> None:
    """The fillable letters (the ones drafts attach: a radio group, a hidden identifier,
    the reply-by date in the details and on the slip) on the paper each corpus file names:
    two pages each, every field on page 2."""
    from pypdf import PdfReader

    paper = source.stem.rsplit("-", 1)[1]
    made = make_invitations(
        source, tmp_path / "letters", combined=tmp_path / "all.pdf", fillable=True, paper=paper
    )
    reader = PdfReader(tmp_path / "all.pdf")
    assert len(reader.pages) == 2 * len(made.letters)
    language = yaml.safe_load(source.read_text("utf-8")).get("language", "da")
    reply_by = load_content(language).ui.get("letter.reply_by")
    for index in range(len(made.letters)):
        first, second = reader.pages[2 * index], reader.pages[2 * index + 1]
        assert reply_by in " ".join((first.extract_text() or "").split())
        assert "/Annots" not in first and len(second["/Annots"]) > 10
