"""Every string of a content file with its dotted name and where it sits: what the template
check, the translation check and the completeness count walk."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from workbook.core import yamlio


def is_keyed(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(i, dict) and "key" in i for i in value)


@dataclass(frozen=True)
class Leaf:
    """One string of a content file: its dotted name, where it sits, and its text."""

    name: str
    location: yamlio.Path_
    text: str | None


def leaves(value: Any, name: str = "", location: yamlio.Path_ = ()) -> Iterator[Leaf]:
    """Every string (and every empty value) with its dotted name; keyed list items by key."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{name}.{key}" if name else str(key), (*location, key))
    elif isinstance(value, list):
        keyed = is_keyed(value)
        for index, item in enumerate(value):
            label = item["key"] if keyed else index + 1  # counted as people count
            if keyed:  # the key names the item; it is not text to translate
                item = {k: v for k, v in item.items() if k != "key"}
            yield from leaves(item, f"{name}[{label}]", (*location, index))
    elif value is None or isinstance(value, str):
        yield Leaf(name, location, value)
