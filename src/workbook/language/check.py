"""``workbook check``: everything a translator must fix, compared with the reference language.

A translation is compared string by string with the reference (Danish): what it lacks,
what it has that the reference does not, what it left empty, and where its Jinja
placeholders differ. Each finding names the file and line, so a translator can go
straight to it; a clean folder exits 0 so the check can run in a translator's CI.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workbook.core import yamlio
from workbook.core.errors import Problem, UserError, closest
from workbook.core.text import template_problem
from workbook.core.validation import problems_from
from workbook.language.completeness import completeness, same_as
from workbook.language.folders import (
    REFERENCE,
    Broken,
    LanguageFolder,
    builtin,
    check_locale,
    find,
    font_files,
)
from workbook.language.leaves import is_keyed, leaves
from workbook.language.loading import (
    FILES,
    fallback_chain,
    fill_gaps,
    load_raw_file,
    template_hint,
)
from workbook.language.references import resolve, without_references

_PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}|\{%\s*(.*?)\s*%\}", re.DOTALL)


@dataclass(frozen=True)
class Report:
    code: str
    checked: int
    missing: list[Problem]
    unknown: list[Problem]
    empty: list[Problem]
    placeholders: list[Problem]
    invalid: list[Problem]
    # Strings still word for word as in the language the folder was started from (or its
    # fallback): not wrong, but not yet translated.
    untranslated: int = 0
    fallback: str | None = None
    started: bool = False  # whether ``fallback`` is the language the folder was copied from
    to_translate: int = 0  # strings with words to translate, as 'workbook languages' counts
    renamed: list[Problem] = field(default_factory=list)  # a missing key found misspelt
    notices: tuple[str, ...] = ()  # other language folders skipped, one taking a built-in's place

    @property
    def problems(self) -> list[Problem]:
        problems = self.missing + self.unknown + self.renamed + self.empty + self.placeholders
        return problems + self.invalid

    @property
    def clean(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        lines = []
        if self.untranslated and not self.started:
            lines.append(
                f"note: {self.untranslated} of {self.checked} strings are word for word as in "
                f"'{self.fallback}' (not yet translated?)"
            )
        return "\n".join([*lines, self._outcome()])

    def _outcome(self) -> str:
        left = (
            f"{self.untranslated} of {self.to_translate or self.checked} strings left to translate "
            f"(still as in '{self.fallback}')"
        )
        if self.clean and self.started and self.untranslated:
            return f"{self.code}: no errors; {left}"
        if self.clean:
            return f"{self.code}: no problems in {self.checked} strings"
        counts = [
            (len(self.missing), "missing"),
            (len(self.unknown), "unknown"),
            (len(self.renamed), "renamed"),
            (len(self.empty), "empty"),
            (len(self.placeholders), "with different placeholders"),
            (len(self.invalid), "other problem" if len(self.invalid) == 1 else "other problems"),
        ]
        found = ", ".join(f"{n} {what}" for n, what in counts if n)
        tail = f"; {left}" if self.started and self.untranslated else ""
        return f"{self.code}: {found} ({self.checked} strings checked){tail}"


def check_translation(
    code: str,
    extra: Sequence[Path] = (),
    loading: Callable[[str, Sequence[Path]], list[Problem]] | None = None,
) -> Report:
    """Compare a language with the reference; when its files are clean, ``loading`` says
    what is still wrong once it is loaded and drawn (the fonts' glyphs: ``app.check``)."""
    found = find(extra)
    languages = found.languages
    folder = found.folder(code)
    reference = builtin(REFERENCE)  # what the tool ships, whatever folder takes its place
    # The text a translator is offered: the language they started from, as they read it.
    started = languages.get(folder.meta.started_from or "")
    source = started or languages.get(folder.meta.fallback or "")
    report = compare(folder, reference, source)
    invalid = report.invalid + _meta_problems(folder, languages, found.broken)
    if not report.problems and not invalid and loading is not None:
        invalid = loading(code, extra)
    untranslated = len(same_as(folder, source) - set(folder.meta.kept)) if source else 0
    to_translate = 0
    if started is not None:  # counted as 'workbook languages' counts, so the two agree
        score = completeness(folder, reference, languages)
        untranslated, to_translate = score.untranslated, score.present + score.missing
    return replace(
        report,
        invalid=invalid,
        untranslated=untranslated,
        fallback=source.code if source else None,
        started=started is not None,
        to_translate=to_translate,
        notices=tuple(found.notices([code])),
    )


def _meta_problems(
    folder: LanguageFolder, languages: dict[str, LanguageFolder], broken: Broken
) -> list[Problem]:
    problems = []
    checks = (lambda: fallback_chain(folder, languages, broken), lambda: font_files(folder))
    for check in checks:
        try:
            check()
        except UserError as exc:
            problems += exc.problems
    locale = check_locale(folder)
    return [*problems, locale] if locale else problems


def placeholders(text: str) -> set[str]:
    """The ``{{ ... }}`` and ``{% ... %}`` of a string, with spacing normalised."""
    found = set()
    for expression, statement in _PLACEHOLDER.findall(text):
        body = " ".join((expression or statement).split())
        found.add("{{ " + body + " }}" if expression else "{% " + body + " %}")
    return found


def compare(
    folder: LanguageFolder, reference: LanguageFolder, source: LanguageFolder | None = None
) -> Report:
    """Every string of ``folder`` against the same string of ``reference``; hints quote
    ``source`` (the language the translator works from) where it has the string."""
    missing: list[Problem] = []
    unknown: list[Problem] = []
    empty: list[Problem] = []
    differs: list[Problem] = []
    invalid: list[Problem] = []
    checked = 0
    merged_files: dict[str, Any] = {}
    own_docs: dict[str, yamlio.Document | None] = {}
    for name, model in FILES.items():
        path = folder.path / f"{name}.yaml"
        try:
            own = load_raw_file(folder, name)
            wanted = load_raw_file(reference, name)
        except UserError as exc:  # unreadable or malformed YAML: nothing more to compare
            invalid += exc.problems
            _stand_in(merged_files, reference, name)
            continue
        ref_leaves = {leaf.name: leaf for leaf in leaves(wanted.data if wanted else None)}
        offered = _texts(source, name) if source and source != folder else {}
        if own is None:
            merged_files[name] = wanted.data if wanted else None
            copy_from = source.code if source and source != folder else reference.code
            missing.append(
                Problem(
                    f"file missing ({len(ref_leaves)} strings)",
                    file=path,
                    hint=f"Copy {name}.yaml from '{copy_from}' here and translate it "
                    "('workbook languages' shows where each language is).",
                )
            )
            continue
        own_leaves = {leaf.name: leaf for leaf in leaves(own.data)}
        checked += len(own_leaves)
        for key, wanted_leaf in ref_leaves.items():
            if key not in own_leaves:
                reference_data = wanted.data if wanted else None
                line, column = own.locate(_parent(own.data, reference_data, wanted_leaf.location))
                missing.append(
                    Problem(
                        "missing",
                        file=path,
                        line=line,
                        column=column,
                        field=key,
                        hint=f"Translate: {_quote(offered.get(key, wanted_leaf.text))}",
                    )
                )
        for key, leaf in own_leaves.items():
            line, column = own.locate(leaf.location)
            where: dict[str, Any] = {"file": path, "line": line, "column": column, "field": key}
            ref = ref_leaves.get(key)
            if ref is None:
                unknown.append(
                    Problem(
                        f"not in the reference language '{reference.code}'",
                        hint="Remove it, or check the spelling of the key against "
                        f"{name}.yaml of '{reference.code}'.",
                        **where,
                    )
                )
                continue
            if leaf.text is None or not leaf.text.strip():
                if ref.text and ref.text.strip():
                    text = offered.get(key) or ref.text
                    empty.append(Problem("is empty", hint=f"Translate: {_quote(text)}", **where))
                continue
            differs += _compare_placeholders(leaf.text, ref.text or "", where)
        # The merged file must still be what the tool expects (types, list shapes).
        merged, _ = fill_gaps(own.data, wanted.data if wanted else None)
        merged_files[name], own_docs[name] = merged, own
        try:
            model.model_validate(merged)
        except ValidationError as exc:
            told = {(p.file, p.line, p.column) for p in missing + empty}
            invalid += [  # an empty string is told once, as empty, not again by the model
                problem
                for problem in problems_from(exc, yamlio.Document(path, own.text, merged), model)
                if (problem.file, problem.line, problem.column) not in told
            ]
    invalid += resolve(merged_files, own_docs)[1]  # a reference must name a text
    missing, unknown, renamed = _renamed(missing, unknown)
    return Report(folder.code, checked, missing, unknown, empty, differs, invalid, renamed=renamed)


def _renamed(
    missing: list[Problem], unknown: list[Problem]
) -> tuple[list[Problem], list[Problem], list[Problem]]:
    """A key the reference has and the translation lacks, beside one the translation has
    in the same place and the reference lacks, is one key renamed (a typo, or an old name):
    told once, as such, with the name to use, instead of as missing plus unknown."""
    renamed: list[Problem] = []
    left = list(missing)
    kept_unknown = []
    for problem in unknown:
        parent, own = _split(problem.field or "")
        candidates = {
            _split(m.field or "")[1]: m
            for m in left
            if m.file == problem.file and _split(m.field or "")[0] == parent
        }
        close = closest(own, candidates)
        if close is None:
            kept_unknown.append(problem)
            continue
        wanted = candidates[close]
        left.remove(wanted)
        renamed.append(
            replace(
                problem,
                message=f"not in the reference language; did you mean '{wanted.field}'?",
                hint=f"Rename the key '{own}' to '{close}': the reference has '{close}' here, "
                "and this file lacks it.",
            )
        )
    return left, kept_unknown, renamed


def _split(name: str) -> tuple[str, str]:
    """A dotted name's parent and its last key: 'pack.pagee' -> ('pack', 'pagee')."""
    cut = max(name.rfind("."), name.rfind("["))
    return (name[:cut], name[cut:].lstrip(".")) if cut >= 0 else ("", name)


# The plural categories a text with {{ count }} may choose between, as CLDR names them; a
# language has the ones it needs (Polish: one, few, many), so they need not match Danish.
PLURALS = ("zero", "one", "two", "few", "many", "other")
_BRANCHES = re.compile(
    r"\{% (?:(?:if|elif) (?:not )?(?:" + "|".join(PLURALS) + r")|else|endif) %\}"
)


def _compared(found: set[str]) -> set[str]:
    """The placeholders and statements a translation must share with the reference: not
    the branches of a plural choice, nor a bare else/endif."""
    return {item for item in found if not _BRANCHES.fullmatch(item)}


def _stand_in(files: dict[str, Any], reference: LanguageFolder, name: str) -> None:
    """The reference's text for a file that cannot be read, so references into it resolve."""
    try:
        doc = load_raw_file(reference, name)
    except UserError:
        return
    files[name] = doc.data if doc else None


def _compare_placeholders(text: str, reference: str, where: dict[str, Any]) -> list[Problem]:
    if "{" not in text and "{" not in reference:
        return []
    # a reference to another text may be kept or written out: only placeholders must match
    text, reference = without_references(text), without_references(reference)
    message, _ = template_problem(text)  # the policy every command applies when loading
    if message is not None:
        return [Problem(message, hint=template_hint(message), **where)]
    ours, theirs = _compared(placeholders(text)), _compared(placeholders(reference))
    problems = []
    if theirs - ours:
        problems.append(
            Problem(
                f"lacks {', '.join(sorted(theirs - ours))}",
                hint="Keep every placeholder of the reference, untranslated, where it reads well.",
                **where,
            )
        )
    if ours - theirs:
        problems.append(
            Problem(
                f"has {', '.join(sorted(ours - theirs))}, which the reference does not",
                hint="Placeholders are not translated: "
                + (
                    f"this text can use {', '.join(sorted(theirs))}."
                    if theirs
                    else "this text takes none."
                ),
                **where,
            )
        )
    return problems


def _parent(own: Any, reference: Any, location: yamlio.Path_) -> yamlio.Path_:
    """The deepest part of ``location`` the translation has, to point the line at.

    Keyed list items are matched by key, as the translation may order them differently.
    """
    found: yamlio.Path_ = ()
    for step in location:
        if isinstance(own, dict) and isinstance(reference, dict) and step in own:
            own, reference = own[step], reference.get(step)
            found = (*found, step)
            continue
        if not (isinstance(own, list) and isinstance(reference, list) and isinstance(step, int)):
            break
        wanted = reference[step]
        if is_keyed(reference):
            index = next(
                (i for i, item in enumerate(own) if item.get("key") == wanted["key"]), None
            )
        else:
            index = step if step < len(own) else None
        if index is None:
            break
        own, reference = own[index], wanted
        found = (*found, index)
    return found


def _texts(folder: LanguageFolder, name: str) -> dict[str, str | None]:
    try:
        doc = load_raw_file(folder, name)
    except UserError:
        return {}  # the source's own problems are its checker's, not this translator's
    return {leaf.name: leaf.text for leaf in leaves(doc.data if doc else None)}


def _quote(text: str | None, limit: int = 70) -> str:
    flat = " ".join((text or "").split())
    return f'"{flat[: limit - 1]}…"' if len(flat) > limit else f'"{flat}"'
