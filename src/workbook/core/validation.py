"""Turn pydantic's validation errors into problems a facilitator or translator can act on."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from workbook.core.errors import Problem, closest, did_you_mean
from workbook.core.visible import has_visible
from workbook.core.yamlio import Document

# pydantic's error types, by the message each is told with: its key in ui.yaml's
# ``messages`` and its English words
_KINDS = {
    "missing": "missing",
    "string_type": "text",
    "string_too_short": "empty",
    "string_too_long": "too_long",
    "int_type": "whole_number",
    "int_parsing": "whole_number",
    "int_from_float": "whole_number",
    "int_parsing_size": "whole_number",  # thousands of digits, written in quotes
    "greater_than": "more_than",
    "less_than_equal": "at_most",
    "list_type": "list",
    "model_type": "mapping",
    "dict_type": "mapping",
    "model_attributes_type": "mapping",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date_time",
    "bool_type": "true_false",
    "bool_parsing": "true_false",
    "literal_error": "one_of",
}
_MESSAGES = {
    "missing": "is missing",
    "text": "must be text",
    "empty": "must not be empty",
    "whole_number": "must be a whole number",
    "more_than": "must be more than zero",
    "at_most": "must be at most {{ limit }}",
    "list": "must be a list (one '- ' line per item)",
    "mapping": "must be a mapping ('key: value' lines)",
    "date": "must be a date like 2027-03-04",
    "date_time": "must be a date like 2027-03-04, without a time",
    "true_false": "must be true or false",
    "one_of": "must be one of: {{ choices }}",
}
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def problems_from(error: ValidationError, doc: Document, root: type[BaseModel]) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = _raw_location(doc.data, item["loc"])
        line, column = doc.locate(loc)
        field = ".".join(str(step) for step in loc) or None
        told = _told(item, root, doc, loc)
        parts = place_parts(loc, doc.data)
        subject = None
        if parts and parts[-1].startswith("'"):  # the key leads its own sentence
            subject = parts[-1][1:-1]
            told.message = f"{parts.pop()} {told.message}"
        elif item["type"] == "string_too_long":
            # a short form (``- some part``) has no key in the file: name what it stands for
            told.message = f"the {str(item['loc'][-1]).replace('_', ' ')} {told.message}"
            told.key = "too_long_unnamed"
            told.values["name"] = str(item["loc"][-1])
        problems.append(
            Problem(
                told.message,
                file=doc.path,
                line=line,
                column=column,
                field=field,
                hint=told.hint,
                label=": ".join(parts),
                key=told.key,
                values=tuple(told.values.items()),
                hint_key=told.hint_key,
                item=_counted_item(loc, doc.data),
                subject=subject,
            )
        )
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


class _Told:
    """A validation error in words: the English message and hint, and the keys and values
    that say them in another language."""

    def __init__(self, message: str, key: str | None, values: dict[str, object]) -> None:
        self.message, self.key, self.values = message, key, values
        self.hint: str | None = None
        self.hint_key: str | None = None


def _told(item: Any, root: type[BaseModel], doc: Document, loc: tuple[str | int, ...]) -> _Told:
    kind = item["type"]
    ctx = dict(item.get("ctx") or {})
    key = _KINDS.get(kind)
    if key is None and kind in _CUSTOM:  # our own validators' errors: their type is the key
        key = kind
    values: dict[str, object] = {
        name: value for name, value in ctx.items() if isinstance(value, str | int | float)
    }
    if key in _MESSAGES:
        told = _Told(_MESSAGES[key], key, values)
    else:
        told = _Told(_strip_prefix(item["msg"]), key, values)
    if key == "at_most":
        told.values["limit"] = ctx.get("le")
        told.message = _MESSAGES["at_most"].replace("{{ limit }}", str(ctx.get("le")))
    elif key == "one_of":
        told.values["choices"] = str(ctx.get("expected", ""))
        told.message = f"must be one of: {ctx.get('expected', '')}"
    name = str(item["loc"][-1]) if item["loc"] else ""
    if kind == "extra_forbidden":
        told.message, told.key = "is not a known key", "unknown_key"
        allowed = _allowed_keys(root, item["loc"])
        close = closest(name, allowed)
        told.values |= {"known": ", ".join(allowed), "close": close or ""}
        told.hint = _did_you_mean(name, allowed)
        told.hint_key = "remove" if not allowed else "unknown_key_close" if close else "unknown_key"
    elif kind == "missing":
        told.hint, told.values["name"] = f"Add '{name}:' here.", name
        told.hint_key = "missing"
    elif kind.startswith("too_short") and isinstance(ctx.get("min_length"), int):
        count = ctx["min_length"]
        told.message = f"needs at least {count} item{'' if count == 1 else 's'}"
        told.key, told.values["count"] = "too_few", count
    elif kind == "string_too_long":
        length = len(str(item["input"]).strip())
        limit = ctx["max_length"]
        told.message = f"is {length} characters long; at most {limit} are allowed"
        told.hint = f"Shorten it to {limit} characters or fewer, so that it fits on every page."
        told.values |= {"length": length, "limit": limit}
        told.hint_key = "too_long"
    value = item.get("input")
    written = doc.written(loc) if kind == "string_type" else None
    if written is not None and isinstance(value, bool | int | float):
        # YAML 1.1 reads no, yes, on, off as true/false, and digits as a number
        number = not isinstance(value, bool)
        read_as = "a number" if number else ("true" if value else "false")
        told.message = f"must be text, but YAML reads {written} as {read_as}"
        told.hint = f'Write it in quotes: {loc[-1]}: "{written}"'
        told.key = "yaml_number" if number else "yaml_true" if value else "yaml_false"
        told.hint_key = "yaml_quotes"
        told.values |= {"written": written, "name": str(loc[-1])}
    elif key == "date" and isinstance(value, str) and _not_a_day(value, told):
        pass
    elif kind not in ("missing", "extra_forbidden", "string_too_long") and _is_scalar(value):
        found = ("true" if value else "false") if isinstance(value, bool) else repr(value)
        told.message = f"{told.message} (found {found})"
        told.values["found"] = found  # said after the message (ui.yaml messages.found)
    return told


def _not_a_day(value: str, told: _Told) -> bool:
    """Whether ``value`` is written as a date but names no day of the calendar
    (2027-02-30, 2027-13-01): told as such, rather than as a date of the wrong form."""
    match = _DATE.match(value)
    if match is None:
        return False
    year, month, day = (int(n) for n in match.groups())
    if not 1 <= month <= 12:
        told.message = (
            f"has a month that does not exist: there is no month {month} (found {value!r})"
        )
        told.key = "no_such_month"
        told.values |= {"found": repr(value), "month": month}
        told.hint = "Write the date as year-month-day, e.g. 2027-03-04."
        told.hint_key = "date_form"
        return True
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = f"{calendar.month_name[month]} {year}"  # the C locale's: English
        told.message = (
            f"is a day that does not exist: {name} has only {days} days (found {value!r})"
        )
        told.key = "no_such_day"
        told.values |= {"found": repr(value), "days": days, "month": dt.date(year, month, 1)}
        told.hint = "Check the day and the month."
        told.hint_key = "no_such_day"
        return True
    return False


# The error types of the session's own validators (``PydanticCustomError``): each is told
# by the message of that name in ui.yaml, with the error's context as its values.
_CUSTOM = (
    "invisible",
    "clock",
    "year_range",
    "empty_agenda",
    "too_many_days",
    "email",
    "minutes_truth",
)


def _counted_item(loc: tuple[str | int, ...], data: Any) -> tuple[str, int, str | None] | None:
    """("partner", 5, "Karen Nielsen") for a location in the fifth partner; ("entry", n, None)
    in the agenda: the list items people count by a name of their own."""
    if len(loc) < 2 or loc[0] not in _ITEMS or not isinstance(loc[1], int):
        return None
    number = loc[1] + 1
    if loc[0] == "agenda":
        return ("entry", number, None)
    partners = data.get("partners") if isinstance(data, dict) else None
    item = partners[loc[1]] if isinstance(partners, list) and loc[1] < len(partners) else None
    own = item.get("name") if isinstance(item, dict) else None
    name = (
        own.strip()
        if isinstance(own, str) and has_visible(own) and len(own.strip()) <= 60
        else None
    )
    return ("partner", number, name)


# Lists whose items people count by a name of their own ("partner 5", "agenda, entry 6").
_ITEMS = {"partners": "partner {n}", "agenda": "agenda, entry {n}"}


def place_name(loc: tuple[str | int, ...], data: Any) -> str | None:
    """A location as people count it: ``partners.4.organisation`` is
    "partner 5 (Karen Nielsen): 'organisation'", counting from 1 and naming the partner."""
    return ": ".join(place_parts(loc, data)) or None


def place_parts(loc: tuple[str | int, ...], data: Any) -> list[str]:
    parts: list[str] = []
    keys: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int) and keys and isinstance(node, list):
            item = node[step] if 0 <= step < len(node) else None
            if keys[-1] not in _ITEMS or len(keys) > 1 or parts:
                keys[-1] += f"[{step + 1}]"  # as the translation check names them
                node = item
                continue
            listed = keys.pop()
            name = _ITEMS[listed].format(n=step + 1)
            own = item.get("name") if isinstance(item, dict) else None
            if (
                listed == "partners"
                and isinstance(own, str)
                and has_visible(own)
                and len(own.strip()) <= 60
            ):
                name += f" ({own.strip()})"
            parts.append(name)
            node = item
            continue
        keys.append(str(step))
        node = node.get(step) if isinstance(node, dict) else None
    if keys:
        parts.append(f"'{'.'.join(keys)}'")
    return parts


def _strip_prefix(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float) and len(str(value)) <= 80


def _raw_location(data: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """The part of pydantic's location that exists in the YAML as written.

    Models may normalise input (an agenda entry written as a bare word becomes a mapping),
    so a location can name steps the user never typed; stop at the last real one.
    """
    kept: list[str | int] = []
    node = data
    for position, step in enumerate(loc):
        if _has(node, step):
            node = node[step]
        elif isinstance(node, dict) and position == len(loc) - 1 and isinstance(step, str):
            kept.append(step)  # a missing key: name it, point at its mapping
            break
        elif isinstance(node, dict):
            continue  # a union member's tag, or a key the model derived
        else:
            break
        kept.append(step)
    return tuple(kept)


def _has(node: Any, step: Any) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)


def _did_you_mean(word: str, allowed: list[str]) -> str:
    if not allowed:
        return "Remove it."
    return f"{did_you_mean(word, allowed)}Known keys here: {', '.join(allowed)}."


def _allowed_keys(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the model expects where an unknown key was found, for "did you mean"."""
    models = [root]
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        inner = [
            inner_model
            for model in models
            if (field := model.model_fields.get(step)) is not None
            for inner_model in _models_in(field.annotation)
        ]
        # a tagged union names the member it tried, by class name, in the location
        models = inner or [model for model in models if model.__name__ == step]
    return sorted({key for model in models for key in _keys(model)})


def _keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    found: list[type[BaseModel]] = []
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (list, tuple, dict, Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found.extend(_models_in(arg))
    return found
