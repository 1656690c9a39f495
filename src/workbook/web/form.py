"""The page's form, named by the session file's paths.

Every input is named by its path in the session file (``title``, ``facilitator.name``,
``partners[0].name``, ``agenda[3].minutes``, ``agenda[3].steps[0].text``), so the form reads
into the same plain data a session file holds; ``session_text`` writes that data as the
file's text, which the CLI's own loader then reads, so the page and ``workbook pack`` see
exactly the same session.

What a browser posts is anything at all: numbers are taken only as ASCII digits (``²`` is a
digit to ``str.isdigit``), indices are bounded, and characters that can never print
(control characters, pasted from elsewhere) are removed before anything else sees them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# What the form may set, and nothing else: a posted name outside these is ignored.
TOP = ("language", "title", "date", "start", "venue", "host")
FACILITATOR = ("name", "email")
PARTNER = ("name", "organisation", "role", "email")
AGENDA = ("part", "minutes", "title", "day", "start", "purpose", "materials")
STEP = ("text", "minutes")
LETTER = ("opening", "closing")
ORDER: tuple[str, ...] = ("language", "title", "date", "start", "venue", "host", "host_logo")
ORDER += ("facilitator", "partners", "agenda", "leave_out", "letter")
# what a session may leave out: materials, and the answers drawn faintly on the circles
LEAVE_OUT = ("name_cards", "sign_in", "record", "credits", "circle_resources")
MAX_ROWS = 1000  # the session model's own limit for partners; agendas are far shorter
MAX_STEPS = 50
# Texts written over several lines (their own paragraphs); every other value is one line.
MULTILINE = ("purpose", "materials", "opening", "closing")

_NAME = re.compile(
    r"(partners|agenda)\[([0-9]{1,4})\]\.([a-z_]+)(?:\[([0-9]{1,2})\]\.([a-z_]+))?", re.ASCII
)
_DIGITS = re.compile(r"[0-9]{1,6}", re.ASCII)
_NEVER_PRINTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_PATH = re.compile(r"[A-Za-z_][\w-]{0,80}(?:\[[0-9]{1,4}\])?(?:\.[A-Za-z_][\w-]{0,80})?", re.ASCII)


def number(text: str) -> int | None:
    """``text`` as a whole number if it is ASCII digits (at most six), else None."""
    text = text.strip()
    return int(text) if _DIGITS.fullmatch(text) else None


def clean(value: str, multiline: bool = False) -> str:
    """A posted value as it can be printed: never-printed characters gone, one line unless
    the field holds paragraphs, and trimmed."""
    value = _NEVER_PRINTED.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = value.replace("\t", " ")
    if not multiline:
        value = " ".join(part.strip() for part in value.split("\n"))
    return value.strip()


def read_form(form: Mapping[str, str]) -> dict[str, Any]:
    """The session data a posted form describes, in the session file's shape.

    Empty optional fields are left out, as a facilitator would leave them out of the file;
    an empty required field is left out too, so validation says it is missing.
    """
    data: dict[str, Any] = {}
    for key in TOP:
        value = clean(form.get(key, ""))
        if value:
            data[key] = value
    facilitator = {k: v for k in FACILITATOR if (v := clean(form.get(f"facilitator.{k}", "")))}
    data["facilitator"] = facilitator
    letter = {k: v for k in LETTER if (v := clean(form.get(f"letter.{k}", ""), multiline=True))}
    if letter:
        data["letter"] = letter
    rows: dict[str, dict[int, dict[str, Any]]] = {"partners": {}, "agenda": {}}
    for name, value in form.items():
        match = _NAME.fullmatch(name)
        if not match:
            continue
        group, index, key = match.group(1), int(match.group(2)), match.group(3)
        if index >= MAX_ROWS:
            continue
        row = rows[group].setdefault(index, {})
        if group == "agenda" and key == "steps" and match.group(4) is not None:
            step, part = int(match.group(4)), match.group(5)
            if step < MAX_STEPS and part in STEP:
                row.setdefault("steps", {}).setdefault(step, {})[part] = clean(value, True)
        elif match.group(4) is None and key in (PARTNER if group == "partners" else AGENDA):
            row[key] = clean(value, key in MULTILINE)
    data["partners"] = [
        {k: v for k, v in row.items() if v} for _, row in sorted(rows["partners"].items())
    ]
    data["agenda"] = [_entry(row) for _, row in sorted(rows["agenda"].items())]
    getlist = getattr(form, "getlist", None)  # checkboxes: one value per ticked box
    chosen = set(getlist("leave_out")) if getlist else set()
    if chosen & set(LEAVE_OUT):
        data["leave_out"] = [key for key in LEAVE_OUT if key in chosen]
    return data


def read_drop(form: Mapping[str, str]) -> list[str]:
    """The unknown keys the facilitator removed on the page (paths such as ``venu``)."""
    getlist = getattr(form, "getlist", None)
    posted = getlist("drop") if getlist else []
    return list(dict.fromkeys(path for path in posted if _PATH.fullmatch(path)))


def _minutes(text: str) -> Any:
    """Minutes as a number when they are one; anything else stays text, for validation to
    name ("must be a whole number (found '²')")."""
    value = number(text)
    return text if value is None else value


def _entry(row: dict[str, Any]) -> Any:
    """A form row as the session file writes an agenda entry, in its shortest form."""
    minutes: Any = _minutes(row.get("minutes", ""))
    if "day" in row:
        day = {"day": row["day"]}
        if row.get("start"):
            day["start"] = row["start"]
        return day
    if "title" in row:
        custom: dict[str, Any] = {"title": row["title"], "minutes": minutes}
        for key in ("purpose", "materials"):
            if row.get(key):
                custom[key] = row[key]
        steps = [_step(step) for _, step in sorted(row.get("steps", {}).items())]
        if any(steps):
            custom["steps"] = [step for step in steps if step]
        return custom
    part = row.get("part", "")
    if minutes == "":
        return part
    return {part: minutes}


def _step(step: dict[str, str]) -> Any:
    text, minutes = step.get("text", ""), _minutes(step.get("minutes", ""))
    if minutes == "":
        return text  # a step without minutes: written as its text alone, or left out
    return {"text": text, "minutes": minutes}


def entry_fields(entry: Any) -> dict[str, Any]:
    """An agenda entry as the session file may write it, as the form's row shows it."""
    if isinstance(entry, str):
        return {"kind": "part", "part": entry, "minutes": None}
    if isinstance(entry, dict):
        if "day" in entry:
            return {"kind": "day", "day": _text(entry.get("day")), "start": entry.get("start")}
        if "title" in entry:
            steps = entry.get("steps")
            return {
                "kind": "custom",
                "title": entry.get("title"),
                "minutes": entry.get("minutes"),
                "purpose": _text(entry.get("purpose")),
                "materials": _text(entry.get("materials")),
                "steps": [_step_fields(step) for step in steps] if isinstance(steps, list) else [],
            }
        if "part" in entry:
            return {"kind": "part", "part": entry["part"], "minutes": entry.get("minutes")}
        if len(entry) == 1:
            ((part, minutes),) = entry.items()
            return {"kind": "part", "part": str(part), "minutes": minutes}
    return {"kind": "part", "part": _text(entry), "minutes": None}


def _step_fields(step: Any) -> dict[str, str]:
    if isinstance(step, dict):
        return {"text": _text(step.get("text")), "minutes": _text(step.get("minutes"))}
    return {"text": _text(step), "minutes": ""}


def _text(value: Any) -> str:
    return "" if value is None else str(value)
