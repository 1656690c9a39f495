"""A language's typography in the texts the tool composes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbook.core.typography import NO_BREAK, Rules, typeset
from workbook.language.loading import load_content
from workbook.plan.words import Words

DANISH = Rules("»«", "–", ("min.", "t", "mm"), ("kl.", "s."))


def test_units_and_the_words_before_numbers_never_part() -> None:
    assert typeset("Sammen (15 min.). Derefter", DANISH) == f"Sammen (15{NO_BREAK}min.). Derefter"
    assert typeset("kl. 9.00 og s. 19–30", DANISH) == f"kl.{NO_BREAK}9.00 og s.{NO_BREAK}19–30"
    assert typeset("1 t 30 min.", DANISH) == f"1{NO_BREAK}t 30{NO_BREAK}min."
    assert typeset("minutter", DANISH) == "minutter"  # a unit is a whole word
    assert typeset("15 minutter", DANISH) == "15 minutter"


def test_quotes_dashes_and_ranges() -> None:
    assert typeset('Partnerskab om "skolemad"', DANISH) == "Partnerskab om »skolemad«"
    assert typeset('a "b', DANISH) == 'a "b'  # an odd quote is left as typed
    assert typeset("materialerne - hvornår?", DANISH) == "materialerne – hvornår?"
    assert typeset("punkt 3-6 og 9.00-12.00", DANISH) == "punkt 3–6 og 9.00–12.00"
    # dates, codes and hyphenated words stay as typed
    for kept in ("2027-03-04", "+45 12-34-56-78", "post-its", "CO2-neutral", "A-1"):
        assert typeset(kept, DANISH) == kept


@given(st.text(max_size=60))
def test_typesetting_only_swaps_characters_never_loses_text(text: str) -> None:
    out = typeset(text, DANISH)
    assert len(out) == len(text)
    assert typeset(out, DANISH) == out  # once is enough


def test_each_language_sets_its_own_composed_texts() -> None:
    danish, english = Words(load_content("da")), Words(load_content("en"))
    assert danish.duration(90) == f"1{NO_BREAK}t 30{NO_BREAK}min."
    assert english.duration(90) == f"1{NO_BREAK}h 30{NO_BREAK}min"
    assert danish.text('om "skolemad"') == "om »skolemad«"
    assert english.text('on "school meals"') == "on “school meals”"
