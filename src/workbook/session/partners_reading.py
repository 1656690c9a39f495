"""A partners spreadsheet's bytes as rows of text (``session.partners_file`` finds the
columns and checks each row): the file read within its limit, CSV decoded as spreadsheet
programs write it, an .xlsx's first sheet as its cells show.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import stat
import warnings
import zipfile
from pathlib import Path
from typing import Any

from workbook.core.errors import Problem, UserError

MAX_COLUMNS = 60
MAX_ROWS_SCANNED = 20_000  # blank and formatted rows included: a sheet is not read forever

# Where the session file names the partners file: (session file, line, column).
Place = tuple[Path | None, int | None, int | None]
# A row: its number as the spreadsheet shows it, and its cells as text.
Row = tuple[int, list[str]]


def read_bytes(path: Path, limit: int, name: str, at: Place) -> bytes:
    """The file's bytes, or a problem told at ``at`` (the session's line naming the file)."""

    def refuse(message: str, hint: str | None = None, key: str = "", **values: object) -> UserError:
        file, line, column = at
        said = (("name", name), *values.items())  # ui.yaml's messages.<key> says it
        if file is None:
            return UserError(Problem(message, file=path, hint=hint, key=key, values=said))
        return UserError(
            Problem(
                message,
                file=file,
                line=line,
                column=column,
                field="partners",
                hint=hint,
                key=key,
                values=said,
            )
        )

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise refuse(
                f"{name} is a folder, not a partners file",
                "Name the .csv or .xlsx file.",
                "partners_folder",
            )
        if not stat.S_ISREG(info.st_mode):
            raise refuse(
                f"{name} is not a regular file (a device, pipe or socket)",
                key="partners_not_file",
            )
        if info.st_size > limit:
            raise refuse(
                f"the partners file {name} is {info.st_size // 1024} KiB; at most "
                f"{limit // 1024} KiB "
                "is read",
                "Is this the right file? A list of partners is a small file.",
                "partners_too_big",
                size=info.st_size // 1024,
                limit=limit // 1024,
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise refuse(
            f"the partners file {name} does not exist",
            "The path is read relative to the session file's folder.",
            "partners_missing",
        ) from None
    except PermissionError:
        raise refuse(
            f"the partners file {name} cannot be read (permission denied)",
            key="partners_permission",
        ) from None
    except OSError as exc:
        raise refuse(
            f"the partners file {name} cannot be read: {exc.strerror}",
            key="partners_unreadable",
            reason=str(exc.strerror or exc),
        ) from None


def decode(data: bytes, path: Path) -> str:
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
                key="not_text",
                hint_key="save_csv",
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
                key="bad_encoding",
                values=(("encoding", encoding.upper()), ("reason", str(exc.reason))),
                hint_key="save_csv",
            )
        ) from None


def xlsx_rows(data: bytes, path: Path) -> list[Row]:
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
                key="bad_xlsx",
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
                key="bad_sheet",
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


def csv_rows(text: str, delimiter: str, path: Path) -> list[Row]:
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
                key="bad_csv",
                values=(("detail", str(exc)),),
            )
        ) from None
    return rows
