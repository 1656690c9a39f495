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
import datetime as dt
import io
import re
import stat
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workbook.core.errors import Problem, UserError, did_you_mean

MAX_CSV_BYTES = 2 * 1024 * 1024  # as a session file: some ten thousand rows
MAX_XLSX_BYTES = 10 * 1024 * 1024
MAX_PARTNERS = 1000  # the session model's limit
MAX_COLUMNS = 60
MAX_ROWS_SCANNED = 20_000  # blank and formatted rows included: a sheet is not read forever

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


# Where the session file names the partners file: (session file, line, column).
Place = tuple[Path | None, int | None, int | None]


def read_partners(path: Path, written_as: str, at: Place = (None, None, None)) -> PartnersRead:
    """Every partner in ``path``, or a ``UserError`` with every bad row in it. A file that
    cannot be read at all is told at ``at``, the line naming it."""
    kind = path.suffix.lower()
    data = _read_bytes(path, MAX_XLSX_BYTES if kind == ".xlsx" else MAX_CSV_BYTES, written_as, at)
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
            )
        )
    limit = MAX_XLSX_BYTES if path.suffix.lower() == ".xlsx" else MAX_CSV_BYTES
    if len(data) > limit:
        raise UserError(
            Problem(f"is {len(data) // 1024} KiB; at most {limit // 1024} KiB is read", file=path)
        )
    rows = _xlsx_rows(data, path) if path.suffix.lower() == ".xlsx" else _csv_rows(data, path)
    return _partners(rows, path)


def _read_bytes(path: Path, limit: int, name: str, at: Place) -> bytes:
    def refuse(message: str, hint: str | None = None) -> UserError:
        file, line, column = at
        if file is None:
            return UserError(Problem(message, file=path, hint=hint))
        return UserError(
            Problem(message, file=file, line=line, column=column, field="partners", hint=hint)
        )

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise refuse(f"{name} is a folder, not a partners file", "Name the .csv or .xlsx file.")
        if not stat.S_ISREG(info.st_mode):
            raise refuse(f"{name} is not a regular file (a device, pipe or socket)")
        if info.st_size > limit:
            raise refuse(
                f"the partners file {name} is {info.st_size // 1024} KiB; at most "
                f"{limit // 1024} KiB "
                "is read",
                "Is this the right file? A list of partners is a small file.",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise refuse(
            f"the partners file {name} does not exist",
            "The path is read relative to the session file's folder.",
        ) from None
    except PermissionError:
        raise refuse(f"the partners file {name} cannot be read (permission denied)") from None
    except OSError as exc:
        raise refuse(f"the partners file {name} cannot be read: {exc.strerror}") from None


# A row: its number as the spreadsheet shows it, and its cells as text.
Row = tuple[int, list[str]]


def _decode(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return _strict(data, "utf-16", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # Danish Excel's "CSV (semikolonsepareret)"
    except UnicodeDecodeError as exc:
        raise UserError(
            Problem(
                "is neither UTF-8 nor Windows-1252 text",
                file=path,
                line=data[: exc.start].count(b"\n") + 1,
                hint="Save it again from the spreadsheet program as 'CSV UTF-8', or as .xlsx.",
            )
        ) from None


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UserError(
            Problem(
                f"starts as {encoding.upper()} text but is not ({exc.reason})",
                file=path,
                hint="Save it again from the spreadsheet program as 'CSV UTF-8', or as .xlsx.",
            )
        ) from None


def _csv_rows(data: bytes, path: Path) -> list[Row]:
    text = _decode(data, path)
    first = text.split("\n", 1)[0]
    delimiter = max(
        (";", ",", "\t"),
        key=lambda d: (_known(next(csv.reader([first], delimiter=d), [])), first.count(d)),
    )
    rows: list[Row] = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            rows.append((number, cells[:MAX_COLUMNS]))
            if number > MAX_ROWS_SCANNED:
                break
    except csv.Error as exc:
        raise UserError(
            Problem(
                f"is not a readable CSV file ({exc})",
                file=path,
                line=len(rows) + 1,
                hint="Check the quotes in this row, or save the sheet as .xlsx.",
            )
        ) from None
    return rows


def _xlsx_rows(data: bytes, path: Path) -> list[Row]:
    """The first sheet's rows, values as the sheet shows them (formulas' last results)."""
    from openpyxl import load_workbook  # 0.2 s of imports, needed only for a spreadsheet

    try:
        with warnings.catch_warnings():  # openpyxl warns about extensions it does not read
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        del exc  # its text may quote the file's bytes
        raise UserError(
            Problem(
                "cannot be read as an Excel workbook (.xlsx): it is damaged, "
                "password-protected or in another format such as the old .xls",
                file=path,
                hint="Open it in the spreadsheet program and save it as .xlsx or as CSV UTF-8.",
            )
        ) from None
    try:
        if not book.worksheets:
            return []
        sheet = book.worksheets[0]
        rows: list[Row] = []
        for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
            rows.append((number, [_cell_text(value) for value in values]))
            if number > MAX_ROWS_SCANNED:
                break
        return rows
    except Exception:  # a damaged sheet fails in many ways inside openpyxl's parser
        raise UserError(
            Problem(
                "the workbook's first sheet cannot be read: the file is damaged",
                file=path,
                hint="Open it in the spreadsheet program and save it again.",
            )
        ) from None
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed as 42 is read back as 42.0
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


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
    return Problem(
        f"no column for the partners' {field}: the header row (row {row}) must have a "
        f"column named {written}; found {found}",
        file=path,
        line=row,
        hint=(
            close + "Headers may be in Danish or English, in any order: navn/name, "
            "organisation, rolle/role, e-mail/email."
        ),
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
        if kind in ("missing", "string_too_short"):
            message = "is empty; every partner needs one"
            hint = "Fill in the cell, or delete the row if it is not a partner."
        elif kind == "string_too_long":
            limit, length = error["ctx"]["max_length"], len(values[field].strip())
            message = f"is {length} characters long; at most {limit} are allowed"
            hint = f"Shorten it to {limit} characters or fewer, so that it fits on every page."
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
        index = places.get(field)
        problems.append(
            Problem(
                f"'{_header(field, places, columns)}' {message}",
                file=path,
                line=number,
                column=None if index is None else index + 1,
                field=f"partners.{field}",
                hint=hint,
                label=_label(number, values),
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
                )
            )
    return found
