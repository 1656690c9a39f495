"""A save over a newer file: what differs, field by field, and which side to keep.

The page's data and the file's are compared field by field (a partner list or an agenda
is one field: its rows belong together). Where the version the page started from is
known, each field is proposed from the side that changed it (a partner added in another
tab, a venue fixed here); where both changed it, the page's own value is proposed and
the facilitator decides. Nothing is kept or dropped without being shown.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workbook.web.form import FACILITATOR, LETTER, TOP, entry_fields

MINE, THEIRS = "mine", "theirs"
# Every field, as ``pick.<field>`` names it on the page, in the page's order.
FIELDS: tuple[str, ...] = (
    *TOP,
    "host_logo",
    *(f"facilitator.{key}" for key in FACILITATOR),
    "partners",
    "agenda",
    "leave_out",
    *(f"letter.{key}" for key in LETTER),
)


@dataclass(frozen=True)
class Difference:
    field: str
    mine: str  # as the page shows it
    theirs: str
    pick: str  # MINE or THEIRS: proposed, or as the facilitator chose
    both: bool  # both sides changed it since the page's version (or that is unknown)


def value(data: dict[str, Any], name: str) -> Any:
    """A field's value in comparable form (None when absent or empty)."""
    group, _, key = name.partition(".")
    found = data.get(group)
    if key:
        found = found.get(key) if isinstance(found, dict) else None
    if name == "agenda":
        found = [_entry(entry) for entry in found or []] or None
    elif name == "partners":
        found = [{k: v for k, v in sorted(p.items()) if v} for p in found or []] or None
    elif isinstance(found, str):
        found = found.strip() or None
    return found or None


def _entry(entry: Any) -> Any:
    fields = entry_fields(entry)
    return json.loads(json.dumps(fields, default=str, sort_keys=True))


def differences(
    mine: dict[str, Any],
    theirs: dict[str, Any],
    base: dict[str, Any] | None,
    shown: Callable[[str, Any, Any], str],
    picks: dict[str, str] | None = None,
) -> list[Difference]:
    """The fields in which the page's data and the file's differ, each with a side to keep:
    the facilitator's choice (``picks``), else the side that changed it since ``base``.
    ``shown(field, value, other)`` writes a side's value for the page (a list may name only
    its rows that the other side lacks)."""
    found = []
    for name in FIELDS:
        ours, other = value(mine, name), value(theirs, name)
        if ours == other:
            continue
        before = value(base, name) if base is not None else None
        both = base is None or (ours != before and other != before)
        proposed = THEIRS if base is not None and ours == before else MINE
        pick = (picks or {}).get(name, proposed)
        pick = pick if pick in (MINE, THEIRS) else proposed
        mine_shown, theirs_shown = shown(name, ours, other), shown(name, other, ours)
        found.append(Difference(name, mine_shown, theirs_shown, pick, both))
    return found


def merged(mine: dict[str, Any], theirs: dict[str, Any], picks: dict[str, str]) -> dict[str, Any]:
    """The page's data with the file's value in every field picked as THEIRS."""
    result = copy.deepcopy(mine)
    for name, pick in picks.items():
        if pick != THEIRS or name not in FIELDS:
            continue
        group, _, key = name.partition(".")
        if key:
            inner = result.setdefault(group, {})
            found = theirs.get(group)
            other: dict[str, Any] = found if isinstance(found, dict) else {}
            if other.get(key) is None:
                inner.pop(key, None)
            else:
                inner[key] = copy.deepcopy(other[key])
        elif theirs.get(group) is None:
            result.pop(group, None)
        else:
            result[group] = copy.deepcopy(theirs[group])
    if "partners" not in result:
        result["partners"] = []
    if "agenda" not in result:
        result["agenda"] = []
    return result
