"""Partners from a spreadsheet: ``partners: partnere.csv`` (or ``.xlsx``) in the session file.

Hosts keep their partners in a spreadsheet; typing them into YAML again is where names get
misspelt. The columns are found by their headers, in Danish or English and in any order;
every row is checked with the same model and limits as a partner written in YAML, and every
bad row is told at once, as file:row:column (rows and columns counted as the spreadsheet
program shows them, the header being row 1), so the list is fixed in one round.

CSV as spreadsheet programs write it: UTF-8 with or without a byte-order mark (or UTF-16
with one), else Windows-1252 (what Danish Excel writes as "CSV"); comma, semicolon (Danish
Excel) or tab between the columns, found from the header row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from workbook.core.errors import Problem, UserError, closest, did_you_mean
from workbook.session.partners_reading import Place, Row, csv_rows, decode, read_bytes, xlsx_rows

MAX_CSV_BYTES = 2 * 1024 * 1024  # as a session file: some ten thousand rows
MAX_XLSX_BYTES = 10 * 1024 * 1024
MAX_PARTNERS = 1000  # the session model's limit

SUFFIXES = (".csv", ".xlsx")

# The headers each field is found under, written as people write them in either language;
# compared without case, spaces, hyphens, dots and underscores ("E-mail" is "email").
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "navn", "fullname", "fuldenavn", "fuldtnavn", "deltager", "participant"),
    "organisation": (
        "organisation",
        "organization",
        "org",
        "virksomhed",
        "firma",
        "company",
        "institution",
    ),
    "role": ("role", "rolle", "titel", "title", "stilling", "position", "jobtitle", "jobtitel"),
    "email": ("email", "mail", "emailadresse", "emailaddress", "mailadresse"),
}
# A name in two columns is joined: first name and last name.
FIRST = ("firstname", "fornavn", "givenname")
LAST = ("lastname", "efternavn", "surname", "familyname")

# What a value may not hold, as in a session file: control characters never print.
_NOT_IN_VALUE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class PartnersRead:
    """The partners as the session model takes them, and what reading them noticed."""

    partners: list[dict[str, str]]
    notes: list[Problem]


@dataclass(frozen=True)
class _Columns:
    """Where each field is: a column index (0-based), or the two columns of a split name."""

    fields: dict[str, int]
    first_last: tuple[int, int] | None
    headers: list[str]
    ignored: list[str]


def is_partners_file(value: object) -> bool:
    return isinstance(value, str) and Path(value.strip()).suffix.lower() in SUFFIXES


def read_partners(path: Path, written_as: str, at: Place = (None, None, None)) -> PartnersRead:
    """Every partner in ``path``, or a ``UserError`` with every bad row in it. A file that
    cannot be read at all is told at ``at``, the line naming it."""
    kind = path.suffix.lower()
    data = read_bytes(path, MAX_XLSX_BYTES if kind == ".xlsx" else MAX_CSV_BYTES, written_as, at)
    return partners_in(data, path)


def partners_in(data: bytes, path: Path) -> PartnersRead:
    """The partners in a spreadsheet's bytes (an upload on the web page); ``path`` names it
    in messages and its suffix says whether it is .csv or .xlsx."""
    if path.suffix.lower() not in SUFFIXES:
        raise UserError(
            Problem(
                "is not a spreadsheet the partners can be read from",
                file=path,
                hint="Save the list as .csv (CSV UTF-8) or .xlsx.",
                key="not_spreadsheet",
            )
        )
    limit = MAX_XLSX_BYTES if path.suffix.lower() == ".xlsx" else MAX_CSV_BYTES
    if len(data) > limit:
        raise UserError(
            Problem(
                f"is {len(data) // 1024} KiB; at most {limit // 1024} KiB is read",
                file=path,
                key="sheet_too_big",
                values=(("size", len(data) // 1024), ("limit", limit // 1024)),
            )
        )
    rows = xlsx_rows(data, path) if path.suffix.lower() == ".xlsx" else _csv_rows(data, path)
    return _partners(rows, path)


def _csv_rows(data: bytes, path: Path) -> list[Row]:
    text = decode(data, path)
    first = text.split("\n", 1)[0]
    delimiter = max(
        (";", ",", "\t"),
        key=lambda d: (_known(next(csv.reader([first], delimiter=d), [])), first.count(d)),
    )
    return csv_rows(text, delimiter, path)


def _folded(header: str) -> str:
    return re.sub(r"[\s\-_.]+", "", header.strip().lstrip("\ufeff")).casefold()


def _field_of(header: str) -> str | None:
    folded = _folded(header)
    return next((field for field, names in HEADERS.items() if folded in names), None)


def _known(headers: Sequence[str]) -> int:
    folded = {_folded(h) for h in headers}
    return sum(1 for h in headers if _field_of(h)) + len(folded & {*FIRST, *LAST})


def _columns(headers: list[str], path: Path, row: int) -> _Columns:
    fields: dict[str, int] = {}
    problems: list[Problem] = []
    first = last = None
    ignored: list[str] = []
    for index, header in enumerate(headers):
        field = _field_of(header)
        folded = _folded(header)
        if field is not None:
            if field in fields:
                problems.append(
                    Problem(
                        f"the column '{header.strip()}' is a second '{field}' column "
                        f"(the first is column {fields[field] + 1})",
                        file=path,
                        line=row,
                        column=index + 1,
                        hint="Keep one of them, or rename the other.",
                        key="column_twice",
                        values=(
                            ("header", header.strip()),
                            ("field", field),
                            ("first", fields[field] + 1),
                        ),
                    )
                )
                continue
            fields[field] = index
        elif folded in FIRST and first is None:
            first = index
        elif folded in LAST and last is None:
            last = index
        elif header.strip():
            ignored.append(header.strip())
    split = (first, last) if first is not None and last is not None else None
    if "name" not in fields and split is None:
        problems.append(_missing("name", headers, path, row))
    if "organisation" not in fields:
        problems.append(_missing("organisation", headers, path, row))
    if problems:
        raise UserError(problems)
    if "name" in fields and split is not None:  # a full name wins; the parts are extra
        ignored += [headers[split[0]].strip(), headers[split[1]].strip()]
        split = None
    return _Columns(fields, split, headers, ignored)


def _missing(field: str, headers: list[str], path: Path, row: int) -> Problem:
    names = HEADERS[field]
    found = ", ".join(f"'{h.strip()}'" for h in headers if h.strip()) or "none"
    close = did_you_mean(_folded(" ".join(headers)), names) if len(headers) == 1 else ""
    for header in headers:
        close = close or did_you_mean(_folded(header), names)
    written = "navn/name (or fornavn and efternavn)" if field == "name" else "organisation"
    nearest = closest(_folded(" ".join(headers)), names) if len(headers) == 1 else None
    for header in headers:
        nearest = nearest or closest(_folded(header), names)
    return Problem(
        f"no column for the partners' {field}: the header row (row {row}) must have a "
        f"column named {written}; found {found}",
        file=path,
        line=row,
        hint=(
            close + "Headers may be in Danish or English, in any order: navn/name, "
            "organisation, rolle/role, e-mail/email."
        ),
        key=f"no_{field}_column",
        values=(("row", row), ("headers", found), ("close", nearest or "")),
        hint_key="headers_close" if nearest else "headers",
    )


def _partners(rows: list[Row], path: Path) -> PartnersRead:
    from workbook.session.model import Partner  # the model imports this module

    filled = [(number, cells) for number, cells in rows if any(c.strip() for c in cells)]
    if not filled:
        raise UserError(
            Problem(
                "the partners file is empty: it needs a header row and a row per partner",
                file=path,
                hint="The header row names the columns: navn/name, organisation, "
                "rolle/role, e-mail/email.",
                key="sheet_empty",
            )
        )
    header_row, headers = filled[0]
    columns = _columns(headers, path, header_row)
    notes = []
    if columns.ignored:
        notes.append(
            Problem(
                f"the column(s) {', '.join(repr(h) for h in columns.ignored)} are not read",
                file=path,
                line=header_row,
                hint="A partner's name, organisation, role and e-mail are read; other "
                "columns are left as they are.",
                key="columns_ignored",
                values=(("columns", ", ".join(repr(h) for h in columns.ignored)),),
            )
        )
    partners: list[dict[str, str]] = []
    problems: list[Problem] = []
    for number, cells in filled[1:]:
        values, places = _values(cells, columns)
        found = _characters(values, places, number, path, columns)
        try:
            Partner.model_validate(values)
        except ValidationError as exc:
            found += _row_problems(exc, values, places, number, path, columns)
        if found:
            problems += found
        else:
            partners.append(values)
    if not filled[1:]:
        problems.append(
            Problem(
                "has a header row but no partners under it",
                file=path,
                line=header_row,
                hint="Add a row per partner under the header row.",
                key="no_partner_rows",
            )
        )
    if len(filled) - 1 > MAX_PARTNERS:
        number, _ = filled[MAX_PARTNERS + 1]
        problems.append(
            Problem(
                f"lists {len(filled) - 1} partners; at most {MAX_PARTNERS} are allowed",
                file=path,
                line=number,
                hint="Split the partners over several sessions.",
                key="too_many_partners",
                values=(("count", len(filled) - 1), ("limit", MAX_PARTNERS)),
            )
        )
    if problems:
        raise UserError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    return PartnersRead(partners, notes)


def _values(cells: list[str], columns: _Columns) -> tuple[dict[str, str], dict[str, int]]:
    """The row as the model takes it (empty optional cells left out), and each field's
    column (0-based)."""

    def cell(index: int) -> str:
        return cells[index] if index < len(cells) else ""

    values: dict[str, str] = {}
    places = dict(columns.fields)
    if columns.first_last is not None:
        first, last = columns.first_last
        values["name"] = " ".join(p for p in (cell(first).strip(), cell(last).strip()) if p)
        places["name"] = first
    for field, index in columns.fields.items():
        text = cell(index)
        if field in ("role", "email") and not text.strip():
            continue
        values[field] = text
    return values, places


def _label(number: int, values: dict[str, str]) -> str:
    """ "row 5 (Karen Nielsen)": the name only where it can be printed as it is."""
    name = values.get("name", "").strip()
    printable = name and len(name) <= 60 and not _NOT_IN_VALUE.search(name)
    return f"row {number} ({name})" if printable else f"row {number}"


def _item(number: int, values: dict[str, str]) -> tuple[str, int, str | None]:
    """The row as a counted item (``messages.row``), named where its name prints as it is."""
    name = values.get("name", "").strip()
    printable = name and len(name) <= 60 and not _NOT_IN_VALUE.search(name)
    return ("row", number, name if printable else None)


# The session model's own validators (``PydanticCustomError``), told by ui.yaml's message
# of that name, as in a session file (``core.validation``).
_OWN_ERRORS = ("invisible", "email", "year_range", "clock")


def _header(field: str, places: dict[str, int], columns: _Columns) -> str:

    index = places.get(field)
    if index is None or index >= len(columns.headers):
        return field
    return columns.headers[index].strip() or field


def _row_problems(
    exc: ValidationError,
    values: dict[str, str],
    places: dict[str, int],
    number: int,
    path: Path,
    columns: _Columns,
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        field = str(error["loc"][0]) if error["loc"] else "name"
        kind = error["type"]
        hint = None
        key: str | None = None
        said: dict[str, object] = {}
        if kind in ("missing", "string_too_short"):
            message = "is empty; every partner needs one"
            hint = "Fill in the cell, or delete the row if it is not a partner."
            key = "cell_empty"
        elif kind == "string_too_long":
            limit, length = error["ctx"]["max_length"], len(values[field].strip())
            message = f"is {length} characters long; at most {limit} are allowed"
            hint = f"Shorten it to {limit} characters or fewer, so that it fits on every page."
            key, said = "too_long", {"length": length, "limit": limit}
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
            if kind in _OWN_ERRORS:  # the model's own validators: told by their type's message
                key = kind
                said = {
                    k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, str | int)
                }
        index = places.get(field)
        header = _header(field, places, columns)
        problems.append(
            Problem(
                f"'{header}' {message}",
                file=path,
                line=number,
                column=None if index is None else index + 1,
                field=f"partners.{field}",
                hint=hint,
                label=_label(number, values),
                key=key,
                values=tuple(said.items()),
                item=_item(number, values),
                subject=header if key else None,
            )
        )
    return problems


def _characters(
    values: dict[str, str], places: dict[str, int], number: int, path: Path, columns: _Columns
) -> list[Problem]:
    found = []
    for field, value in values.items():
        bad = _NOT_IN_VALUE.search(value)
        if bad:
            code = ord(value[bad.start()])
            found.append(
                Problem(
                    f"'{_header(field, places, columns)}' holds U+{code:04X} (a control "
                    f"character), character {bad.start() + 1}; it cannot be printed",
                    file=path,
                    line=number,
                    column=places[field] + 1,
                    hint="Remove it from the cell.",
                    label=_label(number, values),
                    key="control_char",
                    values=(("code", f"U+{code:04X}"), ("at", bad.start() + 1)),
                    item=_item(number, values),
                    subject=_header(field, places, columns),
                )
            )
    return found
