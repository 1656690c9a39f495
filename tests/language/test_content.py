"""Every language folder is complete and well formed; English has no Danish left over."""

from __future__ import annotations

import re

import pytest

from tests.conftest import pdf_text
from workbook.language.folders import discover
from workbook.language.loading import FILES, count_strings, fill_gaps, load_content, load_raw

LANGUAGES = sorted(discover())


@pytest.mark.parametrize("code", LANGUAGES)
def test_language_loads_without_falling_back(code: str) -> None:
    content = load_content(code)
    assert content.fallbacks.total == 0


def _keys(value: object, prefix: str = "") -> set[str]:
    if isinstance(value, dict):
        return {k for key, v in value.items() for k in _keys(v, f"{prefix}.{key}")} | {prefix}
    if isinstance(value, list) and all(isinstance(i, dict) and "key" in i for i in value):
        return {k for i in value for k in _keys(i, f"{prefix}[{i['key']}]")} | {prefix}
    return {prefix}


@pytest.mark.parametrize("code", LANGUAGES)
def test_language_has_every_key_of_the_reference(code: str) -> None:
    folders = discover()
    reference, other = load_raw(folders["da"]), load_raw(folders[code])
    for name in FILES:
        assert other[name] is not None, name
        assert _keys(reference[name].data) == _keys(other[name].data), name


def test_fill_gaps_takes_missing_strings_from_the_fallback() -> None:
    own = {"a": "eget", "items": [{"key": "x", "t": "X"}]}
    fallback = {"a": "A", "b": "B", "items": [{"key": "x", "t": "x"}, {"key": "y", "t": "y"}]}
    merged, filled = fill_gaps(own, fallback)
    assert merged == {
        "a": "eget",
        "b": "B",
        "items": [{"key": "x", "t": "X"}, {"key": "y", "t": "y"}],
    }
    assert filled == 1 + count_strings({"key": "y", "t": "y"})


DANISH = re.compile(r"[æøåÆØÅ]|\b(og|ikke|skal|hvordan|hvad|partnerskab\w*|vores|mellem)\b", re.I)
ALLOWED = ("Partnerskaber for bæredygtig omstilling", "Street Food om Søerne")


def test_english_pack_has_no_danish_left_over(write_session, cli, tmp_path) -> None:
    session = write_session(
        language="en",
        title="Test",
        venue="Hall",
        host=None,
        partners=[{"name": "Jo Smith", "organisation": "Acme"}],
        facilitator={"name": "Sam Lee"},
    )
    result = cli("pack", session, "-o", tmp_path / "en.pdf")
    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text(tmp_path / "en.pdf"))
    for allowed in ALLOWED:
        text = text.replace(allowed, "")
    assert DANISH.findall(text) == []
    assert "Thursday, 4 March 2027" in text  # CLDR en_GB, not a hand-made format
    assert "09:00–09:10" in text
