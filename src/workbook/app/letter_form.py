"""A returned letter's form, read as viewers write it: what ``collect`` matches and keeps.

Viewers differ in what they save: a tick box's value as ``/Yes``, ``/On`` or a name of its
own, sometimes only on the widget (``/AS``) and not on the field (``/V``), sometimes as text
rather than a name; a radio group's value as the button's name, as an index into ``/Opt``,
or only as the chosen button's state; a text's line breaks as CR, LF or both. Everything
is read from the PDF's form itself (pypdf, tolerant of the small faults viewers leave), never
from the file's name.
"""

from __future__ import annotations

import io
import logging
import multiprocessing as mp
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# The fields of a letter (render/pages/letter.py names them); a combined PDF prefixes each
# letter's fields with "letterN_".
IDENTIFIER = "letter_identifier"
_NAME = re.compile(r"^(letter\d+_)?(.+)$")
_OURS = re.compile(
    r"^(letter_identifier|reply|reply_field_\d+|resource_\d+|resource_other|resources_\d+|"
    r"mandate_\d+|documentation_\d+)$"
)
MAX_BYTES = 25 * 1024 * 1024  # a letter with a scan or photos attached; more is not a letter
_MAX_DEPTH = 12  # fields within fields: a letter has two levels


class Unreadable(Exception):
    """The file is not a PDF we can open; ``message`` says why, in the user's terms."""

    def __init__(self, message: str, hint: str, key: str | None = None) -> None:
        super().__init__(message, hint, key)  # all, so that it is sent back from a worker whole
        self.message, self.hint, self.key = message, hint, key  # key: ui.yaml's messages


@dataclass
class FormField:
    """A field as plain text (nothing of pypdf's: forms are read in worker processes)."""

    name: str
    kind: str  # "/Tx", "/Btn", ...
    value: str  # text with LF line breaks, or a button's state ("/Yes", "/Off", "")
    tooltip: str
    flags: int
    options: list[str] = field(default_factory=list)
    states: list[tuple[str, str]] = field(default_factory=list)  # per widget: (on state, /AS)


@dataclass(frozen=True)
class LetterForm:
    """One letter's fields (a combined PDF holds several), by their names without prefix."""

    fields: dict[str, FormField]

    @property
    def identifier(self) -> str:
        found = self.fields.get(IDENTIFIER)
        return found.value if found is not None else ""


@dataclass(frozen=True)
class PdfForms:
    letters: list[LetterForm]  # the groups of a letter's fields, in the file's order
    other_fields: int  # fields of some other form
    has_text: bool  # whether the pages carry text (a flattened letter) or not (a scan)
    text: str  # the pages' text, for a flattened letter's partner


def read_many(letters: list[bytes]) -> list[PdfForms | Unreadable]:
    """``read_forms`` of each letter, on every core when there are many (reading a form
    is pure Python, a few milliseconds a letter; a worker starts in some 50 ms)."""
    global _shared
    cpus = getattr(os, "process_cpu_count", os.cpu_count)() or 1
    if len(letters) < PARALLEL_FROM or cpus < 2 or "fork" not in mp.get_all_start_methods():
        return [_read_one(data) for data in letters]
    import pypdf  # noqa: F401  (imported once, here: forked workers find it loaded)

    from workbook.files import workers

    _shared = letters  # the workers are forked with the letters in place: nothing is sent
    try:
        with workers.pool(min(cpus, 4), "fork") as pool:
            return pool.map(_read_index, range(len(letters)), chunksize=8)
    finally:
        _shared = []


PARALLEL_FROM = 40
_shared: list[bytes] = []


def _read_index(index: int) -> PdfForms | Unreadable:
    return _read_one(_shared[index])


def _read_one(data: bytes) -> PdfForms | Unreadable:
    try:
        return read_forms(data)
    except Unreadable as bad:
        return bad


def read_forms(data: bytes) -> PdfForms:
    """The letters' forms in a PDF; ``Unreadable`` when it is not a PDF that opens."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.strip():
        raise Unreadable("is empty", "Ask the partner to send the letter again.", "pdf_empty")
    if b"%PDF-" not in data[:1024]:
        raise Unreadable(
            "is not a PDF",
            "Collect the filled-in letters (PDF); a photo or document of the answers is "
            "typed into the replies file by hand.",
            "pdf_not_pdf",
        )
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)  # the small faults viewers leave are not the user's
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:  # an owner password only: readable as it is
                opened = bool(reader.decrypt(""))
            except Exception:  # no AES without a crypto library, a broken key
                opened = False
            if not opened:
                raise Unreadable(
                    "is protected with a password",
                    "Ask the partner to save the letter without a password and send it again.",
                    "pdf_password",
                )
        root: Any = reader.trailer["/Root"]
        form = root.get("/AcroForm")
        found = list(_fields(form.get_object().get("/Fields", []))) if form else []
        text = "" if found else _text(reader)
    except Unreadable:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError):
        raise Unreadable(
            "cannot be read as a PDF: it is damaged or cut short",
            "Ask the partner to send the letter again.",
            "pdf_damaged",
        ) from None
    except RecursionError:
        raise Unreadable(
            "cannot be read as a PDF: its structure loops",
            "Ask the partner to send it again.",
            "pdf_loop",
        ) from None
    finally:
        logger.setLevel(level)
    groups: dict[str, dict[str, FormField]] = {}
    other = 0
    for item in found:
        match = _NAME.match(item.name)
        assert match is not None
        prefix, base = match.group(1) or "", match.group(2)
        if not _OURS.match(base):
            other += 1
            continue
        groups.setdefault(prefix, {})[base] = item
    letters = [LetterForm(fields) for fields in groups.values()]
    return PdfForms(letters, other, bool(text.strip()), text)


def _fields(
    kids: Any, parent: str = "", inherited: dict[str, Any] | None = None, depth: int = 0
) -> Iterator[FormField]:
    """Every terminal field under ``kids``, named in full, with what it inherits."""
    if depth > _MAX_DEPTH:
        return
    inherited = inherited or {}
    seen: set[int] = set()
    for reference in kids or []:
        node = reference.get_object()
        if id(node) in seen or not hasattr(node, "get"):
            continue
        seen.add(id(node))
        own = node.get("/T")
        name = f"{parent}.{own}" if parent and own is not None else str(own or parent)
        here = {key: node[key] for key in ("/FT", "/V", "/Ff", "/Opt", "/TU") if key in node}
        values = {**inherited, **here}
        children = [k.get_object() for k in node.get("/Kids", [])]
        named = [child for child in children if "/T" in child]
        if named:
            yield from _fields(node["/Kids"], name, values, depth + 1)
            continue
        widgets = children or [node]
        kind = str(values.get("/FT", ""))
        yield FormField(
            name=name,
            kind=kind,
            value=text_of(values.get("/V")),
            tooltip=text_of(values.get("/TU")),
            flags=int(values.get("/Ff", 0) or 0),
            options=[text_of(_option(o)) for o in values.get("/Opt", []) or []],
            # a button's states (its appearances are read only for buttons: most of a
            # letter's objects are the text fields' appearances)
            states=[(_on_state(w), str(w.get("/AS", ""))) for w in widgets]
            if kind == "/Btn"
            else [],
        )


def _option(option: Any) -> Any:
    option = option.get_object() if hasattr(option, "get_object") else option
    return option[0] if isinstance(option, list) and option else option


def _on_state(widget: Any) -> str:
    """The name a button's widget has for 'on' (its appearances other than /Off)."""
    appearances = widget.get("/AP")
    normal = appearances.get_object().get("/N") if appearances is not None else None
    if normal is None or not hasattr(normal, "keys"):
        return ""
    names = [str(key) for key in normal.get_object() if str(key) != "/Off"]
    return names[0] if names else ""


def _text(reader: Any) -> str:
    """A little of the pages' text: enough to tell a flattened letter from a scan."""
    try:
        return " ".join(page.extract_text() or "" for page in list(reader.pages)[:2])
    except Exception:  # text extraction is a guess; a letter without it is a scan
        return ""


def text_of(value: Any) -> str:
    """A field value as text, line breaks as LF, whatever a viewer wrote."""
    if value is None:
        return ""
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if isinstance(value, list):  # a list of choices: the first
        return text_of(value[0]) if value else ""
    text = str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_on(item: FormField) -> bool:
    """Whether a tick box is ticked: any state but Off, on the field or its widget."""
    value = _state(item.value)
    if value:
        return value != "Off"
    return any(_state(shown) not in ("", "Off") for _, shown in item.states)


def choice(item: FormField, choices: list[str]) -> str | None:
    """Which of a radio group's ``choices`` (its export names, in the order of its buttons)
    is chosen, however the viewer wrote it; None when none is."""
    value = _state(item.value)
    if not value or value == "Off":  # some viewers set only the chosen widget's state
        value = next((_state(shown) for _, shown in item.states if _state(shown) != "Off"), "")
    if not value or value == "Off":
        return None
    if value in choices:
        return value
    if value.isdigit() and item.options:  # an index into /Opt, which holds the names
        index = int(value)
        if index < len(item.options) and item.options[index] in choices:
            return item.options[index]
    for position, (on, _) in enumerate(item.states):  # the button whose 'on' it is
        if _state(on) == value and position < len(choices):
            return choices[position]
    return None


def _state(value: Any) -> str:
    return text_of(value).strip().lstrip("/")
