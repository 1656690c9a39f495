"""The layout: sizes, type, colours and geometry, read from layouts/<name>.yaml."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm

from workbook.core import yamlio
from workbook.core.errors import Problem, UserError
from workbook.core.resources import layouts_dir


@dataclass(frozen=True)
class Layout:
    name: str
    folder: Path
    data: dict[str, Any]

    def size(self, key: str) -> float:
        return float(self.data["type"][key])

    def colour(self, dotted: str) -> Color:
        node: Any = self.data["colours"]
        for step in dotted.split("."):
            node = node[step]
        return _hex(node)

    def mm(self, section: str, key: str) -> float:
        return float(self.data[section][key]) * mm

    def value(self, section: str, key: str) -> Any:
        return self.data[section][key]

    @property
    def paper(self) -> tuple[float, float]:
        """The chosen sheet, portrait, in points."""
        width, height = self.data["papers_mm"][self.paper_name]
        return float(width) * mm, float(height) * mm

    @property
    def paper_name(self) -> str:
        return str(self.data["paper"]).lower()

    def margin(self, side: str) -> float:
        return float(self.data["margins_mm"][side]) * mm

    def font_file(self, face: str) -> Path:
        return self.folder / self.data["fonts"][face]

    def with_fonts(self, files: Mapping[str, Path]) -> Layout:
        """This layout drawn with a language's own fonts (absolute paths win over ``folder``)."""
        if not files:
            return self
        return replace(self, data={**self.data, "fonts": {**self.data["fonts"], **files}})


# Asked for some 2,000 times a pack, a few dozen distinct values; parsing is 1 ms of a render.
@functools.lru_cache(maxsize=256)
def _hex(value: str) -> Color:
    return HexColor(value)


def load_layout(name: str = "default", paper: str | None = None) -> Layout:
    """The named layout, on ``paper`` (a key of its ``papers_mm``) or its default sheet."""
    data = dict(_read(name))  # the top level only is set here; nothing below it, ever
    if paper:
        data["paper"] = paper
    known = list(data["papers_mm"])
    if str(data["paper"]).lower() not in known:
        raise UserError(
            Problem(
                f"unknown paper '{data['paper']}'",
                field="--paper",
                hint=f"Use one of: {', '.join(known)}.",
                key="unknown_paper",
                values=(("found", str(data["paper"])), ("choices", ", ".join(known))),
                hint_key="use_one_of",
            )
        )
    return Layout(name, layouts_dir(), data)


# A resident process (--watch, the web page) reads the layout for every render: the files
# are parsed once (3 ms) and again when one of them has changed since it was read.
_Stamp = tuple[str, int, int, int]
_read_before: dict[str, tuple[list[_Stamp], dict[str, Any]]] = {}  # by file, without .yaml


def _read(name: str) -> dict[str, Any]:
    key = str(layouts_dir() / name)
    kept = _read_before.get(key)
    if kept is not None and all(_stamp(stamp[0]) == stamp for stamp in kept[0]):
        return kept[1]
    read: list[_Stamp] = []
    data = _load_chain(name, set(), read)
    _read_before[key] = (read, data)
    return data


def _stamp(path: str) -> _Stamp | None:
    """Size, time and inode, taken before the file is read: a change while it is read
    shows as a change the next time."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (path, stat.st_size, stat.st_mtime_ns, stat.st_ino)


def _load_chain(name: str, seen: set[str], read: list[_Stamp]) -> dict[str, Any]:
    path = layouts_dir() / f"{name}.yaml"
    if name in seen:
        raise UserError(Problem(f"layout '{name}' extends itself", file=path))
    seen.add(name)
    stamp = _stamp(str(path))
    read.append(stamp if stamp else (str(path), -1, -1, -1))
    data = yamlio.load(path, "layout file").data
    if not isinstance(data, dict):
        raise UserError(Problem("a layout must be a mapping", file=path))
    parent = data.pop("extends", None)
    return _merge(_load_chain(parent, seen, read), data) if parent else data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged
