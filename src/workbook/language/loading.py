"""Languages: finding their folders, loading them, and filling gaps from a fallback.

A language is any folder with a ``meta.yaml``. Folders of languages are searched in this
order, the first match winning: ``--content`` folders; ``content/`` in the working
directory; ``content/`` beside the session file; those in ``WORKBOOK_CONTENT``; the
built-in ``content/``. So a translator who ran ``workbook languages new`` finds the new
folder from the same place without flags. A translation may be incomplete: what it lacks
is taken from the fallback language its meta.yaml names, and counted, so the user can be
told.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workbook.core import yamlio
from workbook.core.errors import Problem, UserError
from workbook.core.resources import content_dir
from workbook.core.validation import problems_from
from workbook.language import model as cm

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
    # The language this folder was copied from (``languages new``): its strings that still
    # read as there count as not yet translated, and check offers that language's text.
    started_from: cm.Text | None = None
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


# Font files start with one of these: TrueType outlines (what ReportLab embeds), or 'OTTO'
# for OpenType with CFF outlines, which it cannot.
_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
MAX_FONT_BYTES = 64 * 1024 * 1024


def font_files(folder: LanguageFolder) -> dict[str, Path]:
    """The language's own font files by face, empty when it uses the bundled font.

    Each must be a TrueType file inside the language folder; a message about one never
    shows its bytes, as a path could point anywhere.
    """
    fonts = folder.meta.fonts
    if fonts is None:
        return {}
    meta_file = folder.path / "meta.yaml"
    problems = []
    for face, name in fonts.model_dump(exclude_none=True).items():
        path = folder.path / name
        wrong = _font_problem(folder, path)
        if wrong is not None:
            message, hint = wrong
            line, column = yamlio.load(meta_file).locate(("fonts", face))
            problems.append(
                Problem(
                    f"font file '{name}' {message}",
                    file=meta_file,
                    line=line,
                    column=column,
                    field=f"fonts.{face}",
                    hint=hint,
                )
            )
    if problems:
        raise UserError(problems)
    return {face: (folder.path / name).resolve() for face, name in fonts.faces().items()}


def _font_problem(folder: LanguageFolder, path: Path) -> tuple[str, str] | None:
    where = f"Put the .ttf file in {folder.path} and give its path relative to that folder."
    if not path.exists() and not path.is_symlink():
        return "not found", where
    if not inside(folder, path):
        return "is outside the language folder; refused", where
    if not path.is_file():
        return "is not a regular file", where
    size = path.stat().st_size
    if size > MAX_FONT_BYTES:
        return f"is {size // 2**20} MiB; at most {MAX_FONT_BYTES // 2**20} MiB is read", where
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == b"OTTO":
        return "is an OpenType CFF font", "Use the TrueType (.ttf) version of the font."
    if magic not in _TRUETYPE:
        return "is not a TrueType font", "Use a TrueType (.ttf) font file."
    return None


def inside(folder: LanguageFolder, path: Path) -> bool:
    """Whether ``path``, links resolved, is within the language folder (also resolved)."""
    return path.resolve().is_relative_to(folder.path.resolve())


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


def search_path(extra: Iterable[Path] = (), near: Path | None = None) -> list[tuple[Path, str]]:
    """Folders of languages in search order; ``near`` is the session file, if any."""
    dirs = [(Path(p), "--content") for p in extra]
    local = [(Path("content"), "./content")]
    if near is not None:
        local.append((near.parent / "content", "beside the session file"))
    taken = {content_dir().resolve(), *(path.resolve() for path, _ in dirs)}
    for path, origin in local:  # only where they exist: most users have none
        if path.is_dir() and path.resolve() not in taken:
            dirs.append((path, origin))
            taken.add(path.resolve())
    env = os.environ.get(ENV_VAR, "")
    dirs += [(Path(p), ENV_VAR) for p in env.split(os.pathsep) if p.strip()]
    dirs.append((content_dir(), "built-in"))
    return dirs


def discover(
    extra: Iterable[Path] = (),
    near: Path | None = None,
    broken: dict[str, tuple[Path, str, UserError]] | None = None,
) -> dict[str, LanguageFolder]:
    """The languages found, by code. With ``broken``, a folder whose meta.yaml cannot be
    read is put there (folder, origin, why) instead of failing the whole search: a listing
    still shows the others."""
    found: dict[str, LanguageFolder] = {}
    for root, origin in search_path(extra, near):
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
            if folder.name in found or not (meta_file.exists() or meta_file.is_symlink()):
                continue
            if broken is not None and folder.name in broken:
                continue  # the first folder of a code is the one used, broken or not
            try:
                refuse_outside(folder, meta_file)
                meta = _load_meta(meta_file)
            except UserError as exc:
                if broken is None:
                    raise
                broken[folder.name] = (folder, origin, exc)
                continue
            found[folder.name] = LanguageFolder(folder.name, folder, meta, origin)
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
            hint=f"Available: {available}. A language is a folder <code>/ with a meta.yaml, "
            "found in --content folders, ./content, content/ beside the session file, "
            f"${ENV_VAR} or the built-in ones.",
        )
    )


def load_raw(folder: LanguageFolder) -> dict[str, yamlio.Document | None]:
    """Each language file as written, or None where the folder lacks it."""
    return {name: load_raw_file(folder, name) for name in FILES}


def load_content(
    code: str, extra: Iterable[Path] = (), strict: bool = False, near: Path | None = None
) -> Content:
    languages = discover(extra, near)
    if code not in languages:
        raise unknown_language(code, languages)
    folder = languages[code]
    chain = fallback_chain(folder, languages)
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
    reference = read.get(REFERENCE) or load_raw(languages[REFERENCE])
    problems: list[Problem] = []
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
        **models,
    )


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
            message, used = template_problem(leaf.text)
            hint = template_hint(message)
            if message is None and doc is not wanted:
                allowed = template_problem(known.get(leaf.name, ""))[1]
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


def refuse_outside(folder: Path, path: Path) -> None:
    """A language folder comes from other people: it may only read its own files.

    A link leading out of the folder (to a token file, say) is refused unread, so not a
    byte of what it points at can appear in a message.
    """
    if not path.resolve().is_relative_to(folder.resolve()):
        raise UserError(
            Problem(
                "is a link to a file outside its language folder; refused unread",
                file=path,
                hint="Replace the link with the file itself.",
            )
        )


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
            label = item["key"] if keyed else index + 1  # counted as people count
            if keyed:  # the key names the item; it is not text to translate
                item = {k: v for k, v in item.items() if k != "key"}
            yield from leaves(item, f"{name}[{label}]", (*location, index))
    elif value is None or isinstance(value, str):
        yield Leaf(name, location, value)


@dataclass(frozen=True)
class Completeness:
    present: int
    missing: int
    untranslated: int = 0  # present, but still word for word as in ``started_from``

    @property
    def translated(self) -> int:
        return self.present - self.untranslated

    @property
    def percent(self) -> float:
        total = self.present + self.missing
        return 100.0 * self.translated / total if total else 100.0


def completeness(
    folder: LanguageFolder,
    reference: LanguageFolder,
    languages: dict[str, LanguageFolder] | None = None,
) -> Completeness:
    """How many of the reference language's strings this language has, and how many of
    those are translated: a fresh copy of English has them all and has translated none.

    Only strings with words count: a bare placeholder or a dash has nothing to translate.
    """
    wanted: set[str] = set()
    have: set[str] = set()
    ours, theirs = load_raw(folder), load_raw(reference)
    for name in FILES:
        reference_doc, own_doc = theirs[name], ours[name]
        wanted |= {
            f"{name}.{leaf.name}"
            for leaf in leaves(reference_doc.data if reference_doc else None)
            if leaf.text and has_words(leaf.text)
        }
        have |= {  # an empty string is not translated
            f"{name}.{leaf.name}"
            for leaf in leaves(own_doc.data if own_doc else None)
            if leaf.text and leaf.text.strip()
        }
    source = (languages or {}).get(folder.meta.started_from or "")
    same = same_as(folder, source, words_only=False) if source and source != folder else set()
    return Completeness(len(wanted & have), len(wanted - have), len(wanted & same))


def same_as(folder: LanguageFolder, other: LanguageFolder, words_only: bool = True) -> set[str]:
    """The dotted names of ``folder``'s strings that read exactly as in ``other``; with
    ``words_only``, where the text has words to translate (not a bare placeholder)."""
    same: set[str] = set()
    for name in FILES:
        try:
            own, theirs = load_raw_file(folder, name), load_raw_file(other, name)
        except UserError:
            continue  # reported where the file is checked
        if own is None or theirs is None:
            continue
        texts = {leaf.name: leaf.text for leaf in leaves(theirs.data)}
        same.update(
            f"{name}.{leaf.name}"
            for leaf in leaves(own.data)
            if leaf.text
            and leaf.text == texts.get(leaf.name)
            and (has_words(leaf.text) or not words_only)
        )
    return same


_TEMPLATE = re.compile(r"\{\{\s*(.*?)\s*\}\}|\{%\s*(.*?)\s*%\}", re.DOTALL)


def has_words(text: str) -> bool:
    """Whether ``text`` has words of its own beyond placeholders and punctuation."""
    return any(len(word) > 1 for word in re.findall(r"[^\W\d_]+", _TEMPLATE.sub("", text)))
