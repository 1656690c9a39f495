"""Run sheets true to the clock, rendered and read back: the guide's included break as a row
of its own, every minute of a part on the sheet, and a part given other minutes saying so."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import pytest

from tests.conftest import BASE_SESSION, pdf_lines
from workbook.language.loading import load_content

AGENDA = [
    "opening",
    {"introductions": 20},  # the guide's 15, and steps without times of their own
    "ambition",  # 120 minutes incl. a break of 15
    "lunch",
    {"contribution": 60},  # the guide's 90: steps and break scaled
    "next_steps",  # 20 minutes, no break
]
SPAN = re.compile(r"(\d\d\.\d\d)–(\d\d\.\d\d)")


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each guide part's run sheet (its pages' lines), by the part's title."""
    import yaml
    from typer.testing import CliRunner

    from workbook.cli import app

    folder = tmp_path_factory.mktemp("notes")
    session = folder / "session.yaml"
    data: dict[str, Any] = {**BASE_SESSION, "agenda": AGENDA}
    session.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    out = folder / "pack.pdf"
    result = CliRunner().invoke(app, ["pack", str(session), "-o", str(out), "--boards", "none"])
    assert result.exit_code == 0, result.output
    parts = load_content("da").parts.parts
    titles = {key: getattr(parts, key).title for key in ("introductions", "ambition")}
    titles |= {key: getattr(parts, key).title for key in ("contribution", "next_steps")}
    pages = pdf_lines(out)
    found: dict[str, list[str]] = {}
    for key, title in titles.items():
        start = next(i for i, page in enumerate(pages) if _opens(page, title))
        lines = list(pages[start])
        # a run sheet that runs on: the next page until another part's sheet begins
        following = pages[start + 1] if start + 1 < len(pages) else []
        if following and not any(_opens(following, t) for t in titles.values()):
            lines += following
        found[key] = lines
    return found


def _opens(page: list[str], title: str) -> bool:
    """Whether ``page`` opens with ``title``, set in capitals by its heading level and
    perhaps over two lines, under the part's kicker (not under the running head of a sheet
    that runs on, which names it too)."""
    return title.upper() in " ".join(page[:4]) and not page[0].endswith("(FORTSAT)")


def _row(lines: list[str], span: str, minutes: int) -> bool:
    """Whether a row of the sheet starts at ``span`` with ``minutes`` under it in the side
    column."""
    return any(
        line.startswith(span) and after.startswith(f"{minutes} min.")
        for line, after in pairwise(lines)
    )


def _ui(key: str) -> str:
    return load_content("da").ui.get(key)


def test_the_guides_included_break_is_a_row_of_its_own_on_the_clock(
    sheets: dict[str, list[str]],
) -> None:
    ambition = sheets["ambition"]
    pause = _ui("notes.included_break")
    rows = [line for line in ambition if pause in line]
    assert len(rows) == 1 and rows[0].startswith("10.30–10.45")
    assert _row(ambition, "10.30–10.45", 15)
    # steps 3 and 4 meet the break on either side
    assert _row(ambition, "10.10–10.30", 20) and _row(ambition, "10.45–11.00", 15)
    assert not any(pause in line for line in sheets["next_steps"])


@pytest.mark.parametrize("key", ["ambition", "contribution", "next_steps"])
def test_every_minute_of_a_part_is_on_its_run_sheet(sheets: dict[str, list[str]], key: str) -> None:
    """The step rows (and break) run back to back from the part's start to its end."""
    lines = sheets[key]
    start, end = SPAN.search(lines[0] + " " + lines[1]).groups()  # type: ignore[union-attr]
    rows = [SPAN.match(line) for line in lines[1:]]
    spans = [match.groups() for match in rows if match]
    assert spans[0][0] == start and spans[-1][1] == end, spans
    assert all(a[1] == b[0] for a, b in pairwise(spans)), spans


def test_a_part_given_other_minutes_says_so(sheets: dict[str, list[str]]) -> None:
    # the facts' duration (wrapped in its narrow column), and a sentence under the steps
    text = " ".join(sheets["introductions"])
    assert "(vejledningen:" in text
    said = "varer her 20 min. mod vejledningens 15 min.; vejledningen giver ikke trinnene"
    assert said in text  # and that its steps have no times of their own
    contribution = " ".join(sheets["contribution"])
    assert "(vejledningen:" in contribution
    assert "trinnenes tider og en eventuel pause er derfor skaleret" in contribution
    ambition = " ".join(sheets["ambition"])
    assert "vejledningen:" not in ambition and "skaleret" not in ambition
