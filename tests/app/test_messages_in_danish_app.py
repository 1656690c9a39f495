"""A Danish session is told about the rest of its problems in Danish: the day, the record
and its photos, the report, the previews' and the letters' folders, init, the follow-up,
the replies (each letter collected told in its own line), the translators' commands and
PO files (in the tool's own Danish), the partners' spreadsheet and the server's port.

One real failing run per family, run as a facilitator runs it (from the session's folder,
through the CLI where there is a command), the whole message and hint checked, and no word
of the English left (``tests/files/test_messages_in_danish.py`` holds the file-safety
layer's, the batch's and the page's own).
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.files.test_messages_in_danish import _no_english
from workbook.app.messages import messages_for
from workbook.core.errors import Problem, UserError
from workbook.core.text import fill


def _told(call: Callable[[], object], code: str = "da") -> list[str]:
    with pytest.raises(UserError) as caught:
        call()
    return [p.render() for p in messages_for(code).problems(caught.value.problems)]


def test_the_report_without_a_record_is_told_in_danish(cli: Callable[..., Any], here: Path) -> None:
    result = cli("report", "session.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "fejl: 1 problem fundet\n"
        "  session.day/record.yaml: der er ingen opsamling fra denne session endnu\n"
        "    Skriv den ind på siden: kør 'workbook serve session.yaml', og åbn '/record' "
        "(siden for dagen linker til den), eller skriv filen i hånden med nøglerne "
        "ambitions, next_steps, documentation, agreed og photos.\n"
    )


def test_the_follow_up_date_and_file_are_told_in_danish(
    cli: Callable[..., Any], here: Path
) -> None:
    result = cli("follow-up", "session.yaml", "--date", "næste uge")
    assert result.exit_code == 1
    assert result.stderr == (
        "fejl: 1 problem fundet\n"
        "  '--date': 'næste uge' er ikke en dato som 2027-05-06\n"
        "    Skriv datoen som år-måned-dag, fx 2027-03-04.\n"
    )
    result = cli("follow-up", "session.yaml", "--date", "2027-05-06", "-o", "session.yaml")
    assert result.exit_code == 1
    assert "fejl: 1 problem fundet\n" in result.stderr
    _no_english(result.stderr)


def test_the_previews_folder_and_one_session_only_are_told_in_danish(
    cli: Callable[..., Any], here: Path
) -> None:
    Path("sider").write_text("en fil", "utf-8")
    result = cli("pack", "session.yaml", "-o", "ud.pdf", "--png", "sider")
    assert result.exit_code == 1
    assert result.stderr == (
        "fejl: 1 problem fundet\n"
        "  sider '--png': er en fil, ikke en mappe til sidebillederne\n"
        "    Angiv en mappe (den oprettes, hvis den mangler), fx --png sidebilleder.\n"
    )
    Path("anden.yaml").write_bytes(Path("session.yaml").read_bytes())
    result = cli("pack", "session.yaml", "anden.yaml", "--png", "sider")
    assert result.stderr == (
        "fejl: 1 problem fundet\n"
        "  '--png': virker kun med én sessionsfil\n"
        "    Angiv én sessionsfil, eller udelad --png.\n"
    )


def test_the_letters_folder_is_told_in_danish(cli: Callable[..., Any], here: Path) -> None:
    Path("breve").write_text("en fil", "utf-8")
    result = cli("invitations", "session.yaml", "--fillable", "-o", "breve")
    assert result.exit_code == 1
    assert result.stderr == (
        "fejl: 1 problem fundet\n"
        "  breve: er en fil, ikke en mappe; invitationerne skal have deres egen mappe\n"
        "    Angiv med -o en mappe (den oprettes, hvis den mangler), eller brug --combined "
        "for én PDF.\n"
    )


def test_init_over_a_file_is_told_in_danish(cli: Callable[..., Any], here: Path) -> None:
    result = cli("init", "session.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "fejl: 1 problem fundet\n"
        "  session.yaml: findes allerede; den er ikke overskrevet\n"
        "    Tilføj --force for at erstatte den.\n"
    )
    result = cli("init", "ny.yaml")
    assert result.exit_code == 0
    assert "Ret den til, og kør så: workbook pack ny.yaml" in result.stdout
    _no_english(result.stdout.replace("workbook", "").replace("ny.yaml", ""))


def test_the_replies_are_told_in_danish(cli: Callable[..., Any], here: Path) -> None:
    # not named .pdf: the suite checks every PDF left in its folders with qpdf
    Path("tom.svar").write_bytes(b"")
    Path("brev.svar").write_bytes(b"et brev, men ikke en PDF")
    os.mkdir("mappe")
    result = cli("collect", "session.yaml", "tom.svar", "brev.svar", "mappe", "væk.pdf")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "ikke læst: mappe: er en mappe uden PDF-filer",
        "ikke læst: væk.pdf: filen findes ikke",
        "    Tjek stien.",
        "ikke læst: tom.svar: er tom",
        "    Bed partneren om at sende invitationen igen.",
        "ikke læst: brev.svar: er ikke en PDF",
        "    Læs de udfyldte invitationer (PDF) ind; et foto eller et dokument med svarene "
        "skrives ind i svarfilen i hånden.",
    ]
    assert result.stdout.splitlines()[0] == (
        "session.replies.yaml er uændret: 0 svar: 0 kommer, 0 kan ikke, 0 har ikke sagt det"
    )
    assert result.stdout.splitlines()[1].startswith("Har ikke svaret endnu: ")


PARTNERS = "navn;firma\nKaren Nielsen;\n"


def test_the_partners_spreadsheet_is_told_in_danish(
    cli: Callable[..., Any], write_session: Callable[..., Path], here: Path
) -> None:
    Path("partnere.csv").write_text(PARTNERS, "utf-8")
    write_session("session.yaml", partners="partnere.csv")
    result = cli("pack", "session.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "fejl: 1 problem fundet\n"
        "  partnere.csv:2:2 række 2 (Karen Nielsen): 'firma' er tom; hver partner skal have en\n"
        "    Udfyld cellen, eller slet rækken, hvis det ikke er en partner.\n"
    )
    Path("partnere.csv").write_text("hvem;hvor\nKaren;Aarhus\n", "utf-8")
    result = cli("pack", "session.yaml")
    assert result.stderr.splitlines()[1:] == [
        "  partnere.csv:1: ingen kolonne til partnernes navn: overskriftsrækken (række 1) skal "
        "have en kolonne, der hedder navn/name (eller fornavn og efternavn); der står "
        "'hvem', 'hvor'",
        "    Overskrifterne kan være på dansk eller engelsk og stå i vilkårlig rækkefølge: "
        "navn/name, organisation, rolle/role, e-mail/email.",
        "  partnere.csv:1: ingen kolonne til partnernes organisation: overskriftsrækken "
        "(række 1) skal have en kolonne, der hedder organisation; der står 'hvem', 'hvor'",
        "    Overskrifterne kan være på dansk eller engelsk og stå i vilkårlig rækkefølge: "
        "navn/name, organisation, rolle/role, e-mail/email.",
    ]
    os.remove("partnere.csv")
    result = cli("pack", "session.yaml")
    assert "partnerfilen partnere.csv findes ikke\n    Stien regnes fra sessionsfilens mappe." in (
        result.stderr
    )
    _no_english(result.stderr.replace("partnere.csv", ""))


def test_photos_for_the_record_are_told_in_danish() -> None:
    from workbook.app.record import normalised_photo

    told = _told(lambda: normalised_photo("tavle.jpg", b"ikke et billede"))
    assert told == [
        "'photos': tavle.jpg: kan ikke læses som et JPEG- eller PNG-billede\n"
        "    Tjek, at filen kan åbnes i et billedprogram, og tilføj den igen."
    ]


def test_a_run_state_workbook_did_not_write_is_told_in_danish(here: Path) -> None:
    from workbook.app.day import DayRun

    run = DayRun(here / "session.yaml")
    run.state_path.parent.mkdir()
    run.state_path.write_text("mit eget\n", "utf-8")
    told = _told(lambda: run.act("start"))
    assert told == [
        "session.day/run.yaml: er ikke en dagsstatus, workbook har skrevet; den bliver ikke "
        "erstattet\n    Flyt filen væk, og genindlæs siden."
    ]


def test_a_po_file_babel_cannot_read_is_told_in_danish(tmp_path: Path) -> None:
    from workbook.app.po import import_po

    po = tmp_path / "da.po"
    po.write_text('msgid "a"\nmsgstr "b"\nmsgid\n', "utf-8")
    told = _told(lambda: import_po(po, "da"))
    assert told[0].startswith(f"{po}: er ikke en PO-fil, Babel kan læse: ")


def test_a_taken_port_is_told_in_danish(write_session: Callable[..., Path]) -> None:
    from workbook.web.server import start

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        told = _told(lambda: start(write_session(), port))
    finally:
        taken.close()
    assert told[0].startswith(f"'--port': kan ikke lytte på 127.0.0.1:{port} (")
    assert told[0].endswith(
        "\n    Et andet program bruger måske porten; udelad --port for at få en ledig."
    )


def test_a_file_that_cannot_be_read_is_named_with_its_article() -> None:
    da = messages_for("da")
    for what, said in (("session file", "sessionsfilen"), ("record", "opsamlingen")):
        problem = Problem("x", key="permission", values=(("what", what),))
        assert da.problem(problem).message == f"{said} kan ikke læses (ingen adgang)"
    problem = Problem("x", key="permission", values=(("what", "session file"),))
    said = messages_for("en").problem(problem).message
    assert said == "the session file cannot be read (permission denied)"


def test_a_value_named_source_is_filled_like_any_other() -> None:
    assert fill("{{ source }} og {{ context }}", source="kilden", context="sammenhæng") == (
        "kilden og sammenhæng"
    )
    problem = Problem("x", key="po_unknown", values=(("context", "ui.x"), ("source", "y")))
    assert messages_for("da").problem(problem).message.startswith("'ui.x' er ikke en tekst")


def test_each_letter_collected_is_told_in_danish(cli: Callable[..., Any], here: Path) -> None:
    from tests.app.filling import ANSWERS, fill_pypdf

    assert cli("invitations", "session.yaml", "--fillable", "-o", "breve").exit_code == 0
    os.mkdir("svar")
    mads, sofie = Path("breve/mads-kristensen.pdf"), Path("breve/sofie-jensen.pdf")
    fill_pypdf(mads, Path("svar/mads.pdf"), ANSWERS)
    unsaid = {key: value for key, value in ANSWERS.items() if key != "reply"}
    fill_pypdf(sofie, Path("svar/sofie.pdf"), unsaid)
    result = cli("collect", "session.yaml", "svar")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        "svar/mads.pdf: Mads Kristensen: kommer; læst ind",
        "svar/sofie.pdf: Sofie Jensen: har svaret uden at sige, om vedkommende kommer; læst ind",
        "Skrev session.replies.yaml: 2 svar: 1 kommer, 0 kan ikke, 1 har ikke sagt det",
    ]
    # again: one letter as before, one newer that changes the answer
    fill_pypdf(mads, Path("svar/mads.pdf"), {**ANSWERS, "reply": "decline"})
    later = Path("svar/sofie.pdf").stat().st_mtime + 120
    os.utime("svar/mads.pdf", (later, later))
    result = cli("collect", "session.yaml", "svar")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "svar/mads.pdf: Mads Kristensen: kan ikke komme; opdateret",
        "svar/sofie.pdf: Sofie Jensen: uændret",
    ]
    _no_english(result.stdout.replace("workbook", ""))


def test_the_languages_commands_speak_the_tools_own_language(
    cli: Callable[..., Any], here: Path
) -> None:
    """A translator's run is about no session: it speaks the tool's own language (Danish,
    as init and schema do by default), not the language being worked on."""
    from babel.messages.pofile import read_po, write_po

    made = cli("languages", "new", "pl", "--from", "en")
    assert made.stdout.splitlines() == [
        "Skrev content/pl (en kopi af 'en', som den henter manglende tekster fra).",
        "Oversæt .yaml-filerne dér, og kør så: workbook check --lang pl",
    ]
    (Path("content") / "sv").mkdir()
    (Path("content") / "sv" / "meta.yaml").write_text("name: [\n", "utf-8")
    listing = cli("languages").stdout.splitlines()
    assert listing[0].split() == ["kode", "navn", "findes", "i", "oversat", "tilbage", "færdig"]
    assert listing[1].split()[:3] == ["da", "Dansk", "indbygget"]
    assert listing[-3].split()[-3:] == ["-", "-", "ubrugelig"]
    assert listing[-2:] == [  # the detail after the colon is PyYAML's own
        "sv kan ikke bruges: content/sv/meta.yaml:2:1: er ikke gyldig YAML: expected the node "
        "content, but found '<stream end>'",
        "  Alle problemer: workbook check --lang sv",
    ]
    shutil.rmtree(Path("content") / "sv")
    exported = cli("languages", "export", "pl")
    assert exported.stdout.splitlines() == [
        "Skrev pl.po",
        "Oversæt den, og kør så: workbook languages import pl.po",
    ]
    with Path("pl.po").open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.context == "ui.pack.page":
            message.string = "Strona {{ number }}"
    catalog.add("x", string="y", context="ui.pack.pagee")
    with Path("pl.po").open("wb") as handle:
        write_po(handle, catalog, width=100)
    lines = Path("pl.po").read_text("utf-8").splitlines()
    line = lines.index('msgctxt "ui.pack.pagee"') + 2  # Babel names the msgid line
    imported = cli("languages", "import", "pl.po")
    assert imported.exit_code == 0, imported.output
    assert imported.stderr.splitlines() == [
        f"advarsel: pl.po:{line}: 'ui.pack.pagee' er ikke en tekst i workbooks sprog; udeladt",
        "    Mente du 'ui.pack.page'?",
    ]
    assert imported.stdout.splitlines()[0] == "Skrev 1 tekst i content/pl: ui.yaml (1)"


def test_a_translator_who_reads_no_danish_chooses_the_tools_language(
    cli: Callable[..., Any], here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WORKBOOK_LANG names the language a run about no session speaks; the machine's LANG
    does not (it names the machine's language, not the reader's choice)."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert cli("languages").stdout.split()[:2] == ["kode", "navn"]
    monkeypatch.setenv("WORKBOOK_LANG", "en")
    listing = cli("languages").stdout.splitlines()
    assert listing[0].split()[:2] == ["code", "name"]
    assert listing[1].split()[:3] == ["da", "Dansk", "built-in"]
    made = cli("languages", "new", "pl", "--from", "en")
    assert made.stdout.splitlines()[0] == (
        "Wrote content/pl (a copy of 'en', which it falls back to)."
    )
