"""The messages of issue 16's "Why", exactly as a facilitator sees them on stderr.

Each case is a session file a new user could write, beside the whole message it gets;
the run is made from the file's folder, so paths read as the user typed them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD = """language: da
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

# A bad date, a misspelt key, a partner without an organisation and a misspelt part:
# every one in one run, in file order, counted from 1, the partner named.
ROUNDS = """language: da
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
  session.yaml:2:1: 'date' must be a date like 2027-03-04 (found '2027-02-30')
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
            GOOD.replace("language: da", "language: no"),
            """error: 1 problem found
  session.yaml:1:1: 'language' must be text, but YAML reads no as false
    Write it in quotes: language: "no"
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
    ],
    ids=["rounds", "no", "number", "tab", "indentation", "quote", "colon"],
)
def test_session_messages(cli, tmp_path, monkeypatch, text: str, expected: str) -> None:
    assert messages(cli, tmp_path, monkeypatch, text) == expected
