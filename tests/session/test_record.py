"""The record's file: written and read back the same, whatever is typed into it; and a bad
record told with its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.core.errors import UserError
from workbook.session.record import Decision, NextStep, Photo, Record, parse_record, record_text

# What people type: letters of several scripts, digits, punctuation, quotes, colons and
# hashes (which YAML must quote), line breaks inside a text; at least one visible letter.
_CHARS = st.characters(
    codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029\x85"
)
texts = (
    st.text(_CHARS, min_size=1, max_size=60)
    .map(str.strip)
    .filter(lambda s: any(c.isalnum() for c in s))
)
long_texts = st.lists(texts, min_size=1, max_size=3).map("\n\n".join)
whens = st.one_of(
    st.none(),
    st.dates(dt.date(1990, 1, 1), dt.date(2990, 12, 31)),
    texts.filter(lambda s: not s[:4].isdigit()),
)
steps = st.builds(NextStep, who=texts, what=long_texts, when=whens)
records = st.builds(
    Record,
    ambitions=st.dictionaries(st.sampled_from(["ambition", "contribution", "scaling"]), long_texts),
    next_steps=st.dictionaries(
        st.sampled_from(["relations_resources", "obstacles", "concept_development"]),
        st.lists(steps, min_size=1, max_size=4),
    ),
    documentation=st.lists(st.builds(Decision, question=texts, decision=long_texts), max_size=3),
    agreed=st.lists(texts, max_size=4),
    photos=st.lists(
        st.builds(Photo, file=texts.map(lambda s: f"photos/{s}.jpg"), caption=st.none() | texts),
        max_size=3,
    ),
)


@given(records)
def test_a_record_written_reads_back_the_same(record: Record) -> None:
    text = record_text(record, "The record of a test.\nSecond line.")
    assert text.startswith("# The record of a test.\n# Second line.\n")
    assert parse_record(text, Path("record.yaml")) == record


def test_a_bad_record_is_told_with_its_line() -> None:
    text = "agreed:\n  - Mads\nnext_steps:\n  obstacles:\n    - who: Mads\n      wen: 2027-04-01\n"
    with pytest.raises(UserError) as caught:
        parse_record(text, Path("record.yaml"))
    rendered = "\n".join(problem.render() for problem in caught.value.problems)
    assert "record.yaml:6" in rendered and "wen" in rendered
    assert "record.yaml:5" in rendered and "what' is missing" in rendered


def test_a_date_typed_as_text_is_a_date() -> None:
    step = NextStep(who="A", what="B", when="2027-04-01")
    assert step.date == dt.date(2027, 4, 1)
    assert NextStep(who="A", what="B", when="after Easter").date is None
