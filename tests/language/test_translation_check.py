"""`workbook check`, `languages new` and a language's own fonts, as a translator meets them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, pdf_fonts, pdf_text, qpdf_check

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
GEORGIAN = "ქართული"


def make_language(root: Path, code: str = "xx", meta: str | None = None) -> Path:
    """A complete copy of English under ``root/code``, ready to be broken by a test."""
    folder = root / code
    shutil.copytree(REPO / "content" / "en", folder)
    (folder / "meta.yaml").write_text(meta or "name: Test\nfallback: en\nlocale: pl\n", "utf-8")
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_shipped_languages_are_clean(cli) -> None:
    for code in ("da", "en"):
        result = cli("check", "--lang", code)
        assert result.exit_code == 0, result.output
        assert f"{code}: no problems in" in result.output


def test_check_reports_each_kind_of_fault_with_file_and_line(cli, tmp_path: Path) -> None:
    folder = make_language(tmp_path)
    ui = folder / "ui.yaml"
    edit(ui, '  page: "Page {{ number }}"\n', "")  # missing
    edit(ui, '  agenda: "Programme"', '  agenda: "Programme"\n  agendaa: "Typo"')  # unknown
    edit(ui, '  venue: "Venue"', '  venue: ""')  # empty
    edit(ui, 'footer: "{{ title }} · {{ date }}"', 'footer: "{{ titel }} · {{ date }}"')
    edit(ui, 'time_range: "{{ start }}–{{ end }}"', 'time_range: "{{ start }–{{ end }}"')
    (folder / "culture.yaml").unlink()

    result = cli("check", "--lang", "xx", "--content", tmp_path)
    assert result.exit_code == 1
    out = result.output
    # A missing key points at its parent, and quotes the text the translator works from:
    # the fallback (English), not the reference (Danish).
    assert f"{ui}:{line_of(ui, 'pack:')}:1 'pack.page': missing" in out
    assert 'Translate: "Page {{ number }}"' in out
    assert f"{ui}:{line_of(ui, 'agendaa')}:3 'sections.agendaa': not in the reference" in out
    assert f"{ui}:{line_of(ui, 'venue:')}:3 'cover.venue': is empty" in out
    footer = f"{ui}:{line_of(ui, 'footer:')}:3 'pack.footer'"
    assert f"{footer}: lacks {{{{ title }}}}" in out
    assert f"{footer}: has {{{{ titel }}}}, which the reference does not" in out
    assert "'cover.time_range': broken placeholder" in out
    assert f"{folder / 'culture.yaml'}: file missing" in out
    assert "xx: " in out.splitlines()[-1] and "missing" in out.splitlines()[-1]


def test_check_reports_a_missing_item_of_a_keyed_list(cli, tmp_path: Path) -> None:
    folder = make_language(tmp_path)
    parts = folder / "parts.yaml"
    text = parts.read_text("utf-8")
    edit(parts, '    short_title: "Opening"\n', "")
    result = cli("check", "--lang", "xx", "--content", tmp_path)
    assert result.exit_code == 1
    assert "short_title': missing" in result.output
    assert text.count("short_title") - 1 == parts.read_text("utf-8").count("short_title")


def test_check_reports_bad_meta(cli, tmp_path: Path) -> None:
    meta = "name: Test\nfallback: yy\nlocale: qq\nfonts:\n  regular: fonts/none.ttf\n"
    folder = make_language(tmp_path, meta=meta)
    result = cli("check", "--lang", "xx", "--content", tmp_path)
    assert result.exit_code == 1
    out = result.output
    assert f"{folder / 'meta.yaml'}:2:1 'fallback': names fallback language 'yy'" in out
    assert (
        f"{folder / 'meta.yaml'}:5:3 'fonts.regular': font file 'fonts/none.ttf' not found" in out
    )
    assert f"{folder / 'meta.yaml'}:3:1 'locale': no CLDR locale 'qq'" in out


def test_check_names_a_character_the_font_lacks(cli, tmp_path: Path) -> None:
    folder = make_language(tmp_path)
    ui = folder / "ui.yaml"
    edit(ui, 'agenda: "Programme"', f'agenda: "{GEORGIAN}"')
    result = cli("check", "--lang", "xx", "--content", tmp_path)
    assert result.exit_code == 1
    assert f"{ui}:{line_of(ui, GEORGIAN)}" in result.output
    assert "U+10D0 GEORGIAN LETTER AN" in result.output
    assert "'fonts:'" in result.output  # tells the translator how to bring a font


def test_missing_glyph_stops_the_pack_before_rendering(cli, write_session, tmp_path: Path) -> None:
    folder = make_language(tmp_path / "langs")
    edit(folder / "ui.yaml", 'agenda: "Programme"', f'agenda: "{GEORGIAN}"')
    out = tmp_path / "pack.pdf"
    result = cli("pack", write_session(language="xx"), "-o", out, "--content", tmp_path / "langs")
    assert result.exit_code == 1
    assert "is not in the font" in result.output and "ui.yaml" in result.output
    assert not out.exists()


@pytest.mark.skipif(not DEJAVU.is_file(), reason="needs fonts-dejavu-core (CI installs it)")
def test_a_language_brings_its_own_font(cli, write_session, tmp_path: Path) -> None:
    meta = "name: Test\nfallback: en\nlocale: ka\nfonts:\n  regular: fonts/Georgian.ttf\n"
    folder = make_language(tmp_path / "langs", meta=meta)
    (folder / "fonts").mkdir()
    shutil.copyfile(DEJAVU, folder / "fonts" / "Georgian.ttf")
    edit(folder / "ui.yaml", 'agenda: "Programme"', f'agenda: "{GEORGIAN}"')
    assert cli("check", "--lang", "xx", "--content", tmp_path / "langs").exit_code == 0

    out = tmp_path / "ka.pdf"
    result = cli("pack", write_session(language="xx"), "-o", out, "--content", tmp_path / "langs")
    assert result.exit_code == 0, result.output
    qpdf_check(out)
    assert GEORGIAN in " ".join(pdf_text(out))
    fonts = " ".join(pdf_fonts(out))
    assert "DejaVuSans" in fonts and "NotoSans" not in fonts

    # The next pack in the same process is drawn with the bundled font again.
    again = tmp_path / "en.pdf"
    assert cli("pack", write_session(language="en"), "-o", again).exit_code == 0
    fonts = " ".join(pdf_fonts(again))
    assert "NotoSans" in fonts and "DejaVuSans" not in fonts


def test_a_font_file_that_is_not_a_font_is_a_clear_error(
    cli, write_session, tmp_path: Path
) -> None:
    meta = "name: Test\nfallback: en\nlocale: pl\nfonts:\n  regular: broken.ttf\n"
    folder = make_language(tmp_path / "langs", meta=meta)
    (folder / "broken.ttf").write_text("not a font", "utf-8")
    out = tmp_path / "pack.pdf"
    result = cli("pack", write_session(language="xx"), "-o", out, "--content", tmp_path / "langs")
    assert result.exit_code == 1
    assert f"{folder / 'meta.yaml'}:5:3 'fonts.regular'" in result.output
    assert "font file 'broken.ttf' is not a TrueType font" in result.output
    assert "not a font" not in result.output  # the file's bytes are never shown
    assert not out.exists()


def test_languages_new_starts_a_language_that_renders(cli, write_session, tmp_path: Path) -> None:
    langs = tmp_path / "langs"
    langs.mkdir()
    result = cli("languages", "new", "pl", "--into", langs)
    assert result.exit_code == 0, result.output
    meta = (langs / "pl" / "meta.yaml").read_text("utf-8")
    assert 'name: "Polski"' in meta and "fallback: en" in meta and "locale: pl" in meta
    assert (langs / "pl" / "GLOSSARY.md").is_file()
    assert [p.name for p in langs.iterdir()] == ["pl"]  # no staging folder left behind

    assert "started_from: en" in meta
    fresh = cli("check", "--lang", "pl", "--content", langs)
    assert fresh.exit_code == 0
    match = re.search(
        r"^pl: no errors; (\d+) of (\d+) strings left to translate \(still as in 'en'\)$",
        fresh.output,
        re.MULTILINE,
    )
    # every string with words of its own is still English (bare placeholders do not count),
    # and the numbers are those 'workbook languages' shows
    assert match and match[1] == match[2] and int(match[2]) > 400
    assert "no problems" not in fresh.output
    listing = cli("languages", "--content", langs).output
    row = next(line for line in listing.splitlines() if line.startswith("pl "))
    assert "Polski" in row and row.split()[-1] == "0%"
    edit(langs / "pl" / "ui.yaml", 'agenda: "Programme"', 'agenda: "Porządek dnia"')
    translated_one = cli("check", "--lang", "pl", "--content", langs).output
    assert f"pl: no errors; {int(match[1]) - 1} of {match[2]} strings left" in translated_one
    listing = cli("languages", "--content", langs).output
    row = next(line for line in listing.splitlines() if line.startswith("pl "))
    assert row.split()[-3] == "1"  # translated: the one string
    assert row.split()[-2] == str(int(match[1]) - 1)  # left: as check says
    out = tmp_path / "pl.pdf"
    result = cli("pack", write_session(language="pl"), "-o", out, "--content", langs)
    assert result.exit_code == 0, result.output
    assert "czwartek, 4 marca 2027" in " ".join(pdf_text(out))

    again = cli("languages", "new", "pl", "--into", langs)
    assert again.exit_code == 1 and "already exists" in again.output


@pytest.mark.parametrize(
    ("code", "message"),
    [("../evil", "is not a language code"), ("zz", "CLDR has no locale 'zz'")],
)
def test_languages_new_refuses_bad_codes(cli, tmp_path: Path, code: str, message: str) -> None:
    result = cli("languages", "new", code, "--into", tmp_path)
    assert result.exit_code == 1
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_translator_works_where_they_stand(cli, tmp_path: Path, monkeypatch) -> None:
    """`languages new` in an empty folder, then `languages`, `check` and `pack` from the
    same place, without --content: ./content is searched, and paths read as typed."""
    monkeypatch.chdir(tmp_path)
    made = cli("languages", "new", "de", "--from", "en")
    assert made.exit_code == 0, made.output
    assert made.stdout == (
        "Skrev content/de (en kopi af 'en', som den henter manglende tekster fra).\n"
        "Oversæt .yaml-filerne dér, og kør så: workbook check --lang de\n"
    )
    listing = cli("languages").stdout.splitlines()
    row = next(line for line in listing if line.startswith("de "))
    assert row.split()[:4] == ["de", "Deutsch", "./content:", "content/de"]
    assert row.split()[-1] == "0%"
    danish = next(line for line in listing if line.startswith("da "))
    assert danish.split()[2] == "indbygget"  # no path outside the working directory
    assert danish.split()[-2:] == ["0", "100%"]
    assert row.split()[-3:-1] == ["0", danish.split()[3]]  # de: nothing translated, all left
    checked = cli("check", "--lang", "de")
    assert checked.exit_code == 0
    assert checked.stdout.endswith("strings left to translate (still as in 'en')\n")
    Path("ui.yaml").write_text("", "utf-8")  # a stray file is not a language
    edit(Path("content/de/ui.yaml"), '  venue: "Venue"', '  venue: ""')
    empty = cli("check", "--lang", "de")
    line = line_of(Path("content/de/ui.yaml"), 'venue: ""')
    assert f"content/de/ui.yaml:{line}:3 'cover.venue': is empty\n" in empty.stdout
    assert 'Translate: "Venue"' in empty.stdout  # the English it was started from


def test_a_content_folder_beside_the_session_file_is_searched(
    cli, write_session, tmp_path: Path, monkeypatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    make_language(project / "content", "xx")
    session = write_session(language="xx")
    (project / "session.yaml").write_text(session.read_text("utf-8"), "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = cli("pack", project / "session.yaml", "-o", "xx.pdf")
    assert result.exit_code == 0, result.output
    assert Path("xx.pdf").is_file()
    unknown = cli("pack", session, "-o", "no.pdf")  # the same session elsewhere: not found
    assert unknown.exit_code == 1 and "unknown language 'xx'" in unknown.stderr
    assert "content/ beside the session file" in unknown.stderr


def test_list_items_are_counted_from_one_and_an_empty_one_told_once(cli, tmp_path: Path) -> None:
    folder = make_language(tmp_path)
    parts = folder / "parts.yaml"
    text = yaml.safe_load(parts.read_text("utf-8"))["parts"]["opening"]["steps"][3]
    edit(parts, f'      - "{text}"', '      - ""')  # the fourth step, written on one line
    result = cli("check", "--lang", "xx", "--content", tmp_path)
    assert result.exit_code == 1
    line = line_of(parts, '      - ""')
    assert result.stdout.splitlines()[:2] == [
        f"{parts}:{line}:9 'parts.opening.steps[4]': is empty",
        f'    Translate: "{text}"',
    ]
    assert result.stdout.splitlines()[-1].startswith("xx: 1 empty (")
