"""How far a translation has come: every string of a language's files with its dotted name,
and how many are translated, missing or still as in the language it was started from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbook.core.errors import UserError
from workbook.language.folders import LanguageFolder
from workbook.language.leaves import leaves
from workbook.language.loading import FILES, load_raw, load_raw_file


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
    same -= set(folder.meta.kept)  # the translator says these rightly read the same
    return Completeness(len(wanted & have), len(wanted - have), len(wanted & same))


def untranslated(folder: LanguageFolder, languages: dict[str, LanguageFolder]) -> set[str]:
    """The strings (``file.key``) still word for word as in the language the folder was
    started from, but those its meta.yaml keeps on purpose: what check, languages, a
    pack's warning and --strict all count as not yet translated."""
    source = languages.get(folder.meta.started_from or "")
    if source is None or source == folder:
        return set()
    return same_as(folder, source) - set(folder.meta.kept)


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
