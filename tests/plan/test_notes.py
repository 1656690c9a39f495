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
        start = next(i for i, page in enumerate(pages) if title in page[:4])
        lines = list(pages[start])
        # a run sheet that runs on: the next page until another part's sheet begins
        following = pages[start + 1] if start + 1 < len(pages) else []
        if following and not any(t in following[:4] for t in titles.values()):
            lines += following
        found[key] = lines
    return found


def _ui(key: str) -> str:
    return load_content("da").ui.get(key)


def test_the_guides_included_break_is_a_row_of_its_own_on_the_clock(
    sheets: dict[str, list[str]],
) -> None:
    ambition = sheets["ambition"]
    pause = _ui("notes.included_break")
    rows = [line for line in ambition if line.startswith(pause)]
    assert len(rows) == 1
    assert rows[0].endswith("15 min. · 10.30–10.45")
    # steps 3 and 4 meet the break on either side
    assert any(line.endswith("20 min. · 10.10–10.30") for line in ambition)
    assert any(line.endswith("15 min. · 10.45–11.00") for line in ambition)
    assert not any(line.startswith(pause) for line in sheets["next_steps"])


@pytest.mark.parametrize("key", ["ambition", "contribution", "next_steps"])
def test_every_minute_of_a_part_is_on_its_run_sheet(sheets: dict[str, list[str]], key: str) -> None:
    """The step rows (and break) run back to back from the part's start to its end."""
    lines = sheets[key]
    start, end = SPAN.search(lines[0] + " " + lines[1]).groups()  # type: ignore[union-attr]
    rows = [SPAN.search(line) for line in lines[2:] if " min. · " in line]
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
