"""A language folder as a gettext PO file and back, for translators' tools (Poedit,
Weblate, a CAT tool) that read PO rather than YAML.

Each string is one entry: its dotted name as ``workbook check`` gives it is the context
(``msgctxt "ui.pack.page"``), the Danish original is the source (``msgid``), the
translation so far is ``msgstr`` (empty while it still reads as in the language the folder
was started from), and the English is a comment beside it, as a reference. Strings without
words of their own (a bare placeholder, a reference to another text) are left out: there
is nothing to translate. Importing writes the translations back into the folder's YAML
files, keeping their comments, order and quoting, then checks the folder as
``workbook check`` does.

Babel writes and reads the PO files (it is already here for dates): its catalogue knows
PO's escaping, line folding, contexts and headers, which a hand-rolled writer would get
subtly wrong for a translator's tool to trip over.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbook.core.errors import Problem, UserError, closest
from workbook.files.outputs import check_outputs, check_target, write_files
from workbook.language.completeness import has_words, untranslated
from workbook.language.folders import REFERENCE, LanguageFolder, discover, unknown_language
from workbook.language.leaves import leaves
from workbook.language.loading import FILES, load_raw_file

ENGLISH = "en"


def export_po(
    code: str, output: Path | None, content_dirs: Sequence[Path] = (), force: bool = False
) -> Path:
    """Write language ``code`` as a PO file (default ``<code>.po`` here); the path.

    The default name is made up: a PO file there that the tool did not write (one a
    translator has been working in, say) is not replaced without ``force``."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    languages = discover(content_dirs)
    folder = _folder(code, languages)
    reference, english = languages[REFERENCE], languages.get(ENGLISH)
    left = untranslated(folder, languages)
    stamp = _newest(folder)
    catalog = Catalog(
        locale=_locale(folder),
        project="workbook",
        version=folder.meta.name,
        creation_date=stamp,
        revision_date=stamp,
    )
    for name in FILES:
        source = _texts(reference, name)
        own, own_lines = _texts(folder, name), _lines(folder, name)
        hints = _texts(english, name) if english else {}
        for key, text in source.items():
            if not has_words(text):
                continue  # nothing of its own to translate
            dotted = f"{name}.{key}"
            translation = own.get(key) or ""
            if dotted in left or (folder.code != REFERENCE and translation == text):
                translation = ""
            comments = [f"en: {hints[key]}"] if key in hints and english != folder else []
            line = own_lines.get(key)
            catalog.add(
                text,
                string=translation,
                context=dotted,
                auto_comments=comments,
                locations=[(f"{name}.yaml", line)] if line else [],
            )
    made_up = [] if output is not None else [Path(f"{code}.po")]
    output = output or made_up[0]
    read = [folder.path, reference.path, *([english.path] if english else [])]
    inputs = [path for place in read for path in sorted(place.glob("*.yaml"))]
    check_outputs([output], inputs, made_up, force)
    check_target(output)
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=False, include_previous=False)
    write_files({output: out.getvalue()}, made_up, force)
    return output


@dataclass(frozen=True)
class Imported:
    folder: Path
    changed: dict[str, int]  # file -> strings written
    problems: list[Problem]  # entries that name no string, told but not fatal


def import_po(
    po_file: Path, code: str | None = None, content_dirs: Sequence[Path] = ()
) -> Imported:
    """The translations of ``po_file`` written into its language's folder, all files at once."""
    from babel.messages.pofile import read_po

    from workbook.core.yamlio import read_text

    try:
        catalog = read_po(io.StringIO(read_text(po_file, "PO file")), abort_invalid=True)
    except UserError:
        raise
    except Exception as exc:  # Babel's own complaint about the file's syntax
        raise UserError(
            Problem(
                f"is not a PO file Babel can read: {exc}",
                file=po_file,
                key="not_po",
                values=(("detail", str(exc)),),
            )
        ) from None
    if not any(message.context for message in catalog if message.id):
        raise UserError(
            Problem(
                "holds no strings of workbook's languages (no entry has a key as its context)",
                file=po_file,
                hint="Import a file made by 'workbook languages export', translated.",
                key="po_no_strings",
            )
        )
    code = code or (str(catalog.locale) if catalog.locale else None)
    if not code:
        raise UserError(
            Problem(
                "names no language",
                file=po_file,
                hint="Give the language with --lang, or set 'Language:' in the PO file's header.",
                key="po_no_language",
            )
        )
    languages = discover(content_dirs)
    folder = _folder(code, languages)
    reference = languages[REFERENCE]
    known = {f"{name}.{key}" for name in FILES for key in _texts(reference, name)}
    wanted: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue  # the header, an untranslated entry, or one the translator doubts
        context = message.context or ""
        if context not in known:
            close = closest(context, known)
            problems.append(
                Problem(
                    f"'{context}' is not a string of workbook's languages; left out",
                    file=po_file,
                    line=message.lineno,
                    hint=f"Did you mean '{close}'?" if close else "Export the file again.",
                    key="po_unknown",
                    values=(("context", context), ("close", close or "")),
                    hint_key="po_unknown_close" if close else "po_export_again",
                )
            )
            continue
        name, _, key = context.partition(".")
        wanted.setdefault(name, {})[key] = str(message.string)
    files, changed = {}, {}
    for name, texts in wanted.items():
        path = folder.path / f"{name}.yaml"
        text, count, missing = _write_into(path, texts)
        problems += [
            Problem(
                f"'{name}.{key}' is not in {name}.yaml; left out",
                file=path,
                hint="Add the key where the reference has it (workbook check lists it), "
                "then import again.",
                key="po_not_in_file",
                values=(("string", f"{name}.{key}"), ("file", f"{name}.yaml")),
            )
            for key in missing
        ]
        if count:
            files[path] = text.encode("utf-8")
            changed[name] = count
    write_files(files)  # every file, or none
    return Imported(folder.path, changed, problems)


def _folder(code: str, languages: dict[str, LanguageFolder]) -> LanguageFolder:
    if code not in languages:
        raise unknown_language(code, languages)
    return languages[code]


def _locale(folder: LanguageFolder) -> str | None:
    from babel import Locale

    try:
        return str(Locale.parse((folder.meta.locale or folder.code).replace("-", "_")))
    except (ValueError, LookupError):
        return None


def _newest(folder: LanguageFolder) -> dt.datetime:
    """The time of the folder's newest file: the catalogue's date, the same for the same
    files (no clock time in the output)."""
    times = [p.stat().st_mtime for p in folder.path.glob("*.yaml")]
    return dt.datetime.fromtimestamp(int(max(times, default=0)), dt.UTC)


def _texts(folder: LanguageFolder | None, name: str) -> dict[str, str]:
    if folder is None:
        return {}
    doc = load_raw_file(folder, name)
    return {leaf.name: leaf.text for leaf in leaves(doc.data if doc else None) if leaf.text}


def _lines(folder: LanguageFolder, name: str) -> dict[str, int]:
    doc = load_raw_file(folder, name)
    if doc is None:
        return {}
    return {leaf.name: doc.locate(leaf.location)[0] or 0 for leaf in leaves(doc.data)}


_STEP = re.compile(r"([^.\[\]]+)|\[([^\]]+)\]")


def _write_into(path: Path, texts: dict[str, str]) -> tuple[str, int, list[str]]:
    """``path``'s YAML with ``texts`` (dotted key -> text) put in, as ruamel.yaml writes
    it back (comments, order and quotes kept); how many changed; the keys not found."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # a long text stays on one line, as the shipped files write them
    tree = yaml.load(path.read_text("utf-8")) if path.exists() else None
    if tree is None:
        return "", 0, list(texts)
    changed, missing = 0, []
    for key, text in texts.items():
        found = _place(tree, key)
        if found is None:
            missing.append(key)
            continue
        parent, step = found
        old = parent[step] if _has(parent, step) else None
        if old != text:
            parent[step] = _styled(old, text)
            changed += 1
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue(), changed, missing


def _place(tree: Any, dotted: str) -> tuple[Any, Any] | None:
    """The container and the key or index of ``dotted`` (``a.b[key].c``, ``a[3]``) in the
    tree; a mapping's missing last key is created there, a list item is never guessed."""
    steps = [(name, item) for name, item in _STEP.findall(dotted)]
    node = tree
    for number, (name, item) in enumerate(steps):
        last = number == len(steps) - 1
        if name:
            if not isinstance(node, dict):
                return None
            if last:
                return node, name
            if name not in node:
                return None
            node = node[name]
            continue
        if not isinstance(node, list):
            return None
        if item.isdigit():
            index = int(item) - 1
        else:
            index = next(
                (i for i, x in enumerate(node) if isinstance(x, dict) and x.get("key") == item),
                -1,
            )
        if not 0 <= index < len(node):
            return None
        if last:
            return node, index
        node = node[index]
    return None


def _has(parent: Any, step: Any) -> bool:
    return step in parent if isinstance(parent, dict) else 0 <= step < len(parent)


def _styled(old: Any, text: str) -> Any:
    """``text`` written as the string it replaces was (folded, quoted), so the file keeps
    its look; a new one in double quotes, as the shipped files write them."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        ScalarString,
    )

    if isinstance(old, FoldedScalarString) and "\n" not in text:
        return FoldedScalarString(text)
    if isinstance(old, ScalarString) and not isinstance(old, FoldedScalarString):
        return type(old)(text)
    return DoubleQuotedScalarString(text)
