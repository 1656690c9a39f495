"""The messages of issue 16's "Why", exactly as a facilitator sees them on stderr.

Each case is a session file a new user could write, beside the whole message it gets;
the run is made from the file's folder, so paths read as the user typed them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbook.cli import app

# English, so the messages pinned here are the English ones (a Danish session is told in
# Danish: tests/app/test_messages.py)
GOOD = """language: en
date: 2027-03-04
start: "09:00"
venue: "Hal 1"
facilitator: {name: "Anne"}
partners:
  - {name: "Bo", organisation: "Org"}
"""

VALID_PARTS = (
    "Valid parts: opening, introductions, ambition, contribution, scaling, next_steps, "
    'closing, lunch, break. A part of your own has a title and minutes: - {title: "Kitchen '
    'tour", minutes: 30}'
)

UNKNOWN_LANGUAGE = (
    "Available: da (Dansk), en (English). A language is a folder <code>/ with a meta.yaml, "
    "found in --content folders, ./content, content/ beside the session file, "
    "$WORKBOOK_CONTENT or the built-in ones."
)
NO_SUCH_DAY = (
    "'date' is a day that does not exist: February 2027 has only 28 days (found '2027-02-30')"
)
EAST = "U+6771 CJK UNIFIED IDEOGRAPH-6771"
GLYPH_HINT = (
    "Replace it with a character the font has. The bundled font covers Latin, Greek and "
    "Cyrillic; a language in another script names its own .ttf files under 'fonts:' in its "
    "meta.yaml."
)

# A bad date, a misspelt key, a partner without an organisation and a misspelt part:
# every one in one run, in file order, counted from 1, the partner named.
ROUNDS = """language: en
date: 2027-02-30
start: "09:00"
venue: "Hal 1"
facilitator: {name: "Anne", emial: "anne@example.dk"}
partners:
  - {name: "Bo", organisation: "Org"}
  - {name: "Cy", organisation: "Org"}
  - {name: "Di", organisation: "Org"}
  - {name: "Ed", organisation: "Org"}
  - name: "Karen Nielsen"
agenda:
  - opening
  - introductions
  - ambition
  - lunch
  - {lunch: 0}
  - contributon
"""


def messages(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> str:
    monkeypatch.chdir(tmp_path)
    Path("session.yaml").write_text(text, "utf-8")
    result = cli("pack", "session.yaml", "-o", "out.pdf")
    assert result.exit_code == 1
    assert not Path("out.pdf").exists()
    return result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ROUNDS,
            f"""error: 5 problems found
  session.yaml:2:1: {NO_SUCH_DAY}
    Check the day and the month.
  session.yaml:5:29: 'facilitator.emial' is not a known key
    Did you mean 'email'? Known keys here: email, name.
  session.yaml:11:5 partner 5 (Karen Nielsen): 'organisation' is missing
    Add 'organisation:' here.
  session.yaml:17:5 agenda, entry 5: 'minutes' must be more than zero (found 0)
  session.yaml:18:5 agenda, entry 6: unknown part 'contributon' - did you mean 'contribution'?
    {VALID_PARTS}
""",
        ),
        (
            GOOD.replace("language: en", "language: no"),
            """error: 1 problem found
  session.yaml:1:1: 'language' must be text, but YAML reads no as false
    Write it in quotes: language: "no"
""",
        ),
        (
            GOOD.replace('venue: "Hal 1"', "venue: Hal 1\nhost: yes"),
            """error: 1 problem found
  session.yaml:5:1: 'host' must be text, but YAML reads yes as true
    Write it in quotes: host: "yes"
""",
        ),
        (
            GOOD.replace('{name: "Bo", organisation: "Org"}', '{name: "Bo", organisation: On}'),
            """error: 1 problem found
  session.yaml:7:18 partner 1 (Bo): 'organisation' must be text, but YAML reads On as true
    Write it in quotes: organisation: "On"
""",
        ),
        (
            GOOD.replace('venue: "Hal 1"', "venue: 12"),
            """error: 1 problem found
  session.yaml:4:1: 'venue' must be text, but YAML reads 12 as a number
    Write it in quotes: venue: "12"
""",
        ),
        (
            GOOD.replace('  - {name: "Bo"', '\t- {name: "Bo"'),
            """error: 1 problem found
  session.yaml:7:1: a tab character
    7 | →   - {name: "Bo", organisation: "Org"}
      | ^
    Indent with spaces, not tabs.
""",
        ),
        (
            GOOD.replace(
                'facilitator: {name: "Anne"}', 'facilitator:\n    name: "Anne"\n  email: a'
            ),
            """error: 1 problem found
  session.yaml:7:3: the indentation does not line up with the lines above
    7 |   email: a
      |   ^
    Indent the keys of a mapping, and the '- ' of a list, alike.
""",
        ),
        (
            GOOD.replace('venue: "Hal 1"', 'venue: "Hal 1'),
            """error: 1 problem found
  session.yaml:4:8: this quote is never closed
    4 | venue: "Hal 1
      |        ^
    End the text with the same quote it starts with, on this line.
""",
        ),
        (
            GOOD.replace('venue: "Hal 1"', "venue: Hal 1: the big one"),
            """error: 1 problem found
  session.yaml:4:13: a ':' where YAML does not expect one
    4 | venue: Hal 1: the big one
      |             ^
    Put text that contains ": " in double quotes, or check the indentation.
""",
        ),
        (
            GOOD.replace("Hal 1", "Hal 東") + "agenda: [opening, contributon]\n",
            f"""error: 2 problems found
  session.yaml:4:1 'venue': the character '東' ({EAST}) is not in the font
    {GLYPH_HINT}
  session.yaml:8:19 agenda, entry 2: unknown part 'contributon' - did you mean 'contribution'?
    {VALID_PARTS}
""",
        ),
        (
            GOOD.replace("language: en", "language: xx").replace("2027-03-04", "2027-02-30")
            + "agenda: [opening, brunch]\n",
            f"""error: 3 problems found
  session.yaml:1:1 'language': unknown language 'xx'
    {UNKNOWN_LANGUAGE}
  session.yaml:2:1: {NO_SUCH_DAY}
    Check the day and the month.
  session.yaml:8:19 agenda, entry 2: unknown part 'brunch' - did you mean 'lunch'?
    {VALID_PARTS}
""",
        ),
    ],
    ids=[
        "rounds",
        "no",
        "yes",
        "on",
        "number",
        "tab",
        "indentation",
        "quote",
        "colon",
        "glyph-and-part",
        "language",
    ],
)
def test_session_messages(cli, tmp_path, monkeypatch, text: str, expected: str) -> None:
    assert messages(cli, tmp_path, monkeypatch, text) == expected


def test_version(cli) -> None:
    """The version the package was installed as, which __init__ must repeat."""
    from importlib.metadata import version

    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"workbook {version('workbook')}\n"


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_before_or_after_the_command(
    cli, tmp_path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    import workbook.app.pack

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(workbook.app.pack, "build_plan", broken)
    monkeypatch.chdir(tmp_path)
    Path("session.yaml").write_text(GOOD, "utf-8")
    args = ["pack", "session.yaml", "-o", "out.pdf"]
    result = cli(*(["--debug", *args] if where == "before" else [*args, "--debug"]))
    assert result.exit_code == 70
    assert "Traceback" in result.stderr and "ZeroDivisionError: a bug" in result.stderr


def test_help_reads_as_a_person_would_write_it(cli) -> None:
    top = cli("--help").stdout
    assert "--version" in top and "--install-completion" in top
    assert "..." not in top.split("Commands:")[1]  # no summary cut short
    pack = cli("pack", "--help").stdout
    assert "Usage: workbook pack [OPTIONS] SESSION...\n" in pack
    assert "--paper [a4|letter]" in pack and "--boards [a3|a2|a1|a0|auto|none]" in pack
    assert "--order [partner|dialogue]" in pack
    assert "-o, --output FILE" in pack and "--content DIR" in pack and "--lang CODE" in pack
    for text in (
        pack,
        cli("invitations", "--help").stdout,
        cli("languages", "new", "--help").stdout,
    ):
        shown = text.replace("<pack>", "").replace("<=", "")  # 10<=x<=600: a range, not a type
        assert "<" not in shown and "{" not in shown


def test_help_lists_the_layouts_own_papers_and_board_sizes() -> None:
    from workbook.app.options import ORDERS
    from workbook.cli.shared import BOARD_SIZES, PAPERS, layout_keys

    assert PAPERS.split("|") == layout_keys("papers_mm")
    assert BOARD_SIZES.split("|") == layout_keys("posters", "sizes")
    assert f"--order [{'|'.join(ORDERS)}]" in CliRunner().invoke(app, ["pack", "--help"]).stdout


def test_wrong_options_come_with_the_session_problems(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("session.yaml").write_text(GOOD.replace('venue: "Hal 1"\n', ""), "utf-8")
    result = cli("pack", "session.yaml", "--paper", "b5")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: 2 problems found\n"
        "  '--paper': unknown paper 'b5'\n"
        "    Use one of: a4, letter.\n"
        "  session.yaml:1:1: 'venue' is missing\n"
        "    Add 'venue:' here.\n"
    )


def test_init_in_english_then_replaced_is_said(cli, tmp_path, monkeypatch) -> None:
    from workbook.session.model import load_session

    monkeypatch.chdir(tmp_path)
    first = cli("init", "--lang", "en")
    assert first.exit_code == 0
    assert first.stdout.startswith(
        "Wrote session.yaml\nEdit it, then run: workbook pack session.yaml\n"
    )
    session, _ = load_session(Path("session.yaml"))
    assert session.language == "en" and session.venue.endswith("Copenhagen")
    again = cli("init", "--lang", "en", "--force")
    assert again.stdout.startswith("Replaced session.yaml\n")
    unknown = cli("init", "other.yaml", "--lang", "de")
    assert unknown.exit_code == 1 and not Path("other.yaml").exists()
    assert unknown.stderr == (
        "error: 1 problem found\n"
        "  '--lang': no example session file in 'de'\n"
        "    Use one of: da, en; the 'language:' line of either can then name any language.\n"
    )


def test_a_second_run_says_what_it_replaced(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("session.yaml").write_text(GOOD, "utf-8")
    first = cli("pack", "session.yaml", "-o", "pack.pdf")
    assert first.stdout.splitlines()[-2:] == ["Wrote pack.pdf", "Wrote pack-boards.pdf"]
    second = cli("pack", "session.yaml", "-o", "pack.pdf")
    assert second.stdout.splitlines()[-2:] == ["Replaced pack.pdf", "Replaced pack-boards.pdf"]
    letters = cli("invitations", "session.yaml", "-o", "letters")
    assert letters.stdout.splitlines()[-1] == "Wrote 1 letter to letters"
    again = cli("invitations", "session.yaml", "-o", "letters")
    assert again.stdout.splitlines()[-1] == (
        "Wrote 1 letter to letters, replacing 1 from an earlier run"
    )


def test_make_demo_says_wrote_once() -> None:
    from tests.conftest import REPO

    demo = (REPO / "Makefile").read_text("utf-8").split("demo:")[1].split("\n\n")[0]
    assert "Wrote" not in demo


def test_the_shell_completes_commands_and_the_layouts_sizes(tmp_path: Path) -> None:
    """Through the installed command, as bash calls it after --install-completion."""
    import os
    import subprocess
    import sys

    workbook = str(Path(sys.executable).parent / "workbook")  # the venv's entry point

    def complete(words: str) -> list[str]:
        env = dict(
            os.environ,
            _WORKBOOK_COMPLETE="complete_bash",
            COMP_WORDS=words,
            COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        )
        done = subprocess.run([workbook], env=env, capture_output=True, text=True, check=True)
        return done.stdout.split()

    assert complete("workbook pa") == ["pack"]
    assert complete("workbook pack x.yaml --boards ") == ["a3", "a2", "a1", "a0", "auto", "none"]
    assert complete("workbook pack x.yaml --paper ") == ["a4", "letter"]
    assert complete("workbook check --lang ") == ["da", "en"]
    script = subprocess.run(
        [workbook, "--show-completion", "bash"], capture_output=True, text=True, check=True
    )
    assert "_WORKBOOK_COMPLETE=complete_bash" in script.stdout


def test_invitations_tell_the_paper_the_logo_and_the_agenda_at_once(
    cli, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = GOOD.replace('venue: "Hal 1"', 'venue: "Hal 1"\nhost_logo: logo.png')
    Path("session.yaml").write_text(text + "agenda: [opening, contributon]\n", "utf-8")
    result = cli("invitations", "session.yaml", "-o", "letters", "--paper", "a5")
    assert result.exit_code == 1 and not Path("letters").exists()
    assert result.stderr == (
        "error: 3 problems found\n"
        "  '--paper': unknown paper 'a5'\n"
        "    Use one of: a4, letter.\n"
        "  session.yaml:5:1 'host_logo': the logo file logo.png does not exist\n"
        "    The path is read relative to the session file's folder.\n"
        "  session.yaml:9:19 agenda, entry 2: unknown part 'contributon' - did you mean "
        "'contribution'?\n"
        f"    {VALID_PARTS}\n"
    )


def test_too_long_text_is_said_once_for_every_limited_field(cli, tmp_path, monkeypatch) -> None:
    def x(n: int) -> str:
        return "x" * n

    text = f"""language: en
title: "{x(101)}"
date: 2027-03-04
start: "09:00"
venue: "{x(121)}"
host: "{x(101)}"
facilitator: {{name: "{x(61)}", email: "{x(101)}"}}
partners:
  - {{name: "Karen Nielsen", organisation: "{x(101)}", role: "{x(81)}", email: "{x(101)}"}}
  - {{name: "{x(61)}", organisation: "Org"}}
agenda:
  - {{title: "{x(81)}", minutes: 30}}
  - "{x(81)}"
"""

    def said(place: str, length: int, limit: int) -> str:
        return (
            f"  session.yaml:{place} is {length} characters long; at most {limit} are allowed\n"
            f"    Shorten it to {limit} characters or fewer, so that it fits on every page.\n"
        )

    assert messages(cli, tmp_path, monkeypatch, text) == "error: 11 problems found\n" + "".join(
        [
            said("2:1: 'title'", 101, 100),
            said("5:1: 'venue'", 121, 120),
            said("6:1: 'host'", 101, 100),
            said("7:15: 'facilitator.name'", 61, 60),
            said("7:86: 'facilitator.email'", 101, 100),
            said("9:29 partner 1 (Karen Nielsen): 'organisation'", 101, 100),
            said("9:148 partner 1 (Karen Nielsen): 'role'", 81, 80),
            said("9:239 partner 1 (Karen Nielsen): 'email'", 101, 100),
            said("10:6 partner 2: 'name'", 61, 60),
            said("12:6 agenda, entry 1: 'title'", 81, 80),
            # a part written in the short form has no key to lead with
            said("13:5 agenda, entry 2: the part", 81, 80),
        ]
    )


@pytest.mark.parametrize(
    "name",
    ["\u200b", "\u00ad", "\u3164", " \u2800 ", "\u0301"],
    ids=["zwsp", "shy", "hf", "br", "mark"],
)
def test_a_name_with_nothing_to_see_is_not_put_in_brackets(
    cli, tmp_path, monkeypatch, name: str
) -> None:
    text = GOOD.replace('{name: "Bo", organisation: "Org"}', f'{{name: "{name}", organisation: 7}}')
    stderr = messages(cli, tmp_path, monkeypatch, text)
    assert "  session.yaml:7:6 partner 1: 'name' has no visible character" in stderr
    assert " partner 1: 'organisation' must be text, but YAML reads 7 as a number" in stderr
    assert "partner 1 (" not in stderr
