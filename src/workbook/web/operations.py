"""The buttons beside the rows: add (where it is wanted), remove, move, drag, and the
unknown keys' remove and rename. Each changes the form's data and says where on the page
it happened, so the page returns there (an anchor) with or without JavaScript.

An operation is ``VERB:TARGET``; anything else is ignored, like a button from an older page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from workbook.web.form import MAX_STEPS, entry_fields, number
from workbook.web.reading import FileData, form_value

_ROW = re.compile(r"(partners|agenda)\.([0-9]{1,4})", re.ASCII)
_MOVE = re.compile(r"(partners|agenda)\.([0-9]{1,4})>([0-9]{1,4})", re.ASCII)
_STEP = re.compile(r"agenda\.([0-9]{1,4})\.([0-9]{1,2})", re.ASCII)
ADDABLE = ("partner", "part", "lunch", "break", "custom", "day")


@dataclass(frozen=True)
class Request:
    """What was pressed, with the choices beside the add buttons."""

    operation: str
    part: str | None = None  # the guide part chosen to add
    at: str | None = None  # where to insert: a row's index, or "" for its natural place


def apply(
    data: dict[str, Any],
    drop: list[str],
    asked: Request,
    found: FileData,
    guide_order: tuple[str, ...],
) -> str:
    """Apply ``asked`` to ``data`` (and the removed keys ``drop``); the anchor to return to."""
    verb, _, target = asked.operation.partition(":")
    if verb == "add" and target in ADDABLE:
        return _add(data, target, asked, guide_order)
    if verb in ("drop", "rename"):
        return _unknown_key(data, drop, verb, target, found)
    if verb in ("addstep", "removestep"):
        return _step(data, verb, target)
    if verb == "move":
        move = _MOVE.fullmatch(target)
        if move:
            return _move(data[move.group(1)], move.group(1), int(move.group(2)), int(move.group(3)))
        return ""
    row = _ROW.fullmatch(target)
    if row is None or verb not in ("remove", "up", "down"):
        return ""
    group, index = row.group(1), int(row.group(2))
    rows = data[group]
    if not 0 <= index < len(rows):
        return ""
    if verb == "remove":
        del rows[index]
        return _anchor(group, min(index, len(rows) - 1))
    return _move(rows, group, index, index - 1 if verb == "up" else index + 1)


def _anchor(group: str, index: int) -> str:
    return f"{group}-{index}" if index >= 0 else f"{group}-rows"


def _move(rows: list[Any], group: str, index: int, to: int) -> str:
    if not (0 <= index < len(rows) and 0 <= to < len(rows)):
        return _anchor(group, index)
    rows.insert(to, rows.pop(index))
    return _anchor(group, to)


def _add(data: dict[str, Any], what: str, asked: Request, guide_order: tuple[str, ...]) -> str:
    if what == "partner":
        data["partners"].append({})
        return _anchor("partners", len(data["partners"]) - 1)
    agenda = data["agenda"]
    at = number(asked.at or "")
    if what == "part":
        if not asked.part:
            return "agenda-rows"
        entry: Any = asked.part
        if at is None:  # where the guide has it: after the last part that comes before it
            at = _natural_place(agenda, asked.part, guide_order)
    elif what in ("lunch", "break"):
        entry = what
    elif what == "custom":
        entry = {"title": "", "minutes": 30}
    else:
        entry = _next_day(data, agenda[:at] if at is not None else agenda)
    index = len(agenda) if at is None else min(at, len(agenda))
    agenda.insert(index, entry)
    return _anchor("agenda", index)


def _natural_place(agenda: list[Any], part: str, guide_order: tuple[str, ...]) -> int:
    if part not in guide_order:
        return len(agenda)
    earlier = set(guide_order[: guide_order.index(part)])
    places = [i for i, entry in enumerate(agenda) if entry_fields(entry)["part"] in earlier]
    later = set(guide_order[guide_order.index(part) + 1 :])
    after = [i for i, entry in enumerate(agenda) if entry_fields(entry).get("part") in later]
    if places:
        return places[-1] + 1
    return after[0] if after else len(agenda)


def _next_day(data: dict[str, Any], before: list[Any]) -> dict[str, str]:
    """A new day: the day after the last one, starting when the first day starts."""
    dates = [data.get("date", "")]
    dates += [str(e["day"]) for e in before if isinstance(e, dict) and e.get("day") is not None]
    try:
        following = dt.date.fromisoformat(str(dates[-1]).strip()) + dt.timedelta(days=1)
    except ValueError:
        return {"day": ""}
    day = {"day": following.isoformat()}
    if data.get("start"):
        day["start"] = str(data["start"])
    return day


def _step(data: dict[str, Any], verb: str, target: str) -> str:
    match = _STEP.fullmatch(target) if verb == "removestep" else _ROW.fullmatch(target)
    if match is None or (verb == "addstep" and match.group(1) != "agenda"):
        return ""
    index = int(match.group(2) if verb == "addstep" else match.group(1))
    agenda = data["agenda"]
    if not 0 <= index < len(agenda) or not isinstance(agenda[index], dict):
        return ""
    entry = agenda[index]
    if "title" not in entry:
        return ""
    steps = entry.setdefault("steps", [])
    if verb == "addstep" and len(steps) < MAX_STEPS:
        steps.append({"text": "", "minutes": ""})
    elif verb == "removestep" and 0 <= int(match.group(2)) < len(steps):
        del steps[int(match.group(2))]
    return f"agenda-{index}"


def _unknown_key(
    data: dict[str, Any], drop: list[str], verb: str, path: str, found: FileData
) -> str:
    """Remove an unknown key, or rename it: its value goes into the field it was meant
    for (only while that field is empty: a rename never overwrites a value)."""
    unknown = next((u for u in found.unknown if u.path == path), None)
    if unknown is None:
        return "unknown"
    if verb == "rename":
        if not unknown.suggestion:
            return "unknown"
        value = form_value(unknown.suggestion, unknown.value)
        if not _set(data, path.rpartition(".")[0], unknown.suggestion, value):
            return "unknown"
    if path not in drop:
        drop.append(path)
    return "unknown"


def _set(data: dict[str, Any], place: str, key: str, value: Any) -> bool:
    group = re.fullmatch(r"(partners|agenda)\[([0-9]{1,4})\]", place, re.ASCII)
    target: Any
    if not place:
        target = data
    elif group:
        rows = data.get(group.group(1), [])
        index = int(group.group(2))
        target = rows[index] if 0 <= index < len(rows) else None
    else:
        target = data.setdefault(place, {})
    if not isinstance(target, dict) or target.get(key) or value in (None, "", [], {}):
        return False
    target[key] = value
    return True
