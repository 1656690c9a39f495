"""The two kinds of failure: a user's mistake (told plainly) and a bug (traceback on --debug)."""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing the user must change, located as precisely as we can.

    ``message``, ``hint`` and ``label`` are English. A problem that also carries a ``key``
    can be told in the user's language: the app layer looks up ``messages.<key>`` (and
    ``hints.<hint_key or key>``) in the language's ui.yaml and fills in ``values``;
    ``item`` and ``subject`` say what ``label`` names, so it can be said there too. Core
    knows no language, so it only describes.
    """

    message: str
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    hint: str | None = None
    # How a person names the place, e.g. "partner 5 (Karen Nielsen): 'organisation'";
    # shown instead of ``field``, which stays the dotted key for code to match on.
    label: str | None = None
    excerpt: str | None = None  # the offending line with a caret under the column
    key: str | None = None  # the message's name in ui.yaml's ``messages``
    values: tuple[tuple[str, object], ...] = ()  # its placeholders, by name
    hint_key: str | None = None  # the hint's name in ``hints``, when not ``key``
    # the counted list item the problem is in: ("partner", 5, "Karen Nielsen"), ("entry", 6, None)
    item: tuple[str, int, str | None] | None = None
    subject: str | None = None  # the key the message leads with, as written: "organisation"

    def value(self, name: str) -> object:
        return dict(self.values).get(name)

    def render(self) -> str:
        where = ""
        if self.file is not None:
            where = str(shown(self.file))
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
        subject = self.label if self.label is not None else f"'{self.field}'" if self.field else ""
        head = " ".join(p for p in (where, subject) if p)
        text = f"{head}: {self.message}" if head else self.message
        if self.excerpt:
            text += "\n" + "\n".join(f"    {row}" for row in self.excerpt.splitlines())
        if self.hint:
            text += f"\n    {self.hint}"
        return text


class UserError(Exception):
    """Input the user can fix. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))


def shown(path: Path) -> Path:
    """``path`` as the user would type it from here: relative when it lies below the
    working directory (not a site-packages path in full), absolute otherwise."""
    try:
        # The folder resolved, not the file: a link is named as the link, not its target.
        folder = _resolved(os.path.abspath(path.parent))
        return (folder / path.name).relative_to(_resolved(os.getcwd()))
    except (ValueError, OSError):
        return path


@functools.lru_cache(maxsize=256)
def _resolved(folder: str) -> Path:
    # Cached: a check of a large translation names thousands of problems in a few folders.
    return Path(folder).resolve()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "Did you mean 'x'? " hint naming the choice closest to a mistyped ``word``, or ""."""
    close = closest(word, choices)
    return f"Did you mean '{close}'? " if close else ""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a mistyped ``word``, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def excerpt(text: str, line: int, column: int) -> str | None:
    """Line ``line`` of ``text`` (1-based) with a caret under ``column``, as editors show it."""
    rows = text.splitlines()
    if not 1 <= line <= len(rows):
        return None
    row = rows[line - 1].replace("\t", "→   ")  # a tab made visible
    before = rows[line - 1][: column - 1].replace("\t", "→   ")
    number = f"{line} | "
    return f"{number}{row}\n{' ' * (len(number) - 2)}| {' ' * len(before)}^"
