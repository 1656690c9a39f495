"""Every character the pack will print must be in the font: a missing glyph is an error
naming the character and where it came from, never an empty box on paper."""

from __future__ import annotations

import unicodedata
import weakref
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from workbook.core import yamlio
from workbook.core.errors import Problem
from workbook.language.loading import FILES, Content
from workbook.render.fonts import covered_characters

_IGNORED = {"\n", "\r", "\t"}
# The content last checked (weakly: a new load is a new object), its fonts' characters
# and what was missing.
_content_checked: tuple[weakref.ref[Content], frozenset[int], list[Problem]] | None = None


def check_glyphs(
    content: Content, session: BaseModel | None = None, session_file: Path | None = None
) -> list[Problem]:
    """Every character of the content (and the session, when given) the fonts cannot draw."""
    global _content_checked
    covered = covered_characters()
    problems: list[Problem] = []
    if session is not None:
        problems += _missing(session_file, session.model_dump(mode="json"), covered)
    # A resident process (--watch) renders the same loaded content again and again; its
    # answer holds while both the content object and the fonts' characters are the same.
    kept = _content_checked
    if kept is not None and kept[0]() is content and kept[1] == covered:
        return problems + kept[2]
    found = []
    for name in FILES:
        if name == "schema":
            continue  # help texts an editor shows, in its own font; never printed
        data = getattr(content, name).model_dump(mode="json", by_alias=True)
        found += _missing(content.files[name], data, covered)
    _content_checked = (weakref.ref(content), covered, found)
    return problems + found


def _missing(path: Path | None, data: Any, covered: frozenset[int]) -> list[Problem]:
    problems = []
    for location, text in yamlio.strings(data):
        missing = sorted({c for c in text if ord(c) not in covered and c not in _IGNORED})
        for char in missing:
            problems.append(_problem(char, path, location))
    return problems


def _problem(char: str, path: Path | None, location: tuple[str | int, ...]) -> Problem:
    name = unicodedata.name(char, "unnamed character")
    line = column = None
    if path is not None and path.is_file():
        line, column = yamlio.load(path).locate(location)
    return Problem(
        f"the character {char!r} (U+{ord(char):04X} {name}) is not in the font",
        file=path,
        line=line,
        column=column,
        field=".".join(str(step) for step in location),
        hint="Replace it with a character the font has. The bundled font covers Latin, Greek "
        "and Cyrillic; a language in another script names its own .ttf files under 'fonts:' "
        "in its meta.yaml.",
        key="no_glyph",
        values=(("char", repr(char)), ("code", f"U+{ord(char):04X}"), ("name", name)),
    )
