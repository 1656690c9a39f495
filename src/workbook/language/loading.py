"""Loading a language: its files read, checked against the content model, with what it lacks
filled in from the fallback language its meta.yaml names, and counted, so the user can be
told. Every text's placeholders are checked against the template policy as it loads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from workbook.core import yamlio
from workbook.core.errors import Problem, UserError
from workbook.core.validation import problems_from
from workbook.language import model as cm
from workbook.language.folders import (
    REFERENCE,
    Broken,
    LanguageFolder,
    Meta,
    builtin,
    check_locale,
    find,
    refuse_outside,
)
from workbook.language.leaves import is_keyed, leaves
from workbook.language.references import resolve, without_references
from workbook.language.schema_texts import SchemaTexts
from workbook.session.timing import Timing, load_timing

# Every language file and the model that checks it, in the order a translator reads them.
FILES: dict[str, type[BaseModel]] = {
    "guide": cm.Guide,
    "process": cm.Process,
    "parts": cm.Parts,
    "next_steps": cm.NextSteps,
    "facilitation": cm.Facilitation,
    "culture": cm.Culture,
    "planning": cm.Planning,
    "invitation": cm.Invitation,
    "materials": cm.Materials,
    "ui": cm.UI,
    "schema": SchemaTexts,  # the JSON Schema's help texts, for editors: never printed
}


@dataclass(frozen=True)
class Fallbacks:
    """How many strings of each file came from another language, and how many still read
    as in the language the folder was started from (a fresh copy has all, and lacks none)."""

    counts: dict[str, int] = field(default_factory=dict)
    source: str | None = None
    untranslated: dict[str, int] = field(default_factory=dict)
    started_from: str | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def left(self) -> int:
        return sum(self.untranslated.values())

    def messages(self) -> list[str]:
        fell = [
            f"{count} {'string' if count == 1 else 'strings'} in {name}.yaml fell back to "
            f"'{self.source}'"
            for name, count in self.counts.items()
        ]
        left = [
            f"{count} {'string' if count == 1 else 'strings'} in {name}.yaml not yet "
            f"translated (still as in '{self.started_from}')"
            for name, count in self.untranslated.items()
        ]
        return fell + left


@dataclass(frozen=True)
class Content:
    code: str
    meta: Meta
    folder: LanguageFolder
    guide: cm.Guide
    process: cm.Process
    parts: cm.Parts
    next_steps: cm.NextSteps
    facilitation: cm.Facilitation
    culture: cm.Culture
    planning: cm.Planning
    invitation: cm.Invitation
    materials: cm.Materials
    ui: cm.UI
    schema: SchemaTexts
    timing: Timing
    fallbacks: Fallbacks
    files: dict[str, Path]
    notices: tuple[str, ...] = ()  # about language folders: one skipped, one taking a place

    def warnings(self) -> list[str]:
        """What the user should be told about the language, though the run goes on."""
        return [*self.fallbacks.messages(), *self.notices]

    @property
    def locale(self) -> str:
        return (self.meta.locale or self.code).replace("-", "_")


def load_raw(folder: LanguageFolder) -> dict[str, yamlio.Document | None]:
    """Each language file as written, or None where the folder lacks it."""
    return {name: load_raw_file(folder, name) for name in FILES}


def load_content(
    code: str, extra: Iterable[Path] = (), strict: bool = False, near: Path | None = None
) -> Content:
    found = find(extra, near)
    languages = found.languages
    folder = found.folder(code)
    chain = fallback_chain(folder, languages, found.broken)
    own = load_raw(folder)
    read: dict[str, dict[str, yamlio.Document | None]] = {code: own}
    merged: dict[str, Any] = {}
    counts: dict[str, int] = {}
    for name in FILES:
        doc = own[name]
        data = doc.data if doc is not None else None
        for other in chain:
            other_doc = read.setdefault(other.code, {})[name] = load_raw_file(other, name)
            if other_doc is None:
                continue
            data, filled = fill_gaps(data, other_doc.data)
            if filled:
                counts[name] = counts.get(name, 0) + filled
        merged[name] = data
    # texts that stand for other texts read them from this language, gaps already filled
    merged, unresolved = resolve(merged, own)
    left = _untranslated_by_file(folder, languages)
    fallbacks = Fallbacks(
        counts, chain[0].code if chain and counts else None, left, folder.meta.started_from
    )
    locale_problem = check_locale(folder)
    if locale_problem:
        raise UserError(locale_problem)
    if strict and (fallbacks.total or fallbacks.left):
        raise UserError(
            [
                Problem(
                    f"{n} {'string' if n == 1 else 'strings'} missing, would fall back to "
                    f"'{fallbacks.source}' (--strict)",
                    file=folder.path / f"{name}.yaml",
                    hint=f"Run 'workbook check --lang {code}' to list them.",
                )
                for name, n in counts.items()
            ]
            + [
                Problem(
                    f"{n} {'string' if n == 1 else 'strings'} not yet translated, still as in "
                    f"'{folder.meta.started_from}' (--strict)",
                    file=folder.path / f"{name}.yaml",
                    hint=f"Run 'workbook check --lang {code}' to see how many are left; a "
                    "string that rightly reads the same (a name, 'A4') goes under 'kept:' "
                    "in meta.yaml by its key.",
                )
                for name, n in left.items()
            ]
        )
    # Every folder, a 'da' or 'en' outside the package included, is held to the texts the
    # tool ships: a placeholder they do not use (say {{ lipsum }}) is refused.
    reference = load_raw(builtin(REFERENCE))
    problems: list[Problem] = list(unresolved)
    for docs in read.values():
        problems += template_problems(docs, reference)
    models: dict[str, Any] = {}
    for name, model in FILES.items():
        doc = own[name] or yamlio.Document(folder.path / f"{name}.yaml", "", merged[name])
        try:
            models[name] = model.model_validate(merged[name])
        except ValidationError as exc:
            problems += problems_from(exc, yamlio.Document(doc.path, doc.text, merged[name]), model)
    if problems:
        raise UserError(problems)
    return Content(
        code=code,
        meta=folder.meta,
        folder=folder,
        timing=load_timing(),
        fallbacks=fallbacks,
        files={name: folder.path / f"{name}.yaml" for name in FILES},
        notices=tuple(found.notices([code, *(other.code for other in chain)])),
        **models,
    )


def _untranslated_by_file(
    folder: LanguageFolder, languages: dict[str, LanguageFolder]
) -> dict[str, int]:
    """How many strings of each file still read as in the language the folder was started
    from (``completeness.untranslated``), by file, in the files' order."""
    if not folder.meta.started_from:
        return {}
    from workbook.language.completeness import untranslated

    names = untranslated(folder, languages)
    counts = {name: sum(1 for n in names if n.startswith(f"{name}.")) for name in FILES}
    return {name: count for name, count in counts.items() if count}


def template_problems(
    docs: dict[str, yamlio.Document | None], reference: dict[str, yamlio.Document | None]
) -> list[Problem]:
    """Every text that breaks the template policy (see ``text``) or names an unknown placeholder.

    A text may use the placeholders its counterpart in the reference language uses: those
    are the values the tool fills in there.
    """
    from workbook.core.text import template_problem

    problems: list[Problem] = []
    for name, doc in docs.items():
        if doc is None:
            continue
        wanted = reference.get(name)
        known = {leaf.name: leaf.text or "" for leaf in leaves(wanted.data if wanted else None)}
        for leaf in leaves(doc.data):
            if not leaf.text or "{" not in leaf.text:
                continue
            # references to other texts ({{ file.key }}) are resolved before filling
            message, used = template_problem(without_references(leaf.text))
            hint = template_hint(message)
            if message is None and doc is not wanted:
                allowed = template_problem(without_references(known.get(leaf.name, "")))[1]
                if "count" in allowed:  # a count's plural categories, as the language needs
                    allowed |= {"zero", "one", "two", "few", "many", "other"}
                unknown = sorted(used - allowed)
                if unknown:
                    message = f"unknown placeholder {', '.join(_braced(n) for n in unknown)}"
                    hint = (
                        f"This text can use {', '.join(_braced(n) for n in sorted(allowed))}."
                        if allowed
                        else "This text takes no placeholders: remove it."
                    )
            if message is not None:
                line, column = doc.locate(leaf.location)
                problems.append(
                    Problem(
                        message, file=doc.path, line=line, column=column, field=leaf.name, hint=hint
                    )
                )
    return problems


def template_hint(message: str | None) -> str:
    if message and message.startswith("broken"):
        return "Placeholders look like {{ name }}: two braces on each side."
    return "Keep the reference's placeholders as they are; write words around them."


def _braced(name: str) -> str:
    return "{{ " + name + " }}"


def load_raw_file(folder: LanguageFolder, name: str) -> yamlio.Document | None:
    path = folder.path / f"{name}.yaml"
    if not path.exists() and not path.is_symlink():
        return None
    refuse_outside(folder.path, path)
    stat = path.stat()
    return _load_file(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _load_file(path: Path, mtime_ns: int, size: int) -> yamlio.Document:
    """A content file read once per version: ``check`` and ``languages`` compare the same
    files several ways, and a changed file (new time or size) is read again. Callers
    treat the data as read-only."""
    return yamlio.load(path, "content file")


def fallback_chain(
    folder: LanguageFolder, languages: dict[str, LanguageFolder], broken: Broken | None = None
) -> list[LanguageFolder]:
    chain: list[LanguageFolder] = []
    seen = {folder.code}
    code = folder.meta.fallback
    while code and code not in seen:
        if broken and code in broken:  # the fallback's folder is there but cannot be read
            raise broken[code][2]
        if code not in languages:
            meta_file = folder.path / "meta.yaml"
            line, column = yamlio.load(meta_file).locate(("fallback",))
            raise UserError(
                Problem(
                    f"names fallback language '{code}', which does not exist",
                    file=meta_file,
                    line=line,
                    column=column,
                    field="fallback",
                    hint=f"Use one of: {', '.join(sorted(languages))}.",
                )
            )
        seen.add(code)
        chain.append(languages[code])
        code = languages[code].meta.fallback
    return chain


def fill_gaps(own: Any, fallback: Any) -> tuple[Any, int]:
    """``own`` with whatever it lacks taken from ``fallback``, and how many strings that was.

    Lists of mappings with a ``key`` are matched by key, so a translation may leave out one
    item of a list; other lists count as one value each.
    """
    if own is None or own == "":
        return fallback, count_strings(fallback)
    if isinstance(own, dict) and isinstance(fallback, dict):
        result = dict(own)
        filled = 0
        for key, value in fallback.items():
            result[key], n = fill_gaps(own.get(key), value)
            filled += n
        return result, filled
    if is_keyed(own) and is_keyed(fallback):
        by_key = {item["key"]: item for item in own}
        merged, filled = [], 0
        for item in fallback:
            value, n = fill_gaps(by_key.get(item["key"]), item)
            merged.append(value)
            filled += n
        return merged, filled
    return own, 0


def count_strings(value: Any) -> int:
    if isinstance(value, dict):
        return sum(count_strings(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_strings(v) for v in value)
    return 1 if isinstance(value, str) else 0
