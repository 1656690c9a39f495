"""The page's form, named by the session file's paths.

Every input is named by its path in the session file (``title``, ``facilitator.name``,
``partners[0].name``, ``agenda[3].minutes``), so the form reads into the same plain data a
session file holds; ``session_text`` writes that data as the file's text, which the CLI's
own loader then reads, so the page and ``workbook pack`` see exactly the same session.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# What the form may set, and nothing else: a posted name outside these is ignored.
TOP = ("language", "title", "date", "start", "venue", "host")
FACILITATOR = ("name", "email")
PARTNER = ("name", "organisation", "role", "email")
AGENDA = ("part", "minutes", "title", "day", "start")
ORDER: tuple[str, ...] = ("language", "title", "date", "start", "venue", "host", "host_logo")
ORDER += ("facilitator", "partners", "agenda", "leave_out")
LEAVE_OUT = ("name_cards", "sign_in", "record", "credits")  # materials a session may omit
MAX_ROWS = 1000  # the session model's own limit for partners; agendas are far shorter

_NAME = re.compile(r"^(partners|agenda)\[(\d{1,4})\]\.([a-z_]+)$")


def read_form(form: Mapping[str, str]) -> dict[str, Any]:
    """The session data a posted form describes, in the session file's shape.

    Empty optional fields are left out, as a facilitator would leave them out of the file;
    an empty required field is left out too, so validation says it is missing.
    """
    data: dict[str, Any] = {}
    for key in TOP:
        value = form.get(key, "").strip()
        if value:
            data[key] = value
    facilitator = {k: v for k in FACILITATOR if (v := form.get(f"facilitator.{k}", "").strip())}
    data["facilitator"] = facilitator
    rows: dict[str, dict[int, dict[str, str]]] = {"partners": {}, "agenda": {}}
    for name, value in form.items():
        match = _NAME.match(name)
        if not match:
            continue
        group, index, key = match.group(1), int(match.group(2)), match.group(3)
        allowed = PARTNER if group == "partners" else AGENDA
        if key in allowed and index < MAX_ROWS:
            rows[group].setdefault(index, {})[key] = value.strip()
    data["partners"] = [
        {k: v for k, v in row.items() if v} for _, row in sorted(rows["partners"].items())
    ]
    data["agenda"] = [_entry(row) for _, row in sorted(rows["agenda"].items())]
    getlist = getattr(form, "getlist", None)  # checkboxes: one value per ticked box
    chosen = set(getlist("leave_out")) if getlist else set()
    if chosen & set(LEAVE_OUT):
        data["leave_out"] = [key for key in LEAVE_OUT if key in chosen]
    return data


def _entry(row: dict[str, str]) -> Any:
    """A form row as the session file writes an agenda entry, in its shortest form."""
    minutes: Any = row.get("minutes", "")
    if _number(minutes) is not None:
        minutes = _number(minutes)
    if "day" in row:
        day = {"day": row["day"]}
        if row.get("start"):
            day["start"] = row["start"]
        return day
    if "title" in row:
        return {"title": row["title"], "minutes": minutes}
    part = row.get("part", "")
    if minutes == "":
        return part
    return {part: minutes}


def entry_fields(entry: Any) -> dict[str, Any]:
    """An agenda entry as the session file may write it, as the form's row shows it."""
    if isinstance(entry, str):
        return {"kind": "part", "part": entry, "minutes": None}
    if isinstance(entry, dict):
        if "day" in entry:
            return {"kind": "day", "day": _text(entry.get("day")), "start": entry.get("start")}
        if "title" in entry:
            return {"kind": "custom", "title": entry.get("title"), "minutes": entry.get("minutes")}
        if "part" in entry:
            return {"kind": "part", "part": entry["part"], "minutes": entry.get("minutes")}
        if len(entry) == 1:
            ((part, minutes),) = entry.items()
            return {"kind": "part", "part": str(part), "minutes": minutes}
    return {"kind": "part", "part": _text(entry), "minutes": None}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def apply_operation(data: dict[str, Any], operation: str, part: str | None) -> None:
    """Add, remove or move a partner or an agenda entry: the buttons beside each row.

    ``operation`` is ``add:partner``, ``add:part`` (the part chosen in ``part``),
    ``add:lunch``, ``add:break``, ``add:custom``, ``add:day``, or ``remove|up|down:GROUP.N``.
    Anything else is ignored, like a button from an older page.
    """
    verb, _, target = operation.partition(":")
    if verb == "add":
        if target == "partner":
            data["partners"].append({})
        elif target in ("lunch", "break"):
            data["agenda"].append(target)
        elif target == "part" and part:
            data["agenda"].append(part)
        elif target == "custom":
            data["agenda"].append({"title": "", "minutes": 30})
        elif target == "day":
            data["agenda"].append({"day": ""})
        return
    group, _, number = target.partition(".")
    index = _number(number)
    if group not in ("partners", "agenda") or index is None:
        return
    rows = data[group]
    if not 0 <= index < len(rows):
        return
    if verb == "remove":
        del rows[index]
    elif verb == "up" and index > 0:
        rows[index - 1], rows[index] = rows[index], rows[index - 1]
    elif verb == "down" and index < len(rows) - 1:
        rows[index + 1], rows[index] = rows[index], rows[index + 1]


def _number(text: str) -> int | None:
    """A whole number typed in the page, read only when short and in ASCII digits: Python
    would take seconds over (or refuse) thousands of digits, and "²" is a digit to it."""
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return None
