"""Messages in the user's language: a Danish session's problems read in Danish in the
terminal and on the page, English where a language lacks them, and the English words in
ui.yaml are the code's own."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO
from workbook.app.messages import messages_for
from workbook.core.errors import Problem, UserError
from workbook.core.yamlio import parse
from workbook.session.model import validate_session

ROUNDS = """language: da
date: 2027-02-30
start: "09:00"
venue: "Hal 1"
facilitator: {name: "Anne", emial: "anne@example.dk"}
partners:
  - {name: "Bo", organisation: "Org"}
  - {name: "Cy", organisation: "Org", email: "cy at org"}
  - name: "Karen Nielsen"
agenda:
  - opening
  - {lunch: 0}
  - contributon
"""


def _run(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, *args: str) -> Any:
    monkeypatch.chdir(tmp_path)
    Path("session.yaml").write_text(text, "utf-8")
    return cli("pack", "session.yaml", "-o", "out.pdf", *args)


def test_a_danish_sessions_problems_read_in_danish_in_the_terminal(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _run(cli, tmp_path, monkeypatch, ROUNDS)
    assert result.exit_code == 1
    assert result.stderr == (
        "fejl: 6 problemer fundet\n"
        "  session.yaml:2:1: 'date' er en dag, der ikke findes: februar 2027 har kun 28 dage"
        " (der står '2027-02-30')\n"
        "    Tjek dagen og måneden.\n"
        "  session.yaml:5:29: 'facilitator.emial' er ikke en nøgle, workbook kender\n"
        "    Mente du 'email'? Nøgler, der kan stå her: email, name.\n"
        "  session.yaml:8:39 partner 2 (Cy): 'email' skal være en e-mailadresse som"
        " anne@example.dk (der står 'cy at org')\n"
        "  session.yaml:9:5 partner 3 (Karen Nielsen): 'organisation' mangler\n"
        "    Tilføj 'organisation:' her.\n"
        "  session.yaml:12:5 programpunkt 2: 'minutes' skal være mere end nul (der står 0)\n"
        "  session.yaml:13:5 programpunkt 3: ukendt programpunkt 'contributon' – mente du"
        " 'contribution'?\n"
        "    Gyldige programpunkter: opening, introductions, ambition, contribution, scaling,"
        " next_steps, closing, lunch, break. Et punkt, du selv tilføjer, har en titel og"
        ' minutter: - {title: "Rundvisning i køkkenet", minutes: 30}\n'
    )
    # --lang names the run's language too, whatever the file says
    english = _run(cli, tmp_path, monkeypatch, ROUNDS, "--lang", "en")
    assert english.stderr.startswith("error: 6 problems found\n")


def test_a_danish_run_says_what_it_did_in_danish(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = (REPO / "examples" / "session.yaml").read_text("utf-8")
    without_closing = re.sub(r"^  - closing .*\n", "", session, flags=re.M)
    result = _run(cli, tmp_path, monkeypatch, without_closing)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Program: 6\u00a0t 45\u00a0min. på 1 dag; vejledningens dag varer 7\u00a0t.",
        "Skrev out.pdf",
        "Skrev out-boards.pdf",
    ]
    letters = cli("invitations", "session.yaml", "-o", "L")
    assert letters.stdout.splitlines()[-1] == "Skrev 3 invitationer i L"
    one = session.split('  - name: "Sofie Jensen"')[0] + "agenda: [opening]\n"
    Path("one.yaml").write_text(one.split("agenda:")[0] + "agenda: [opening]\n", "utf-8")
    assert cli("invitations", "one.yaml", "-o", "M").stdout.splitlines()[-1] == (
        "Skrev 1 invitation i M"
    )


@pytest.mark.parametrize(
    ("text", "english", "danish"),
    [
        (
            'title: "Das "Projekt" i Aarhus"\n',
            [
                "session.yaml:1:13: this text has a quotation mark inside its quotes, which ends"
                " the text early",
                "Put the whole text in single quotes instead: title: 'Das \"Projekt\" i Aarhus'",
            ],
            ["teksten har et anførselstegn inde i sine anførselstegn", "enkelte anførselstegn"],
        ),
        (
            "date: 2027-02-30\n",
            ["'date' is a day that does not exist: February 2027 has only 28 days"],
            ["'date' er en dag, der ikke findes: februar 2027 har kun 28 dage"],
        ),
        (
            "date: 2027-13-01\n",
            ["'date' has a month that does not exist: there is no month 13"],
            ["'date' har en måned, der ikke findes: der er ingen måned 13"],
        ),
        (
            'facilitator: {name: "Anne", email: "Anne Holm"}\n',
            ["'facilitator.email' must be an email address like anne@example.dk"],
            ["'facilitator.email' skal være en e-mailadresse som anne@example.dk"],
        ),
    ],
    ids=["inner-quote", "no-such-day", "no-such-month", "email"],
)
def test_the_three_diagnoses_are_told_right(
    cli: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    english: list[str],
    danish: list[str],
) -> None:
    good = (REPO / "examples" / "session.yaml").read_text("utf-8")
    key = text.split(":")[0]
    lines = [line for line in good.splitlines(keepends=True) if not line.startswith(f"{key}:")]
    if key == "facilitator":  # the example's facilitator spans three lines
        lines = [line for line in lines if not line.startswith(('  name: "Anne', '  email: "anne'))]
    for language, expected in (("en", english), ("da", danish)):
        body = "".join(lines).replace("language: da", f"language: {language}")
        result = _run(cli, tmp_path, monkeypatch, text + body)
        assert result.exit_code == 1, result.output
        assert "indentation" not in result.stderr and "indrykning" not in result.stderr
        assert all(part in result.stderr for part in expected), result.stderr


def test_a_language_without_messages_says_them_in_english(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translation that has not reached its messages yet: English, not its fallback's."""
    langs = tmp_path / "langs"
    shutil.copytree(REPO / "content" / "da", langs / "xx")
    (langs / "xx" / "meta.yaml").write_text("name: X\nfallback: da\nlocale: de\n", "utf-8")
    ui = yaml.safe_load((langs / "xx" / "ui.yaml").read_text("utf-8"))
    for group in ("messages", "hints", "page", "page_hints", "say"):
        del ui[group]
    (langs / "xx" / "ui.yaml").write_text(yaml.safe_dump(ui, allow_unicode=True), "utf-8")
    result = _run(
        cli,
        tmp_path,
        monkeypatch,
        ROUNDS.replace("language: da", "language: xx"),
        "--content",
        "langs",
    )
    assert result.stderr.startswith("error: 6 problems found\n")
    assert "'organisation' is missing" in result.stderr
    # and a language that cannot be found at all
    unknown = _run(cli, tmp_path, monkeypatch, ROUNDS.replace("language: da", "language: zz"))
    assert "unknown language 'zz'" in unknown.stderr


BAD_SESSIONS = [
    ROUNDS.replace("language: da", "language: en"),
    "language: en\n",
    "",
    "- a list\n",
    'language: en\nstart: "25:99"\nleave_out: [credits, foo]\ntitle: "\u200b"\nvenue: yes\n',
    "language: en\nagenda: []\npartners: []\n",
    "language: en\ndate: 1850-01-01\nagenda: [opening, opening, {title: x, minutes: 2000}]\n",
    'a: "x\nb: 2\n',
    "a:\n\t- b\n",
    "a: [1, 2\nb: 3\n",
    "venue: Hal 1: the big\n",
    "  - x\n y: 2\n",
    "a: 1\na: 2\n",
    'title: "Das "Projekt" i Aarhus"\n',
]


def _problems(text: str) -> list[Problem]:
    from workbook.app.prepare import load_inputs

    path = Path("session.yaml")
    try:
        validate_session(parse(text, path))
    except UserError as exc:
        problems = exc.problems
    else:
        return []
    try:
        Path("session.yaml").write_text(text, "utf-8")
        load_inputs(path, None, [], False)
    except UserError as exc:
        problems = problems + exc.problems
    return problems


def test_the_english_in_ui_yaml_is_the_codes_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Told through content/en/ui.yaml, every keyed problem reads as the code writes it, so
    the messages a translator translates are the ones people see."""
    monkeypatch.chdir(tmp_path)
    english = messages_for("en")
    keyed = 0
    for text in BAD_SESSIONS:
        for problem in _problems(text):
            told = english.problem(problem)
            assert (told.render(), told.hint) == (problem.render(), problem.hint), problem.key
            keyed += problem.key is not None
    assert keyed >= 25


def _keys_in_code() -> set[str]:
    """Every message key the code gives a problem (key=, and the tables)."""
    from workbook.core import validation, yaml_messages

    found: set[str] = set()
    for path in (REPO / "src" / "workbook").rglob("*.py"):
        source = path.read_text("utf-8")
        found |= set(re.findall(r'\bkey="([a-z_]+)"', source))
        found |= set(re.findall(r'^\s+"([a-z_]+)",\n\s+(?:"[a-z_]+",\n\s+)?part=', source, re.M))
    found |= set(validation._KINDS.values()) | set(validation._CUSTOM)
    found |= set(yaml_messages._SAID) | {"bracket", "not_yaml", "unclosed_quote"}
    found |= {"past_midnight", "empty_day", "first_day", "day_order", "cut_short", "no_lunch"}
    found |= {"unknown_part", "unknown_part_close", "part_twice", "too_few", "too_long_unnamed"}
    return found


def test_every_message_the_code_names_is_in_english_and_danish() -> None:
    for code in ("en", "da"):
        ui = yaml.safe_load((REPO / "content" / code / "ui.yaml").read_text("utf-8"))
        missing = sorted(key for key in _keys_in_code() if key not in ui["messages"])
        assert not missing, (code, missing)
        hint_keys = set()
        for path in (REPO / "src" / "workbook").rglob("*.py"):
            hint_keys |= set(re.findall(r'\bhint_key="([a-z_]+)"', path.read_text("utf-8")))
        assert hint_keys <= set(ui["hints"]), (code, hint_keys - set(ui["hints"]))
        hints = sorted(set(ui["hints"]) | set(ui["page_hints"]))
        assert set(ui["page_hints"]) <= set(ui["hints"]) | {"no_boards"}, (code, hints)
