"""Values a resident process works out once per live object: a style's number, a layout's
worksheet styles and poster looks."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

Value = TypeVar("Value")


class PerObject(Generic[Value]):
    """Values kept by the identity of the object they belong to and a key.

    Known by identity because the objects (styles, layouts) are compared by nothing
    cheaper; an id alone could come back for another object once the first is freed, so
    each value keeps its object alive and is trusted only for that very object. Objects
    made afresh by each render (in --watch) would pile up: past ``bound`` entries the
    keeper starts over."""

    def __init__(self, bound: int) -> None:
        self._bound = bound
        self._kept: dict[tuple[int, Hashable], tuple[object, Value]] = {}

    def get(self, owner: object, key: Hashable, make: Callable[..., Value], *args: Any) -> Value:
        """The value for ``owner`` and ``key``, from ``make(*args)`` the first time."""
        found = self._kept.get((id(owner), key))
        if found is not None and found[0] is owner:
            return found[1]
        value = make(*args)
        if len(self._kept) >= self._bound:
            self._kept.clear()
        self._kept[(id(owner), key)] = (owner, value)
        return value
