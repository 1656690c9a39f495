"""Finding languages: every folder with a ``meta.yaml`` on the search path, what its
meta.yaml says, and the fonts it brings.

Folders of languages are searched in this order, the first match winning: ``--content``
folders; ``content/`` in the working directory; ``content/`` beside the session file;
those in ``WORKBOOK_CONTENT``; the built-in ``content/``. So a translator who ran
``workbook languages new`` finds the new folder from the same place without flags. A
language folder comes from other people: it may only read its own files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workbook.core import yamlio
from workbook.core.errors import Problem, UserError, shown
from workbook.core.resources import content_dir
from workbook.core.validation import problems_from
from workbook.language import model as cm

REFERENCE = "da"


ENV_VAR = "WORKBOOK_CONTENT"


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


class Typography(BaseModel):
    """How the language sets the texts the tool composes (``core.typography``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    quotes: str = Field(default="“”", min_length=2, max_length=2, description="open, close")
    dash: str = Field(default="–", min_length=1, max_length=1)
    # a number and the word after it (a unit) or before it never part at a line's end
    units: list[cm.Text] = []
    before_numbers: list[cm.Text] = []
    date: Literal["full", "long", "medium"] = "full"  # a date in running text (CLDR)


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
    typography: Typography = Typography()
    # strings that rightly read as in ``started_from`` (a name, "A4"): translated as they are
    kept: list[cm.Text] = []


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


Broken = dict[str, tuple[Path, str, UserError]]  # code -> (folder, origin, why)


def discover(
    extra: Iterable[Path] = (),
    near: Path | None = None,
    broken: Broken | None = None,
) -> dict[str, LanguageFolder]:
    """The languages found, by code. A folder whose meta.yaml cannot be read never fails
    the search: it is put in ``broken`` (folder, origin, why), so a listing still shows the
    others and a run that does not use it goes on (``find`` tells the two apart)."""
    broken = {} if broken is None else broken
    found: dict[str, LanguageFolder] = {}
    for root, origin in search_path(extra, near):
        if not root.is_dir():
            if origin != "built-in":
                raise _not_languages(root, origin)
            continue
        held = 0
        for folder in sorted(root.iterdir()):
            meta_file = folder / "meta.yaml"
            if not (meta_file.exists() or meta_file.is_symlink()):
                continue
            held += 1
            if folder.name in found or folder.name in broken:
                continue  # the first folder of a code is the one used, broken or not
            try:
                refuse_outside(folder, meta_file)
                meta = _load_meta(meta_file)
            except UserError as exc:
                broken[folder.name] = (folder, origin, exc)
                continue
            found[folder.name] = LanguageFolder(folder.name, folder, meta, origin)
        if not held and origin == "--content":
            raise _not_languages(root, origin, empty=True)
    return found


def check_content_dirs(extra: Iterable[Path]) -> None:
    """Refuse a ``--content`` folder that holds no language folder (``--content /proc``),
    before a resident process (--watch) watches it."""
    for root in extra:
        if not root.is_dir():
            raise _not_languages(root, "--content")
        if not any(os.path.lexists(entry / "meta.yaml") for entry in root.iterdir()):
            raise _not_languages(root, "--content", empty=True)


def _not_languages(root: Path, origin: str, empty: bool = False) -> UserError:
    if not empty:
        return UserError(
            Problem(
                "is not a folder of language folders",
                file=root,
                hint=f"Check the path given with {origin}.",
            )
        )
    return UserError(
        Problem(
            "is not a folder of language folders: none of its folders has a meta.yaml",
            file=root,
            hint="Give --content the folder that holds language folders such as pl/ "
            "(each with its meta.yaml), not a language folder or another folder.",
        )
    )


@dataclass(frozen=True)
class Found:
    """The languages found, and the folders that looked like one but cannot be read."""

    languages: dict[str, LanguageFolder]
    broken: Broken

    def folder(self, code: str) -> LanguageFolder:
        """The language ``code``; its folder's own problems if that is broken."""
        if code in self.broken:
            raise self.broken[code][2]
        if code not in self.languages:
            raise unknown_language(code, self.languages)
        return self.languages[code]

    def notices(self, used: Iterable[str]) -> list[str]:
        """What a run using the languages ``used`` should tell: a broken folder it does not
        use (skipped, not fatal), and a folder taking the place of a built-in language."""
        used = set(used)
        told = []
        for code, (path, _, error) in sorted(self.broken.items()):
            if code not in used:
                first = error.problems[0] if error.problems else None
                why = f": {first.render().splitlines()[0]}" if first else ""
                told.append(
                    f"language folder {shown(path)} skipped, it cannot be read{why} "
                    f"(every problem: workbook check --lang {code})"
                )
        for code in sorted(used & set(self.languages)):
            folder = self.languages[code]
            if folder.origin != "built-in" and (content_dir() / code / "meta.yaml").is_file():
                told.append(
                    f"{shown(folder.path)} is used for '{code}' in place of the built-in "
                    f"{folder.meta.english_name or folder.meta.name}"
                )
        return told


def find(extra: Iterable[Path] = (), near: Path | None = None) -> Found:
    broken: Broken = {}
    return Found(discover(extra, near, broken), broken)


def builtin(code: str = REFERENCE) -> LanguageFolder:
    """A language as the tool ships it, whatever folder takes its place on the search path:
    the reference every folder's texts are held to (the template policy, ``check``)."""
    path = content_dir() / code
    return LanguageFolder(code, path, _load_meta(path / "meta.yaml"), "built-in")


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
            key="unknown_language",
            values=(("found", code), ("available", available)),
        )
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
                key="link_outside_language",
            )
        )
