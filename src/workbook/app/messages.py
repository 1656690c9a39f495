"""The tool's messages in the user's language: problems, warnings and what a run says.

A problem arrives from ``core``, ``session`` or ``language`` in English, and with a ``key``
and ``values`` where it can be said in other words (``core.errors.Problem``). Here the
key is looked up in the language's ui.yaml (``messages``, ``hints``; on the web page
``page`` and ``page_hints`` first, in a facilitator's words rather than YAML's), the
values filled in, and the place named as the language names it ("partner 5 (Karen
Nielsen)", "programpunkt 6"). A language that lacks a message says it in English; a
problem without a key, or a run where no language could be read, stays as it came.

Which language: the session's (or ``--lang``), read as loosely as can be, so that even a
session file that fails validation has its problems told in its own language.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbook.core.errors import Problem, UserError
from workbook.core.text import fill

ENGLISH = "en"
_GROUPS = ("messages", "hints", "page", "page_hints", "say")


@dataclass(frozen=True)
class Messages:
    """The message texts of one language (its own, then English's), by ``group.name``."""

    code: str
    locale: str
    texts: dict[str, str]
    labels: dict[str, str]  # the web form's labels (``web.*``), to name a field on the page

    def text(self, dotted: str, /, **values: object) -> str | None:
        """The text ``dotted`` with ``values`` filled in, or None where no language has it
        (or it names a value the message does not carry). Not typeset: a message quotes
        what to type, straight quotes and all."""
        source = self.texts.get(dotted)
        if source is None:
            return None
        try:
            return fill(source, **self._context(values))
        except Exception:  # a translation naming a value this message lacks: say it as it came
            return None

    def say(self, name: str, english: str, /, **values: object) -> str:
        """What a run says (``say.<name>``), or ``english`` where no language has it."""
        return self.text(f"say.{name}", **values) or english

    def problem(self, problem: Problem, page: bool = False) -> Problem:
        """``problem`` in this language; ``page``: in the web form's words, beside its field."""
        values = dict(problem.values)
        label = self._label(problem, page)
        if label is None:
            label = problem.label
        if problem.key is None:
            return replace(problem, label=label)
        message = None
        if page:
            message = self.text(f"page.{problem.key}", **values)
        message = message or self.text(f"messages.{problem.key}", **values)
        if message is None:  # a key this language (and English) lacks: as it came
            return problem
        shown = not (page and values.get("found") == "''")  # an empty field, on the page
        if shown and "found" in values and "{{ found }}" not in self._source(problem.key, page):
            message = f"{message} {self.text('messages.found', **values)}"
        if problem.subject is not None:
            subject = self._subject(problem.subject, page)
            message = f"{subject} {message}"
        hint = problem.hint
        hint_key = problem.hint_key or problem.key
        if page:
            hint = self.text(f"page_hints.{hint_key}", **values)
        elif hint is not None:
            hint = self.text(f"hints.{hint_key}", **values) or hint
        return replace(problem, message=message, hint=hint, label=label)

    def problems(self, problems: Iterable[Problem], page: bool = False) -> list[Problem]:
        return [self.problem(p, page) for p in problems]

    def error(self, error: UserError) -> UserError:
        """``error`` with every problem in this language."""
        return UserError(self.problems(error.problems))

    def _source(self, key: str, page: bool) -> str:
        return (self.texts.get(f"page.{key}") if page else None) or self.texts.get(
            f"messages.{key}", ""
        )

    def _label(self, problem: Problem, page: bool) -> str | None:
        """The place as this language names it: the counted item, then (terminal) nothing
        more, as the subject leads the message."""
        if problem.item is None:
            return None  # the label is the file's key, or none: as it came
        kind, number, name = problem.item
        said = self.text(f"page.{kind}", number=number) if page else None
        said = said or self.text(f"messages.{kind}", number=number)
        if said is None:
            return None
        return f"{said} ({name})" if name else said

    def _subject(self, subject: str, page: bool) -> str:
        """The key a message is about: as written in the file ('organisation'), or on the
        page by the form's label for it (Organisation)."""
        if not page:
            return f"'{subject}'"
        words = [self.labels.get(part.split("[")[0], part) for part in subject.split(".")]
        return " · ".join(words)

    def _context(self, values: dict[str, object]) -> dict[str, object]:
        """Values as this language writes them: a month by its name, and the plural
        category of ``count`` (``{% if one %}``)."""
        context: dict[str, object] = {}
        for name, value in values.items():
            if name in ("what", "kind"):  # the kind of file, in this language's words
                known = str(value).replace(" ", "_")
                if name == "what":  # and with its article, where a sentence names the file
                    the = self.texts.get(f"messages.the_what_{known}")
                    context["the_what"] = the or value
                value = self.texts.get(f"messages.{name}_{known}", value)

            if isinstance(value, Problem):  # a problem told inside another: said here first
                value = self.problem(value).message
            if isinstance(value, dt.date):
                from babel.dates import format_date

                value = format_date(value, "MMMM y", locale=self.locale)
            context[name] = value
        from workbook.plan.words import plural_flags

        return plural_flags(context, self.locale)


def messages_for(
    code: str | None, content_dirs: Sequence[Path] = (), near: Path | None = None
) -> Messages:
    """The messages of language ``code``, English where it lacks them; English alone when
    the language cannot be found or read (its problems are told elsewhere)."""
    from workbook.language.folders import discover

    try:
        languages = discover(content_dirs, near)
    except UserError:
        languages = {}
    english = languages.get(ENGLISH)
    own = languages.get(code or "") if code else None
    layers = [folder for folder in (own, english) if folder is not None]
    if not layers:
        return _builtin_english()
    texts: dict[str, str] = {}
    labels: dict[str, str] = {}
    for folder in reversed(layers):  # English first, the language's own over it
        ui = _ui_of(folder)
        for group in _GROUPS:
            texts.update({f"{group}.{k}": v for k, v in ui.get(group, {}).items()})
        labels.update(ui.get("web", {}))
    main = layers[0]
    locale = (main.meta.locale or main.code).replace("-", "_")
    return Messages(main.code, locale, texts, labels)


def _ui_of(folder: Any) -> dict[str, dict[str, str]]:
    """A language's ui.yaml as written (read once per version of the file)."""
    from workbook.language.loading import load_raw_file

    try:
        doc = load_raw_file(folder, "ui")
    except UserError:
        return {}
    return _groups(doc.data if doc is not None else None)


def own_messages(content_dirs: Sequence[Path] = ()) -> Messages:
    """The messages of a run about no session and with no language of its own to speak (a
    translator's): the language ``WORKBOOK_LANG`` names (a translator who reads no Danish
    sets it to ``en``), else the tool's own, the guide's Danish. Not the locale's ``LANG``:
    that names the machine's language, not the reader's choice for this tool."""
    from workbook.language.folders import REFERENCE

    chosen = os.environ.get("WORKBOOK_LANG", "").strip()
    return messages_for(chosen or REFERENCE, content_dirs)


def messages_of(content: Any) -> Messages:
    """The messages of a loaded language (``language.loading.Content``)."""
    return messages_for(content.code, [content.folder.path.parent])


def session_language(session: Path | None, option: str | None) -> str | None:
    """The language a run speaks: ``--lang``, else the session file's ``language:`` as
    written (read loosely: a file with other problems still names its language)."""
    if option:
        return option
    if session is None:
        return None
    from workbook.core import yamlio

    try:
        data = yamlio.load(session, "session file").data
    except UserError:  # not YAML (yet): its 'language:' line, as a person reads it
        try:
            found = _LANGUAGE_LINE.search(yamlio.read_text(session, "session file"))
        except UserError:
            return None
        return found.group(1) if found else "da"
    code = data.get("language", "da") if isinstance(data, dict) else None
    return code.strip() if isinstance(code, str) and code.strip() else None


_LANGUAGE_LINE = re.compile(r"""^language:[ \t]*["']?([A-Za-z_-]+)["']?[ \t]*(?:#.*)?$""", re.M)


def _groups(data: Any) -> dict[str, dict[str, str]]:
    if not isinstance(data, dict):
        return {}
    return {
        group: {k: v for k, v in texts.items() if isinstance(v, str) and v.strip()}
        for group, texts in data.items()
        if isinstance(texts, dict)
    }


@lru_cache(maxsize=1)
def _builtin_english() -> Messages:
    from workbook.core import yamlio
    from workbook.core.resources import content_dir

    try:
        ui = _groups(yamlio.load(content_dir() / ENGLISH / "ui.yaml").data)
    except UserError:
        ui = {}
    texts = {f"{g}.{k}": v for g in _GROUPS for k, v in ui.get(g, {}).items()}
    return Messages(ENGLISH, "en_GB", texts, ui.get("web", {}))
