"""The agenda's timeline, rendered and read back: a bar too narrow for its name carries its
row's number, the table shows the same number beside that row, and no name is cut short."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import pdf_lines

KITCHEN = (
    "Rundvisning i køkkenet med smagsprøver fra sæsonens grøntsager og en snak med køkkenchefen"
)
HEADER = "Tid   Programpunkt   Formål"  # the table's head, under the timeline's hours
AGENDA = [
    "opening",
    "introductions",
    {"title": KITCHEN, "minutes": 15},  # a long name on a short bar
    "ambition",
    "lunch",
    "contribution",
    "next_steps",
    "closing",
]


def _agenda(path: Path) -> list[str]:
    return next(page for page in pdf_lines(path) if HEADER in page)


def test_a_narrow_bar_carries_its_rows_number_and_no_name_is_cut(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    session = write_session(agenda=AGENDA)
    out = tmp_path / "agenda.pdf"
    result = cli("agenda", session, "-o", out)
    assert result.exit_code == 0, result.output
    lines = _agenda(out)
    assert not any("…" in line for line in lines)
    header = lines.index(HEADER)
    bars = lines[header - 2].split("   ")  # the timeline's labels, left to right, above its hours
    assert lines[header - 1].startswith("09.00")
    # the table's rows that start with a number: the row's number, then its times
    rows = [line.split("   ") for line in lines[header + 1 :]]
    numbered = {cells[0]: cells[1] for cells in rows if cells[0].isdigit()}
    numbers = [label for label in bars if label.isdigit()]
    assert numbers and sorted(numbers, key=int) == sorted(numbered, key=int)
    # the kitchen tour, third of the day, is one of them: its whole name only in the table
    assert "3" in numbered and KITCHEN not in " ".join(bars)
    assert KITCHEN in " ".join(" ".join(lines).split())
    # a bar wide enough keeps its name, whole
    assert "Frokost" in bars
    # the numbers follow the bars' order, as the rows do
    assert numbers == sorted(numbers, key=int)


def test_a_day_whose_bars_all_hold_their_names_has_no_numbers(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    session = write_session(agenda=["ambition", "lunch"])
    out = tmp_path / "agenda.pdf"
    assert cli("agenda", session, "-o", out).exit_code == 0
    lines = _agenda(out)
    header = lines.index(HEADER)
    assert not any(label.isdigit() for label in lines[header - 2].split("   "))
    assert all(not line.split("   ")[0].isdigit() for line in lines[header + 1 :])
