"""``workbook languages``: the languages found, where, and how much of each is translated;
and starting a new one where the other commands will find it."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbook.app.messages import Messages, messages_for
from workbook.core.errors import UserError, shown
from workbook.language.completeness import completeness
from workbook.language.folders import REFERENCE, builtin, discover, search_path
from workbook.language.scaffold import new_language


@dataclass(frozen=True)
class Listing:
    rows: list[tuple[str, ...]]  # a header, then a row per language
    unusable: dict[str, str]  # code -> its first problem, on one line


def language_codes() -> list[str]:
    return sorted(discover())


def list_languages(content_dirs: Sequence[Path] = (), said: Messages | None = None) -> Listing:
    """One bad folder (a link out of it, a file YAML cannot read) must not hide the others:
    it is listed as unusable with its first problem; ``check --lang`` shows all. The
    listing's own words (its header, "built-in", "unusable") in ``said``'s language."""
    said = said or messages_for(None)
    broken: dict[str, tuple[Path, str, UserError]] = {}
    found = discover(content_dirs, broken=broken)
    english = "code|name|found in|translated|left|complete"
    header = said.say("languages_header", english).split("|")
    if len(header) != len(english.split("|")):  # a translation that lost a column
        header = english.split("|")
    rows: list[tuple[str, ...]] = [tuple(header)]
    reasons: dict[str, UserError] = {}
    for code in sorted({*found, *broken}):
        if code in found:
            folder = found[code]
            path, origin, name = folder.path, folder.origin, folder.meta.name
            try:
                score = completeness(folder, builtin(REFERENCE), found)
            except UserError as exc:
                reasons[code] = exc
        else:
            path, origin, error = broken[code]
            name, reasons[code] = "-", error
        counts = (
            ("-", "-", said.say("languages_unusable_cell", "unusable"))
            if code in reasons
            else (
                str(score.translated),
                str(score.missing + score.untranslated),
                f"{score.percent:.0f}%",
            )
        )
        rows.append((code, name, _found_in(origin, shown(path), said), *counts))
    return Listing(rows, {code: _first_problem(error, said) for code, error in reasons.items()})


def start_language(
    code: str, source: str, into: Path, name: str | None, content_dirs: Sequence[Path] = ()
) -> tuple[Path, bool]:
    """The new language's folder, and whether the other commands find it without flags."""
    folder = new_language(code, source, into, name, content_dirs)
    found = any(path.resolve() == into.resolve() for path, _ in search_path(content_dirs))
    return folder, found


def _first_problem(error: UserError, said: Messages) -> str:
    """A problem on one line: where and what, without the excerpt and the hint."""
    first = dataclasses.replace(said.problem(error.problems[0]), excerpt=None, hint=None)
    more = len(error.problems) - 1
    if not more:
        return first.render()
    return first.render() + said.say("languages_more", f" (and {more} more)", count=more)


def _found_in(origin: str, path: Path, said: Messages) -> str:
    """Where a language is, as the user can use it: an installed copy's path inside
    site-packages is nothing to edit, so the built-in ones say only that."""
    if origin == "built-in":  # the others are an option's or a variable's name, as typed
        origin = said.say("languages_builtin", origin)
        if path.is_absolute():
            return origin
    return f"{origin}: {path}"
