"""``workbook languages new``: a new language folder that renders from the first minute.

The folder starts as a copy of an existing language (English by default) with its own
``meta.yaml``, falling back to the copied language, so a translator can replace strings
one at a time and preview the pack after each.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from workbook.core.errors import Problem, UserError, shown
from workbook.core.resources import content_dir
from workbook.language.folders import find

_CODE = re.compile(r"[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*")
# Only what a translator edits; a source language's own fonts belong to its script.
_COPIED = ("*.yaml", "*.md")


def new_language(
    code: str, source: str, into: Path, name: str | None, extra: Sequence[Path] = ()
) -> Path:
    if not _CODE.fullmatch(code):
        raise UserError(
            Problem(
                f"'{code}' is not a language code",
                field="CODE",
                hint="Use a lower-case ISO 639 code, optionally with a region or script: "
                "pl, pt_BR, sr_Latn.",
            )
        )
    found = find(extra)
    languages = found.languages
    own_code = "a code of its own (with a region or variant: da_DK, en_US, de_CH)"
    if _builtin(code):
        raise UserError(
            Problem(
                f"'{code}' is a built-in language; a folder of that code would take its "
                "place for every session that uses it",
                field="CODE",
                hint=f"Give the new language {own_code}.",
            )
        )
    if code in languages or code in found.broken:
        where = languages[code].path if code in languages else found.broken[code][0]
        raise UserError(
            Problem(
                f"'{code}' is already a language, in {shown(where)}",
                field="CODE",
                hint=f"Edit that folder, or give the new language {own_code}.",
            )
        )
    source_folder = found.folder(source)
    target = into / code
    if target.exists():
        raise UserError(
            Problem(
                "already exists; nothing written",
                file=target,
                hint="Pick another code, or edit the folder that is there.",
            )
        )
    meta = _meta_text(code, source, name)
    if not into.is_dir():
        if into.exists() or not (into.parent if str(into.parent) else Path(".")).is_dir():
            raise UserError(
                Problem(
                    "is not a folder",
                    file=into,
                    hint="Name a folder with --into; it is created if only it is missing.",
                )
            )
        into.mkdir()  # the default, ./content, is where workbook looks without flags
    staging = Path(tempfile.mkdtemp(prefix=f".{code}-", dir=into))
    try:
        for pattern in _COPIED:
            for path in sorted(source_folder.path.glob(pattern)):
                if path.name != "meta.yaml":
                    shutil.copyfile(path, staging / path.name)
        (staging / "meta.yaml").write_text(meta, "utf-8")
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _builtin(code: str) -> bool:
    return (content_dir() / code / "meta.yaml").is_file()


def _meta_text(code: str, source: str, name: str | None) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UserError(
            Problem(
                f"CLDR has no locale '{code}', so dates and times cannot be written in it",
                field="CODE",
                hint="Use a code CLDR knows (pl, pt_BR, sr_Latn...).",
            )
        ) from None
    own_name = name or (locale.get_display_name(locale) or code)
    english = locale.get_display_name("en") or code
    return (
        f"# {english}: a translation started from '{source}'. Untranslated strings fall back\n"
        f"# to '{source}'; run 'workbook check --lang {code}' to see what is left.\n"
        f"name: {_quoted(own_name[:1].upper() + own_name[1:])}\n"
        f"english_name: {_quoted(english)}\n"
        f"fallback: {source}\n"
        f"started_from: {source}       # strings still as in '{source}' count as not translated\n"
        f"locale: {locale}\n"
        "# A script the bundled font lacks (Arabic, Hebrew, Devanagari, CJK...) needs its own\n"
        "# TrueType files, relative to this folder:\n"
        "# fonts:\n"
        "#   regular: fonts/MyFont-Regular.ttf\n"
        "#   bold: fonts/MyFont-Bold.ttf\n"
        "# How the texts the tool composes are set (docs/translating.md, 'Typography'):\n"
        "# typography:\n"
        '#   quotes: "“”"\n'
        '#   dash: "–"\n'
        '#   units: ["min", "h", "mm"]\n'
        "#   date: full\n"
        "# Strings that rightly read as in the language you started from (a name, 'A4'):\n"
        "# kept: [ui.cover.facilitator]\n"
    )


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
