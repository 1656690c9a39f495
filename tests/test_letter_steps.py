"""The invitation letter's last steps of giving way, reached for real and read back.

The stress corpus's fullest session (twelve partners at every maximum, three days) on
Letter paper needs page 1's last step but one: a brief programme. A session with a longer
programme than any letter can print needs the last: the programme stays out of the letter,
and page 1 says so. Either way the letter is two pages, its signature on page 1 and the
reply slip with writing boxes of at least 30 mm on page 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml

from tests.layout_check import Expect, read_pdf
from workbook.content import load_content
from workbook.invitations import make_invitations
from workbook.render.layout import load_layout

FULLEST = Path(__file__).resolve().parent / "data" / "stress" / "da-everything-a4.yaml"


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
    reading = read_pdf(letter, Expect(pages=2))
    assert reading.faults == []
    boxes = reading.boxes[1]
    regards, reply = _ui("letter.regards"), _ui("letter.reply")
    assert regards in texts[0] and "Anne-Mette Holmgaard-Christoffersen" in texts[0]
    assert reply in texts[1].splitlines() and regards not in texts[1]
    least = float(load_layout().value("letter", "answer_target_mm"))
    assert len(boxes) == 4 and min(boxes) >= least - 0.1, boxes


def test_the_fullest_session_on_letter_paper_gets_a_brief_programme(tmp_path: Path) -> None:
    letter = _letter(_one_partner(tmp_path), "letter")
    texts = _pages(letter)
    _holds(letter, texts)
    first = texts[0]
    # the programme is on page 1, each part with its start alone
    assert _ui("letter.programme") in first.split()
    assert "11.43 Afrunding" in first and "11.43–11.55" not in first
    assert "Rundvisning i produktionskøkkenet" in first
    assert _ui("letter.programme_apart") not in " ".join(first.split())
    # on A4 the same letter keeps the programme's clock spans: the brief step is the last resort
    a4 = _pages(_letter(_one_partner(tmp_path), "a4"))[0]
    assert "11.43–11.55" in a4


def _long_agenda() -> list[Any]:
    """The fullest session's agenda and three more days, each with five parts of its own."""
    agenda = yaml.safe_load(FULLEST.read_text("utf-8"))["agenda"]
    for number in range(3):
        agenda.append({"day": (dt.date(2027, 3, 9) + dt.timedelta(days=number)).isoformat()})
        agenda += [
            {
                "title": f"Arbejdsgruppe {number + 1}.{part}: sæsonens råvarer i skolens køkken",
                "minutes": 45,
            }
            for part in range(1, 6)
        ]
    return agenda


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_programme_too_long_for_any_letter_stays_out_and_page_one_says_so(
    tmp_path: Path, paper: str
) -> None:
    letter = _letter(_one_partner(tmp_path, agenda=_long_agenda()), paper)
    texts = _pages(letter)
    _holds(letter, texts)
    first = " ".join(texts[0].split())
    assert _ui("letter.programme_apart") in first
    assert _ui("letter.programme") not in texts[0].split()
    # no part of the programme on either page, but each day with its times in the details
    assert not any("Arbejdsgruppe" in text for text in texts)
    assert "11. marts 2027" in first
