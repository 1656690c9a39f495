"""One string translated once: a text that names another reads it from its own language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.language.test_translation_check import edit, make_language
from workbook.core.errors import UserError
from workbook.language.loading import load_content
from workbook.language.references import resolve


def test_a_question_translated_once_reaches_every_title_that_repeats_it(tmp_path: Path) -> None:
    folder = make_language(tmp_path)
    edit(
        folder / "process.yaml",
        '"What will we partner on?"',
        '"Wokół czego zbudujemy partnerstwo?"',
    )
    edit(folder / "parts.yaml", 'label: "Sub-session 1:"', 'label: "Podsesja 1:"')
    content = load_content("xx", [tmp_path])
    ambition = content.parts.parts.ambition
    assert ambition.short_title == "Podsesja 1: Wokół czego zbudujemy partnerstwo?"
    assert ambition.title == "WOKÓŁ CZEGO ZBUDUJEMY PARTNERSTWO?"
    assert content.parts.whole_session.outline[2] == ambition.short_title
    # a reference that a translation lacks falls back, and still reads this language's text
    edit(folder / "parts.yaml", '    short_title: "{{ parts.parts.ambition.label }}', '    x: "')
    (folder / "parts.yaml").write_text(
        (folder / "parts.yaml").read_text("utf-8").replace('    x: "', "    # ", 1), "utf-8"
    )
    again = load_content("xx", [tmp_path])
    assert again.parts.parts.ambition.short_title == ambition.short_title


def test_the_shipped_languages_repeat_no_question_by_hand() -> None:
    for code in ("da", "en"):
        content = load_content(code)
        parts, dialogues = content.parts.parts, content.process.dialogues
        for key in ("ambition", "contribution", "scaling"):
            question = getattr(dialogues, key).question
            assert getattr(parts, key).short_title.endswith(question)
            assert getattr(parts, key).title == question.upper()
        assert parts.next_steps.title == content.next_steps.title
        assert "{{" not in str(content.parts.model_dump())


def test_a_reference_to_no_text_is_refused_with_the_likely_one(tmp_path: Path, cli) -> None:
    folder = make_language(tmp_path)
    edit(folder / "parts.yaml", "{{ next_steps.title }}", "{{ next_steps.titel }}")
    with pytest.raises(UserError) as caught:
        load_content("xx", [tmp_path])
    [problem] = caught.value.problems
    assert problem.field == "parts.next_steps.title"
    assert problem.file == folder / "parts.yaml" and problem.line is not None
    assert "{{ next_steps.titel }}" in problem.message
    assert "Did you mean 'next_steps.title'?" in (problem.hint or "")
    result = cli("check", "--lang", "xx", "--content", tmp_path)
    assert result.exit_code == 1 and "next_steps.titel" in result.output


def test_a_translation_may_write_the_words_out_instead(tmp_path: Path, cli) -> None:
    folder = make_language(tmp_path)
    edit(folder / "parts.yaml", '"{{ next_steps.title }}"', '"HOW DO WE GO ON?"')
    result = cli("check", "--lang", "xx", "--content", tmp_path)
    assert result.exit_code == 0, result.output
    assert load_content("xx", [tmp_path]).parts.parts.next_steps.title == "HOW DO WE GO ON?"


def test_references_that_loop_end() -> None:
    files = {"ui": {"a": {"x": "{{ ui.a.y }}", "y": "{{ ui.a.x }}"}}}
    resolved, problems = resolve(files, {"ui": None})
    assert [p.field for p in problems] == ["a.x", "a.y"]
    assert all("refers back" in p.message for p in problems)
    assert resolved["ui"] == files["ui"]
