"""A session's own: parts with purpose, materials and steps, and the letter's own words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from workbook.core.errors import UserError
from workbook.session.model import Session, load_session
from workbook.session.schedule import build_schedule
from workbook.session.timing import load_timing

BASE = {
    "date": "2027-03-04",
    "start": "09:00",
    "venue": "V",
    "facilitator": {"name": "F"},
    "partners": [{"name": "P", "organisation": "O"}],
}
TOUR = {
    "title": "Rundvisning",
    "minutes": 30,
    "purpose": "At se køkkenet",
    "materials": "Hårnet",
    "steps": [
        {"text": "Mød køkkenlederen", "minutes": 5},
        "Gå rundt",
        {"text": "Tak", "minutes": 5},
    ],
}


def test_a_part_of_ones_own_has_its_steps_on_the_clock() -> None:
    session = Session.model_validate({**BASE, "agenda": ["opening", TOUR]})
    slot = build_schedule(session, load_timing()).slots[1]
    assert slot.custom is not None and slot.custom.purpose == "At se køkkenet"
    assert [step.text for step in slot.custom.steps] == ["Mød køkkenlederen", "Gå rundt", "Tak"]
    times = [(s.start.time(), s.end.time(), s.minutes) for s in slot.steps]
    assert times == [
        (dt.time(9, 10), dt.time(9, 15), 5),
        (dt.time(9, 15), dt.time(9, 15), None),  # a step without minutes takes no time
        (dt.time(9, 15), dt.time(9, 20), 5),
    ]


def test_steps_longer_than_their_part_are_a_problem_at_its_entry() -> None:
    tour = {**TOUR, "steps": [{"text": "Gå rundt", "minutes": 40}]}
    session = Session.model_validate({**BASE, "agenda": ["opening", tour]})
    with pytest.raises(UserError) as caught:
        build_schedule(session, load_timing())
    (problem,) = caught.value.problems
    assert problem.field == "agenda.1"
    assert problem.message == "the steps of 'Rundvisning' take 40 minutes, more than the part's 30"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"steps": [{"text": ""}]}, "at least 1 character"),
        ({"steps": [{"text": "x", "minutes": 0}]}, "greater than 0"),
        ({"steps": [{"text": "x", "when": 5}]}, "Extra inputs"),
        ({"purpose": "x" * 601}, "at most 600"),
        ({"steps": ["x"] * 21}, "at most 20"),
    ],
)
def test_a_part_of_ones_own_is_checked_like_the_rest(
    change: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Session.model_validate({**BASE, "agenda": [{**TOUR, **change}]})


def test_the_letters_own_words_follow_the_languages_template_policy() -> None:
    fine = {"opening": "Kære {{ name }}{% if title %}, om {{ title }}{% endif %}", "closing": "Hej"}
    assert Session.model_validate({**BASE, "letter": fine}).letter is not None
    for text, message in (
        ("Kære {{ partner }}", "uses {{ partner }}, which the letter cannot fill in"),
        ("Kære {{ name | upper }}", "a filter"),
        ("Kære {{ name", "broken placeholder"),
        ("{% for p in name %}x{% endfor %}", "a loop"),
    ):
        with pytest.raises(ValidationError, match=message.replace("{", "\\{").replace("|", "\\|")):
            Session.model_validate({**BASE, "letter": {"opening": text}})
    with pytest.raises(ValidationError, match="Extra inputs"):
        Session.model_validate({**BASE, "letter": {"greeting": "Hej"}})


def test_a_letter_problem_is_told_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "session.yaml"
    path.write_text(
        "date: 2027-03-04\nstart: '09:00'\nvenue: V\nfacilitator: {name: F}\n"
        "partners: [{name: P, organisation: O}]\nletter:\n  opening: 'Kære {{ partner }}'\n",
        "utf-8",
    )
    with pytest.raises(UserError) as caught:
        load_session(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (7, "letter.opening")
