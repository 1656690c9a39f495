"""Partners from a spreadsheet (``partners: partnere.csv`` or ``.xlsx``): the ways Excel and
other programs write one, every bad row told at once as file:row:column, and the same
limits as partners written in YAML."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.conftest import BASE_SESSION
from workbook.core.errors import UserError
from workbook.session.model import load_session
from workbook.session.partners_file import partners_in

ROWS = [
    ("Ayşe Yılmaz", "Ağaç Kooperatif", "Leder", "ayse@example.dk"),
    ("Bjørn Åberg", "Grønt Køkken ApS", "", ""),
]


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # messages name files as typed from here


def _session(folder: Path, partners: str = "partnere.csv", **changes: Any) -> Path:
    data = {**BASE_SESSION, "partners": partners, **changes}
    path = folder / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _csv(rows: list[list[str]], delimiter: str = ";") -> str:
    def cell(value: str) -> str:
        if any(c in value for c in (delimiter, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(cell(v) for v in row) + "\r\n" for row in rows)


@pytest.mark.parametrize(
    ("encoding", "delimiter", "headers"),
    [
        ("utf-8-sig", ";", ["Navn", "Organisation", "Rolle", "E-mail"]),  # Excel "CSV UTF-8"
        ("cp1252", ";", ["navn", "ORGANISATION", "rolle", "e-mail"]),  # Danish Excel "CSV"
        ("utf-8", ",", ["Name", "Organization", "Role", "Email"]),
        ("utf-16", "\t", ["name", "organisation", "role", "email"]),  # "Unicode text"
    ],
)
def test_the_ways_spreadsheet_programs_write_a_csv(
    tmp_path: Path, encoding: str, delimiter: str, headers: list[str]
) -> None:
    rows = [headers, *[list(row) for row in ROWS]]
    if encoding == "cp1252":  # Windows-1252 has no ş, ı or ğ
        rows[1] = ["Åse Øberg", "Æblegården", "Leder", "aase@example.dk"]
    (tmp_path / "partnere.csv").write_bytes(_csv(rows, delimiter).encode(encoding))
    session, _ = load_session(_session(tmp_path))
    first, second = session.partners
    assert (first.name, first.organisation, first.role, first.email) == tuple(rows[1])
    assert (second.name, second.organisation, second.role, second.email) == (
        "Bjørn Åberg",
        "Grønt Køkken ApS",
        None,
        None,
    )
    assert session.notes == ()


def test_columns_in_any_order_split_names_and_extra_columns_noted(tmp_path: Path) -> None:
    rows = [
        ["Telefon", "Efternavn", "Virksomhed", "Fornavn", "Noter"],
        ["12345678", "Yılmaz", "Ağaç Kooperatif", "Ayşe", "kommer måske"],
        ["", "", "", "", ""],  # an empty row between: skipped
        ["", "Åberg", "Grønt Køkken ApS", "Bjørn", ""],
    ]
    (tmp_path / "partnere.csv").write_text(_csv(rows), "utf-8")
    session, _ = load_session(_session(tmp_path))
    assert [(p.name, p.organisation) for p in session.partners] == [
        ("Ayşe Yılmaz", "Ağaç Kooperatif"),
        ("Bjørn Åberg", "Grønt Køkken ApS"),
    ]
    (note,) = session.notes
    assert note.render().startswith("partnere.csv:1: the column(s) 'Telefon', 'Noter' are not read")


def test_every_bad_row_at_once_with_row_and_column(tmp_path: Path) -> None:
    rows = [
        ["E-mail", "Navn", "Organisation"],
        ["a@example.dk", "", "Org"],
        ["b@example.dk", "Bo", "x" * 101],
        ["c@example.dk", "Ida\x07", "Org"],
        ["d@example.dk", "   ", "Org"],
        ["e@example.dk", "Karen Nielsen", ""],
    ]
    (tmp_path / "partnere.csv").write_text(_csv(rows), "utf-8")
    with pytest.raises(UserError) as caught:
        load_session(_session(tmp_path))
    shown = [problem.render().splitlines()[0] for problem in caught.value.problems]
    assert shown == [
        "partnere.csv:2:2 row 2: 'Navn' is empty; every partner needs one",
        "partnere.csv:3:3 row 3 (Bo): 'Organisation' is 101 characters long; at most 100 are "
        "allowed",
        "partnere.csv:4:2 row 4: 'Navn' holds U+0007 (a control character), "
        "character 4; it cannot be printed",
        "partnere.csv:5:2 row 5: 'Navn' is empty; every partner needs one",
        "partnere.csv:6:3 row 6 (Karen Nielsen): 'Organisation' is empty; every partner needs one",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the partners file is empty"),
        (_csv([["Navn", "Organisation"]]).encode(), "has a header row but no partners under it"),
        (
            _csv([["Fulde navn", "Firmanavn"], ["Bo", "Org"]]).encode(),
            "no column for the partners' organisation",
        ),
        (
            _csv([["Navn", "Name", "Organisation"], ["Bo", "Bo", "Org"]]).encode(),
            "the column 'Name' is a second 'name' column (the first is column 1)",
        ),
        (b"Navn;Organisation\r\nB\x81\x8d;Org\r\n", "is neither UTF-8 nor Windows-1252 text"),
        (
            _csv([["Navn", "Organisation"]] + [[f"P{i}", "O"] for i in range(1001)]).encode(),
            "lists 1001 partners; at most 1000 are allowed",
        ),
    ],
)
def test_a_file_that_is_not_a_list_of_partners_is_told(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    (tmp_path / "partnere.csv").write_bytes(content)
    with pytest.raises(UserError) as caught:
        load_session(_session(tmp_path))
    assert expected in str(caught.value), str(caught.value)


def test_problems_with_the_file_itself_point_at_the_session_line(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        load_session(_session(tmp_path, partners="mangler.csv", venue=""))
    text = str(caught.value)
    assert "session.yaml:5:1: 'venue' must not be empty" in text  # in the same round
    assert "session.yaml:10:1 'partners': the partners file mangler.csv does not exist" in text
    with pytest.raises(UserError) as caught:
        load_session(_session(tmp_path, partners="partnere.txt"))
    assert "must be a list of partners or a spreadsheet (.csv or .xlsx)" in str(caught.value)


def _xlsx(path: Path, rows: list[list[Any]], sheets: int = 1) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for number in range(1, sheets):
        book.create_sheet(f"Ark{number + 1}").append(["Navn", "Organisation"])
    book.save(path)
    return path


def test_an_excel_workbook_first_sheet_numbers_as_text(tmp_path: Path) -> None:
    _xlsx(
        tmp_path / "partnere.xlsx",
        [
            ["Organisation", "Navn", "Rolle"],
            ["Ağaç Kooperatif", "Ayşe Yılmaz", 42],  # a number typed in a cell
            ["Grønt Køkken ApS", "Bjørn Åberg", None],
        ],
        sheets=2,
    )
    session, _ = load_session(_session(tmp_path, partners="partnere.xlsx"))
    assert [(p.name, p.role) for p in session.partners] == [
        ("Ayşe Yılmaz", "42"),
        ("Bjørn Åberg", None),
    ]


def test_an_excel_row_with_a_problem_is_located(tmp_path: Path) -> None:
    _xlsx(tmp_path / "partnere.xlsx", [["Navn", "Organisation"], ["Bo", None]])
    with pytest.raises(UserError) as caught:
        load_session(_session(tmp_path, partners="partnere.xlsx"))
    assert "partnere.xlsx:2:2 row 2 (Bo): 'Organisation' is empty" in str(caught.value)


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 not really a zip", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old .xls", b""],
)
def test_a_damaged_or_old_workbook_is_told(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "partnere.xlsx").write_bytes(content)
    with pytest.raises(UserError) as caught:
        load_session(_session(tmp_path, partners="partnere.xlsx"))
    text = str(caught.value)
    assert "partnere.xlsx" in text and "Traceback" not in text
    assert "cannot be read as an Excel workbook" in text or "is empty" in text


def test_an_upload_that_is_not_a_spreadsheet_is_told() -> None:
    with pytest.raises(UserError, match="not a spreadsheet"):
        partners_in(b"Navn;Organisation\n", Path("partnere.docx"))


# What a person may type in a cell, as in a YAML string: letters, spaces, punctuation and
# the invisible characters the model refuses alone; and the lengths around each limit.
_TEXT = st.text(
    alphabet=st.sampled_from(list(string.ascii_letters + " æøåÆØÅığşé-'.,&\u200b\u00ad")),
    max_size=110,
)


@given(name=_TEXT, organisation=_TEXT, role=_TEXT)
def test_a_spreadsheet_row_is_valid_exactly_when_the_same_partner_in_yaml_is(
    tmp_path_factory: pytest.TempPathFactory, name: str, organisation: str, role: str
) -> None:
    assume(any(cell.strip() for cell in (name, organisation, role)))  # a blank row is skipped
    folder = tmp_path_factory.mktemp("same")
    partner = {
        "name": name,
        "organisation": organisation,
        **({"role": role} if role.strip() else {}),
    }
    from_yaml = _outcome(lambda: load_session(_session(folder, partners=[partner])))  # type: ignore[arg-type]
    (folder / "partnere.csv").write_text(
        _csv([["Navn", "Organisation", "Rolle"], [name, organisation, role]]), "utf-8"
    )
    from_csv = _outcome(lambda: load_session(_session(folder)))
    assert from_yaml == from_csv


def _outcome(load: Any) -> Any:
    try:
        session, _ = load()
    except UserError as exc:
        return sorted({p.field.rsplit(".", 1)[-1] for p in exc.problems if p.field})
    return [(p.name, p.organisation, p.role) for p in session.partners]
