"""The session file as the page's form shows it: every value as it is written in the file,
the values YAML reads as something else (``language: no`` is false, not the text "no"),
and the keys workbook does not know (``venu:``), each with the key it may have meant.

Nothing here is changed silently: a value read as something else is shown as typed and
named beside its field; an unknown key is listed until the facilitator removes or renames it.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbook.core.errors import UserError
from workbook.core.yamlio import Document
from workbook.session import model
from workbook.web.form import FACILITATOR, LETTER, PARTNER, TOP


@dataclass(frozen=True)
class Misread:
    """A text value YAML reads as something else: as written, and what YAML made of it."""

    written: str
    read_as: str  # "true", "false", "number", "list", "mapping"


@dataclass(frozen=True)
class Unknown:
    """A key the session model does not know, where it is, and what it may have meant."""

    path: str  # as the form names it: "venu", "partners[2].phone"
    key: str
    shown: str  # its value, short
    suggestion: str | None  # a known key at that place that the file does not use yet
    value: Any = None  # as read, for a rename to carry over


@dataclass
class FileData:
    data: dict[str, Any]
    misread: dict[str, Misread] = field(default_factory=dict)
    unknown: list[Unknown] = field(default_factory=list)
    logo: str | None = None  # 'host_logo:' as the file names it


def _keys(kind: type[model.BaseModel]) -> tuple[str, ...]:
    return tuple(kind.model_fields)


# The keys each place of a session file may hold (the model's, so they never drift apart).
_KNOWN: dict[str, tuple[str, ...]] = {
    "": _keys(model.Session),
    "facilitator": _keys(model.Facilitator),
    "partner": _keys(model.Partner),
    "letter": _keys(model.LetterWords),
    "custom": _keys(model.CustomEntry),
    "day": _keys(model.DayEntry),
    "step": _keys(model.CustomStep),
}


def file_data(doc: Document) -> FileData:
    """The form's data for a parsed session file (a mapping), with what it cannot show."""
    raw: dict[str, Any] = doc.data
    found = FileData({})
    data = found.data
    for key in TOP:
        value = _text(raw.get(key), (key,), key, doc, found)
        if value is not None:
            data[key] = value
    data["facilitator"] = _mapping(raw.get("facilitator"), "facilitator", FACILITATOR, doc, found)
    partners = raw.get("partners")
    if isinstance(partners, str):  # ``partners: partnere.csv``: its rows into the form
        partners = _spreadsheet(partners, doc.path)
    data["partners"] = [
        _mapping(partner, f"partners[{index}]", PARTNER, doc, found, ("partners", index))
        for index, partner in enumerate(partners if isinstance(partners, list) else [])
        if isinstance(partner, dict)
    ]
    agenda = raw.get("agenda")
    data["agenda"] = [
        _entry(entry, index, doc, found)
        for index, entry in enumerate(agenda if isinstance(agenda, list) else [])
    ]
    leave_out = raw.get("leave_out")
    if isinstance(leave_out, list):
        data["leave_out"] = [str(key) for key in leave_out]
    letter = _mapping(raw.get("letter"), "letter", LETTER, doc, found)
    if letter:
        data["letter"] = letter
    logo = raw.get("host_logo")
    found.logo = logo.strip() if isinstance(logo, str) and logo.strip() else None
    _unknown(raw, "", "", found, doc, ())
    for name, kind in (("facilitator", "facilitator"), ("letter", "letter")):
        _unknown(raw.get(name), name, kind, found, doc, (name,))
    for index, partner in enumerate(partners if isinstance(partners, list) else []):
        _unknown(partner, f"partners[{index}]", "partner", found, doc, ("partners", index))
    return found


def _mapping(
    value: Any,
    path: str,
    keys: tuple[str, ...],
    doc: Document,
    found: FileData,
    location: tuple[str | int, ...] | None = None,
) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    where = location or (path,)
    texts = {key: _text(value.get(key), (*where, key), f"{path}.{key}", doc, found) for key in keys}
    return {key: text for key, text in texts.items() if text is not None}


def _entry(entry: Any, index: int, doc: Document, found: FileData) -> Any:
    """An agenda entry as written; a part of one's own or a day with its texts as written."""
    if not isinstance(entry, dict):
        return entry if isinstance(entry, str) else _shown(entry)
    kind = "day" if "day" in entry else "custom" if "title" in entry else None
    if kind is None:
        return entry
    path, location = f"agenda[{index}]", ("agenda", index)
    _unknown(entry, path, kind, found, doc, location)
    kept: dict[str, Any] = {}
    for key in _KNOWN[kind]:
        value = entry.get(key)
        if key == "steps" and isinstance(value, list):
            kept[key] = [
                _step(step, f"{path}.steps[{n}]", doc, found) for n, step in enumerate(value)
            ]
        elif key in ("minutes", "start", "day") and value is not None:
            kept[key] = (
                value if isinstance(value, int) and not isinstance(value, bool) else _plain(value)
            )
        elif value is not None:
            kept[key] = _text(value, (*location, key), f"{path}.{key}", doc, found)
    return kept


def _step(step: Any, path: str, doc: Document, found: FileData) -> Any:
    if isinstance(step, str):
        return {"text": step}
    if not isinstance(step, dict):
        return {"text": _shown(step)}
    text = step.get("text")
    kept: dict[str, Any] = {"text": text if isinstance(text, str) else _plain(text)}
    if step.get("minutes") is not None:
        kept["minutes"] = step["minutes"]
    return kept


def _text(
    value: Any, location: tuple[str | int, ...], path: str, doc: Document, found: FileData
) -> str | None:
    """A text value as the form shows it: as written when YAML read it as something else."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        read_as = "true" if value else "false"
    elif isinstance(value, int | float):
        read_as = "number"
    else:
        read_as = "list" if isinstance(value, list) else "mapping"
    written = doc.written(location) or _shown(value)
    found.misread[path] = Misread(written, read_as)
    return written


def _unknown(
    value: Any,
    path: str,
    kind: str,
    found: FileData,
    doc: Document,
    location: tuple[str | int, ...],
) -> None:
    if not isinstance(value, dict):
        return
    known = _KNOWN[kind]
    free = [key for key in known if key not in value]
    for key, item in value.items():
        if not isinstance(key, str) or key in known:
            continue
        close = difflib.get_close_matches(key, free, n=1, cutoff=0.6)
        name = f"{path}.{key}" if path else key
        shown = doc.written((*location, key)) or _shown(item)
        found.unknown.append(Unknown(name, key, shown, close[0] if close else None, item))


def form_value(key: str, value: Any) -> Any:
    """A value read under one key as the form holds it under ``key`` (for a rename)."""
    data = file_data(Document(Path("-"), "", {key: value})).data
    if key in TOP or key in ("facilitator", "partners", "agenda", "leave_out", "letter"):
        return data.get(key)
    return value if isinstance(value, str) else _shown(value)


def _plain(value: Any) -> str:
    return "" if value is None else value if isinstance(value, str) else _shown(value)


def _shown(value: Any, limit: int = 80) -> str:
    """A value in a line of text, as YAML's flow style would write it, cut to ``limit``."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _spreadsheet(name: str, session: Path) -> list[Any]:
    """The partners of a spreadsheet the session file names (Save then writes them into the
    session file); one with problems shows no rows, and its problems beside the partners."""
    from workbook.session.partners_file import is_partners_file, read_partners

    if not is_partners_file(name):
        return []
    try:
        return list(read_partners(session.parent / name.strip(), name.strip()).partners)
    except UserError:
        return []
