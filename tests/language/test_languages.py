"""A language is a folder: found through --content or WORKBOOK_CONTENT, gaps filled and told."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, pdf_text


@pytest.fixture
def polish(tmp_path: Path) -> Path:
    """A partial language folder: English text with Polish, Greek and Cyrillic, no culture.yaml."""
    root = tmp_path / "langs"
    folder = root / "pl"
    shutil.copytree(REPO / "content" / "en", folder)
    (folder / "culture.yaml").unlink()
    (folder / "meta.yaml").write_text("name: Polski\nfallback: en\nlocale: pl\n", "utf-8")
    ui = (folder / "ui.yaml").read_text("utf-8")
    ui = ui.replace('agenda: "Programme"', 'agenda: "Porządek dnia – Πρόγραμμα – Повестка"')
    (folder / "ui.yaml").write_text(ui, "utf-8")
    return root


def test_languages_lists_completeness(cli, polish: Path) -> None:
    result = cli("languages", "--content", polish)
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()[1:]}
    assert "100%" in lines["da"] and "100%" in lines["en"]
    assert "--content" in lines["pl"] and "100%" not in lines["pl"]


LINK_DA = "er et link til en fil uden for sprogets mappe; den er ikke læst"


@pytest.mark.parametrize(
    ("file", "spoil", "reason", "danish"),
    [
        (
            "parts.yaml",
            "link",
            "/sv/parts.yaml: is a link to a file outside its language folder; refused unread",
            f"/sv/parts.yaml: {LINK_DA}",
        ),
        (
            "ui.yaml",
            "name: [\n",
            "/sv/ui.yaml:2:1: is not valid YAML",
            "/sv/ui.yaml:2:1: er ikke gyldig YAML",
        ),
        (
            "meta.yaml",
            "link",
            "/sv/meta.yaml: is a link to a file outside its language folder",
            f"/sv/meta.yaml: {LINK_DA}",
        ),
        (
            "meta.yaml",
            "name: [\n",
            "/sv/meta.yaml:2:1: is not valid YAML",
            "/sv/meta.yaml:2:1: er ikke gyldig YAML",
        ),
    ],
    ids=["content-link", "content-yaml", "meta-link", "meta-yaml"],
)
def test_one_bad_language_is_marked_and_the_others_listed(
    cli, polish: Path, tmp_path: Path, file: str, spoil: str, reason: str, danish: str
) -> None:
    shutil.copytree(polish / "pl", polish / "sv")
    (polish / "sv" / "meta.yaml").write_text("name: Svenska\nfallback: en\nlocale: sv\n", "utf-8")
    bad = polish / "sv" / file
    bad.unlink()
    if spoil == "link":
        secret = tmp_path / "token.yaml"
        secret.write_text("token: s3cr3t-never-shown\n", "utf-8")
        bad.symlink_to(secret)
    else:
        bad.write_text(spoil, "utf-8")
    result = cli("languages", "--content", polish)
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    lines = {line.split()[0]: line for line in rows[1:-2]}
    assert "100%" in lines["da"] and "100%" in lines["en"] and "%" in lines["pl"]
    # said in the tool's own language (Danish), not in the languages it lists
    assert lines["sv"].split()[-4:] == [f"{polish / 'sv'}", "-", "-", "ubrugelig"]
    said = rows[-2:]
    assert said[0].startswith("sv kan ikke bruges: ") and danish in said[0], said
    assert said[1] == "  Alle problemer: workbook check --lang sv"
    assert "s3cr3t" not in result.output
    # the full problems, with what to do, are where the line says
    check = cli("check", "--lang", "sv", "--content", polish)
    assert check.exit_code == 1 and reason in check.output and "\n    " in check.output


@pytest.mark.parametrize("via", ["--content", "WORKBOOK_CONTENT"])
def test_partial_language_renders_with_fallback_warning(
    cli, write_session, polish: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, via: str
) -> None:
    session = write_session(language="pl")
    extra: list[str] = []
    if via == "--content":
        extra = ["--content", str(polish)]
    else:
        monkeypatch.setenv("WORKBOOK_CONTENT", str(polish))
    result = cli("pack", session, "-o", tmp_path / "pl.pdf", *extra)
    assert result.exit_code == 0, result.output
    assert "culture.yaml fell back to 'en'" in result.output
    text = " ".join(pdf_text(tmp_path / "pl.pdf"))
    assert "Porządek dnia – Πρόγραμμα – Повестка" in text
    assert "czwartek, 4 marca 2027" in text  # CLDR Polish, not a hand-made month name


def test_strict_refuses_fallback(cli, write_session, polish: Path, tmp_path: Path) -> None:
    session = write_session(language="pl")
    result = cli("pack", session, "-o", tmp_path / "pl.pdf", "--content", polish, "--strict")
    assert result.exit_code == 1
    assert "culture.yaml" in result.output and "--strict" in result.output
    assert not (tmp_path / "pl.pdf").exists()
