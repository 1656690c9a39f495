"""Languages: finding their folders, loading them, and filling gaps from a fallback.

A language is any folder with a ``meta.yaml``. Folders are searched in this order, the
first match winning: ``--content`` folders, then those in ``WORKBOOK_CONTENT``, then the
built-in ``content/``. A translation may be incomplete: what it lacks is taken from the
fallback language its meta.yaml names, and counted, so the user can be told.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workbook import content_model as cm
from workbook import yamlio
from workbook.errors import Problem, UserError
from workbook.resources import content_dir
from workbook.validation import problems_from

REFERENCE = "da"
ENV_VAR = "WORKBOOK_CONTENT"

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
}


class FontFiles(BaseModel):
    """TTF files a language brings for a script the bundled font lacks, relative to its folder.

    Only ``regular`` is required; a missing face is drawn with the nearest one given.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    regular: cm.Text
    bold: cm.Text | None = None
    italic: cm.Text | None = None
    bold_italic: cm.Text | None = None

    def faces(self) -> dict[str, str]:
        bold = self.bold or self.regular
        return {
            "regular": self.regular,
            "bold": bold,
            "italic": self.italic or self.regular,
            "bold_italic": self.bold_italic or self.bold or self.italic or self.regular,
        }


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: cm.Text
    english_name: cm.Text | None = None
    fallback: cm.Text | None = None
    locale: cm.Text | None = Field(None, description="CLDR locale when the folder name is not one")
    fonts: FontFiles | None = None


class PartTiming(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    minutes: int = Field(gt=0)
    steps: list[int | None] = []
    dialogue: str | None = None
    pause: bool = False


class Warn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    day_without_lunch_minutes: int = Field(gt=0)
    shortened_below: float = Field(gt=0, lt=1)


class Timing(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    parts: dict[str, PartTiming]
    default_agenda: list[str]
    warn: Warn
    deadlines: dict[str, int]

    @property
    def guide_minutes(self) -> int:
        """The guide's whole day, as its default agenda runs it."""
        return sum(self.parts[key].minutes for key in self.default_agenda)


@dataclass(frozen=True)
class LanguageFolder:
    code: str
    path: Path
    meta: Meta
    origin: str  # "--content", "WORKBOOK_CONTENT" or "built-in"


def font_files(folder: LanguageFolder) -> dict[str, Path]:
    """The language's own font files by face, empty when it uses the bundled font."""
    fonts = folder.meta.fonts
    if fonts is None:
        return {}
    meta_file = folder.path / "meta.yaml"
    problems = []
    for face, name in fonts.model_dump(exclude_none=True).items():
        if not (folder.path / name).is_file():
            line, column = yamlio.load(meta_file).locate(("fonts", face))
            problems.append(
                Problem(
                    f"font file '{name}' not found",
                    file=meta_file,
                    line=line,
                    column=column,
                    field=f"fonts.{face}",
                    hint=f"Put the .ttf file in {folder.path} or correct the path "
                    "(relative to the language folder).",
                )
            )
    if problems:
        raise UserError(problems)
    return {face: (folder.path / name).resolve() for face, name in fonts.faces().items()}


@dataclass(frozen=True)
class Fallbacks:
    """How many strings of each file came from another language."""

    counts: dict[str, int] = field(default_factory=dict)
    source: str | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def messages(self) -> list[str]:
        return [
            f"{count} string(s) in {name}.yaml fell back to '{self.source}'"
            for name, count in self.counts.items()
        ]


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
    timing: Timing
    fallbacks: Fallbacks
    files: dict[str, Path]

    @property
    def locale(self) -> str:
        return (self.meta.locale or self.code).replace("-", "_")


def search_path(extra: Iterable[Path] = ()) -> list[tuple[Path, str]]:
    dirs = [(Path(p), "--content") for p in extra]
    env = os.environ.get(ENV_VAR, "")
    dirs += [(Path(p), ENV_VAR) for p in env.split(os.pathsep) if p.strip()]
    dirs.append((content_dir(), "built-in"))
    return dirs


def discover(extra: Iterable[Path] = ()) -> dict[str, LanguageFolder]:
    found: dict[str, LanguageFolder] = {}
    for root, origin in search_path(extra):
        if not root.is_dir():
            if origin != "built-in":
                raise UserError(
                    Problem(
                        "is not a folder of language folders",
                        file=root,
                        hint=f"Check the path given with {origin}.",
                    )
                )
            continue
        for folder in sorted(root.iterdir()):
            meta_file = folder / "meta.yaml"
            if folder.name in found or not meta_file.is_file():
                continue
            found[folder.name] = LanguageFolder(folder.name, folder, _load_meta(meta_file), origin)
    return found


def _load_meta(path: Path) -> Meta:
    doc = yamlio.load(path, "language meta file")
    if not isinstance(doc.data, dict):
        raise UserError(Problem("must be a mapping with at least 'name:'", file=path, line=1))
    try:
        return Meta.model_validate(doc.data)
    except ValidationError as exc:
        raise UserError(problems_from(exc, doc, Meta)) from None


def unknown_language(code: str, languages: dict[str, LanguageFolder]) -> UserError:
    available = ", ".join(f"{c} ({f.meta.name})" for c, f in sorted(languages.items()))
    return UserError(
        Problem(
            f"unknown language '{code}'",
            field="language",
            hint=f"Available: {available}. "
            "A language is a folder content/<code>/ with a meta.yaml.",
        )
    )


def load_raw(folder: LanguageFolder) -> dict[str, yamlio.Document | None]:
    """Each language file as written, or None where the folder lacks it."""
    return {name: load_raw_file(folder, name) for name in FILES}


def load_content(code: str, extra: Iterable[Path] = (), strict: bool = False) -> Content:
    languages = discover(extra)
    if code not in languages:
        raise unknown_language(code, languages)
    folder = languages[code]
    chain = fallback_chain(folder, languages)
    own = load_raw(folder)
    merged: dict[str, Any] = {}
    counts: dict[str, int] = {}
    for name in FILES:
        doc = own[name]
        data = doc.data if doc is not None else None
        for other in chain:
            other_doc = load_raw_file(other, name)
            if other_doc is None:
                continue
            data, filled = fill_gaps(data, other_doc.data)
            if filled:
                counts[name] = counts.get(name, 0) + filled
        merged[name] = data
    fallbacks = Fallbacks(counts, chain[0].code if chain and counts else None)
    locale_problem = check_locale(folder)
    if locale_problem:
        raise UserError(locale_problem)
    if strict and fallbacks.total:
        raise UserError(
            [
                Problem(
                    f"{n} string(s) missing, would fall back to '{fallbacks.source}' (--strict)",
                    file=folder.path / f"{name}.yaml",
                    hint=f"Run 'workbook check --lang {code}' to list them.",
                )
                for name, n in counts.items()
            ]
        )
    models: dict[str, Any] = {}
    problems: list[Problem] = []
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
        **models,
    )


def check_locale(folder: LanguageFolder) -> Problem | None:
    """Dates and times come from CLDR, so the language needs a locale Babel knows."""
    from babel import Locale, UnknownLocaleError

    code = folder.meta.locale or folder.code
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        meta_file = folder.path / "meta.yaml"
        line, column = yamlio.load(meta_file).locate(("locale",))
        return Problem(
            f"no CLDR locale '{code}' for dates and times",
            file=meta_file,
            line=line if folder.meta.locale else None,
            column=column if folder.meta.locale else None,
            field="locale",
            hint="Set 'locale:' in meta.yaml to a CLDR code such as pl, pt_BR or sr_Latn.",
        )
    return None


def load_raw_file(folder: LanguageFolder, name: str) -> yamlio.Document | None:
    path = folder.path / f"{name}.yaml"
    return yamlio.load(path, "content file") if path.is_file() else None


def fallback_chain(
    folder: LanguageFolder, languages: dict[str, LanguageFolder]
) -> list[LanguageFolder]:
    chain: list[LanguageFolder] = []
    seen = {folder.code}
    code = folder.meta.fallback
    while code and code not in seen:
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


def is_keyed(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(i, dict) and "key" in i for i in value)


def count_strings(value: Any) -> int:
    if isinstance(value, dict):
        return sum(count_strings(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_strings(v) for v in value)
    return 1 if isinstance(value, str) else 0


def load_timing() -> Timing:
    path = content_dir() / "timing.yaml"
    doc = yamlio.load(path, "timing file")
    try:
        return Timing.model_validate(doc.data)
    except ValidationError as exc:
        raise UserError(problems_from(exc, doc, Timing)) from None


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
            label = item["key"] if keyed else index
            if keyed:  # the key names the item; it is not text to translate
                item = {k: v for k, v in item.items() if k != "key"}
            yield from leaves(item, f"{name}[{label}]", (*location, index))
    elif value is None or isinstance(value, str):
        yield Leaf(name, location, value)


def leaf_paths(value: Any) -> set[str]:
    """Dotted names of every string present."""
    return {leaf.name for leaf in leaves(value) if leaf.text is not None}


@dataclass(frozen=True)
class Completeness:
    present: int
    missing: int

    @property
    def percent(self) -> float:
        total = self.present + self.missing
        return 100.0 * self.present / total if total else 100.0


def completeness(folder: LanguageFolder, reference: LanguageFolder) -> Completeness:
    """How many of the reference language's strings this language has."""
    present = missing = 0
    ours, theirs = load_raw(folder), load_raw(reference)
    for name in FILES:
        reference_doc, own_doc = theirs[name], ours[name]
        wanted = leaf_paths(reference_doc.data if reference_doc else None)
        have = leaf_paths(own_doc.data if own_doc else None)
        present += len(wanted & have)
        missing += len(wanted - have)
    return Completeness(present, missing)
