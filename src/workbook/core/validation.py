"""Turn pydantic's validation errors into problems a facilitator or translator can act on."""

from __future__ import annotations

import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from workbook.core.errors import Problem, did_you_mean
from workbook.core.visible import has_visible
from workbook.core.yamlio import Document

_MESSAGES = {
    "missing": "is missing",
    "string_type": "must be text",
    "string_too_short": "must not be empty",
    "string_too_long": "is too long",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_parsing_size": "must be a whole number of a few digits",
    "greater_than": "must be more than zero",
    "list_type": "must be a list (one '- ' line per item)",
    "model_type": "must be a mapping ('key: value' lines)",
    "dict_type": "must be a mapping ('key: value' lines)",
    "model_attributes_type": "must be a mapping ('key: value' lines)",
    "date_type": "must be a date like 2027-03-04",
    "date_parsing": "must be a date like 2027-03-04",
    "date_from_datetime_parsing": "must be a date like 2027-03-04",
    "date_from_datetime_inexact": "must be a date like 2027-03-04, without a time",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
}


def problems_from(error: ValidationError, doc: Document, root: type[BaseModel]) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = _raw_location(doc.data, item["loc"])
        line, column = doc.locate(loc)
        field = ".".join(str(step) for step in loc) or None
        kind = item["type"]
        message = _MESSAGES.get(kind) or _strip_prefix(item["msg"])
        hint = None
        if kind == "extra_forbidden":
            message = "is not a known key"
            allowed = _allowed_keys(root, item["loc"])
            hint = _did_you_mean(str(item["loc"][-1]), allowed)
        elif kind == "missing":
            hint = f"Add '{item['loc'][-1]}:' here."
        elif kind.startswith("too_short") and isinstance(item["ctx"].get("min_length"), int):
            message = f"needs at least {item['ctx']['min_length']} item(s)"
        elif kind == "string_too_long":
            message, hint = _too_long(item["input"], item["ctx"]["max_length"])
        elif kind == "less_than_equal":
            message, hint = _too_large(loc, item["ctx"]["le"])
        value = item.get("input")
        written = doc.written(loc) if kind == "string_type" else None
        if written is not None and isinstance(value, bool | int | float):
            # YAML 1.1 reads no, yes, on, off as true/false, and digits as a number
            read_as = ("true" if value else "false") if isinstance(value, bool) else "a number"
            message = f"must be text, but YAML reads {written} as {read_as}"
            hint = f'Write it in quotes: {loc[-1]}: "{written}"'
        elif kind not in ("missing", "extra_forbidden", "string_too_long") and _is_scalar(value):
            found = ("true" if value else "false") if isinstance(value, bool) else repr(value)
            message = f"{message} (found {found})"
        parts = place_parts(loc, doc.data)
        if parts and parts[-1].startswith("'"):  # the key leads its own sentence
            message = f"{parts.pop()} {message}"
        elif kind == "string_too_long":
            # a short form (``- some part``) has no key in the file: name what it stands for
            message = f"the {str(item['loc'][-1]).replace('_', ' ')} {message}"
        problems.append(
            Problem(
                message,
                file=doc.path,
                line=line,
                column=column,
                field=field,
                hint=hint,
                label=": ".join(parts),
            )
        )
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _too_large(loc: tuple[str | int, ...], limit: Any) -> tuple[str, str | None]:
    if (loc and loc[-1] == "minutes") or (len(loc) >= 2 and loc[-2] == "agenda"):
        return (
            f"is more than {limit} minutes, a whole day; a part takes fewer",
            "Give the part's length in minutes; a part over several days is split by "
            "'- day: ...' lines.",
        )
    return f"must be at most {limit}", None


def _too_long(value: Any, limit: int) -> tuple[str, str]:
    """ "is 73 characters long; at most 60 are allowed" (the key leads), and what to do."""
    length = len(str(value).strip())
    return (
        f"is {length} characters long; at most {limit} are allowed",
        f"Shorten it to {limit} characters or fewer, so that it fits on every page.",
    )


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
