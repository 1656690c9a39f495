"""A translation through a translator's tool: a language folder out as gettext PO and back,
checked as `workbook check` checks it; and what --strict, the pack's warning and check say
of a fresh copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po

from tests.conftest import REPO, pdf_text


@pytest.fixture
def polish(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of English, as `languages new pl` makes it, in ./content."""
    monkeypatch.chdir(tmp_path)
    assert cli("languages", "new", "pl", "--from", "en").exit_code == 0
    return tmp_path / "content" / "pl"


def _left(said: str) -> int:
    """The strings check says are left to translate."""
    return int(said.split("; ")[-1].split(" of ")[0])


def _catalog(path: Path) -> Any:
    with path.open("rb") as handle:
        return read_po(handle)


def test_export_offers_danish_sources_keys_and_english(cli: Any, polish: Path) -> None:
    result = cli("languages", "export", "pl")
    assert result.exit_code == 0, result.output
    catalog = _catalog(Path("pl.po"))
    assert str(catalog.locale) == "pl"
    entries = {m.context: m for m in catalog if m.id}
    page = entries["ui.pack.page"]
    assert page.id == "Side {{ number }}" and page.string == ""  # still as in 'en'
    assert page.auto_comments == ["en: Page {{ number }}"]
    assert page.locations == [("ui.yaml", 8)]
    question = entries["process.dialogues.ambition.question"]
    assert question.id == "Hvad bliver vi partnere om?"
    assert "parts.parts.ambition.short_title" not in entries  # a reference: nothing to translate
    assert len(entries) > 700
    first = Path("pl.po").read_bytes()
    assert cli("languages", "export", "pl").exit_code == 0
    assert Path("pl.po").read_bytes() == first  # the same folder gives the same bytes


def test_a_translation_comes_back_into_the_folder_and_into_print(
    cli: Any, polish: Path, tmp_path: Path
) -> None:
    assert cli("languages", "export", "pl", "-o", "pl.po").exit_code == 0
    catalog = _catalog(Path("pl.po"))
    translated = {
        "process.dialogues.ambition.question": "Wokół czego zbudujemy partnerstwo?",
        "parts.parts.ambition.label": "Podsesja 1:",
        "ui.pack.page": "Strona {{ number }}",
        "guide.purpose[1]": "Celem tego przewodnika jest wsparcie.",
    }
    for message in catalog:
        if message.context in translated:
            message.string = translated[message.context]
        if message.context == "ui.cover.date":  # the translator is not sure yet
            message.string, message.flags = "Data", {"fuzzy"}
    catalog.add("x", string="y", context="ui.pack.pagee")
    with Path("pl.po").open("wb") as handle:
        write_po(handle, catalog, width=100)
    before = (polish / "ui.yaml").read_text("utf-8")
    left_before = _left(cli("check", "--lang", "pl").stdout)
    result = cli("languages", "import", "pl.po")
    assert result.exit_code == 0, result.output
    assert "Skrev 4 tekster i content/pl" in result.stdout  # in the tool's own language
    assert "'ui.pack.pagee' er ikke en tekst" in result.stderr and "ui.pack.page" in result.stderr
    assert "pl: no errors;" in result.stdout  # then checked, as check checks
    assert _left(result.stdout) == left_before - 4
    after = (polish / "ui.yaml").read_text("utf-8")
    # one line changed, every comment and quote of the file kept
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert changed == [('  page: "Page {{ number }}"', '  page: "Strona {{ number }}"')]
    assert '  date: "Date"' in after  # the fuzzy entry was not written
    # in print: the question once translated is the agenda's sub-session title too
    session = tmp_path / "session.yaml"
    session.write_text(
        (REPO / "examples" / "session.en.yaml")
        .read_text("utf-8")
        .replace("language: en", "language: pl"),
        "utf-8",
    )
    assert cli("agenda", session, "-o", tmp_path / "a.pdf").exit_code == 0
    (page,) = pdf_text(tmp_path / "a.pdf")
    assert "Wokół czego zbudujemy partnerstwo?" in page
    pack = cli("pack", session, "-o", tmp_path / "p.pdf", "--boards", "none")
    assert "Podsesja 1: Wokół czego zbudujemy partnerstwo?" in " ".join(
        pdf_text(tmp_path / "p.pdf")
    )
    assert "Strona 2" in " ".join(pdf_text(tmp_path / "p.pdf")[:2]), pack.output


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("this is not a po file\n", "er ikke en PO-fil, Babel kan læse"),
        ('msgid "a"\nmsgstr "b"\n', "indeholder ingen tekster fra workbooks sprog"),
    ],
)
def test_a_broken_or_foreign_po_file_is_a_clear_error(
    cli: Any, polish: Path, text: str, said: str
) -> None:
    Path("broken.po").write_text(text, "utf-8")
    result = cli("languages", "import", "broken.po", "--lang", "pl")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "broken.po" in result.output and said in result.output


def test_a_fresh_copy_is_warned_about_and_strict_refuses_it(
    cli: Any, polish: Path, tmp_path: Path
) -> None:
    session = tmp_path / "session.yaml"
    text = (REPO / "examples" / "session.en.yaml").read_text("utf-8")
    session.write_text(text.replace("language: en", "language: pl"), "utf-8")
    made = cli("pack", session, "-o", tmp_path / "p.pdf", "--boards", "none")
    assert made.exit_code == 0
    assert "strings in ui.yaml not yet translated (still as in 'en')" in made.stderr
    strict = cli("pack", session, "-o", tmp_path / "s.pdf", "--strict")
    assert strict.exit_code == 1 and not (tmp_path / "s.pdf").exists()
    assert "not yet translated, still as in 'en' (--strict)" in strict.stderr
    assert "kept:" in strict.stderr
    # check and languages count what --strict counts
    check = cli("check", "--lang", "pl")
    left, total = _left(check.stdout), int(check.stdout.split(" of ")[-1].split()[0])
    assert left == total  # a fresh copy: nothing translated yet
    # a string that rightly reads the same leaves the count once it is kept
    meta = polish / "meta.yaml"
    kept = "kept: [ui.cover.facilitator, ui.worksheets.organisation]\n"
    meta.write_text(meta.read_text("utf-8") + kept, "utf-8")
    assert _left(cli("check", "--lang", "pl").stdout) == left - 2


def test_a_renamed_key_is_told_once_with_the_key_to_use(cli: Any, polish: Path) -> None:
    ui = polish / "ui.yaml"
    ui.write_text(ui.read_text("utf-8").replace('  page: "Page', '  pagee: "Page', 1), "utf-8")
    result = cli("check", "--lang", "pl")
    assert result.exit_code == 1
    assert "'pack.pagee': not in the reference language; did you mean 'pack.page'?" in result.stdout
    assert "Rename the key 'pagee' to 'page'" in result.stdout
    assert "missing" not in result.stdout and "unknown" not in result.stdout
    assert "pl: 1 renamed" in result.stdout


def test_export_by_its_made_up_name_never_replaces_a_translators_po_file(
    cli: Any, polish: Path
) -> None:
    """`languages export pl` writes pl.po: one the translator has been working in is
    theirs, not the tool's to replace (issue 23's rule for every writer)."""
    assert cli("languages", "export", "pl").exit_code == 0
    worked = Path("pl.po")
    worked.write_text(worked.read_text("utf-8") + "# my own notes\n", "utf-8")
    refused = cli("languages", "export", "pl")
    assert refused.exit_code == 1
    assert "pl.po: findes allerede og er ikke en fil, workbook har skrevet" in refused.output
    assert worked.read_text("utf-8").endswith("# my own notes\n")
    assert cli("languages", "export", "pl", "--force").exit_code == 0
    assert not worked.read_text("utf-8").endswith("# my own notes\n")
    onto_an_input = cli("languages", "export", "pl", "-o", "content/pl/ui.yaml")
    assert onto_an_input.exit_code == 1 and "en fil, denne kørsel læser" in onto_an_input.output
