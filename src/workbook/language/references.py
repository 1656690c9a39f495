"""One string translated once: a text may stand for another text of the same language.

The guide repeats itself: the dialogue's question is the sub-session's title, its short
title ("Delsession 1: " and the question) and a line of the whole session's outline. Each
copy would be translated on its own, and a translator who changed one would see the others
print the old words. So a text may name another by its dotted key, as ``workbook check``
names strings::

    short_title: "{{ parts.parts.ambition.label }} {{ process.dialogues.ambition.question }}"
    title: "{{ process.dialogues.ambition.question | upper }}"

A reference is the file, then the keys (keyed list items by their key in brackets, other
list items by their number counted from 1); ``| upper`` gives the text in capitals. It is
resolved when the language loads, after the fallback has filled the gaps, so it reads the
text of the language being loaded. Nothing else of a text changes: its own placeholders are
filled later, as always. A translation may keep a reference or write the words out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from workbook.core.errors import Problem, did_you_mean
from workbook.core.yamlio import Document
from workbook.language.leaves import leaves

# A placeholder with a dot in it: plain placeholders ({{ name }}) never have one, as the
# template policy refuses attributes.
REFERENCE = re.compile(
    r"\{\{\s*(?P<name>[a-z_]+(?:\.[A-Za-z_]\w*|\[\w+\])*(?:\.[A-Za-z_]\w*|\[\w+\]))"
    r"\s*(?P<upper>\|\s*upper\s*)?\}\}"
)
MAX_DEPTH = 8  # a reference to a reference to ...; a loop ends here


def without_references(text: str) -> str:
    """``text`` with its references taken out: what the template policy checks."""
    return REFERENCE.sub("", text)


def references(text: str) -> list[str]:
    return [match.group("name") for match in REFERENCE.finditer(text)]


def texts_by_name(files: dict[str, Any]) -> dict[str, str]:
    """Every string of the language's files (file -> data) by the name a reference uses."""
    return {
        f"{name}.{leaf.name}": leaf.text
        for name, data in files.items()
        for leaf in leaves(data)
        if leaf.text is not None
    }


def resolve(
    files: dict[str, Any], docs: dict[str, Document | None]
) -> tuple[dict[str, Any], list[Problem]]:
    """``files`` (file -> merged data) with every reference replaced by the text it names,
    and a problem for each reference that names no text (located in ``docs`` where the
    language's own file has it)."""
    texts = texts_by_name(files)
    problems: list[Problem] = []
    resolved: dict[str, Any] = {}
    for file, data in files.items():

        def replace(location: tuple[str | int, ...], leaf_name: str, text: str) -> str:
            found = _resolve(text, texts, [f"{file}.{leaf_name}"])  # noqa: B023
            if isinstance(found, str):
                return found
            problems.append(_problem(found, docs.get(file), location, leaf_name, texts))  # noqa: B023
            return text  # told as the one problem; the text itself is not empty

        resolved[file] = _map_strings(data, replace)
    return resolved, problems


class _Unresolved:
    def __init__(self, name: str, loop: bool) -> None:
        self.name, self.loop = name, loop


def _resolve(text: str, texts: dict[str, str], seen: list[str]) -> str | _Unresolved:
    if "{{" not in text or not REFERENCE.search(text):
        return text
    failed: list[_Unresolved] = []

    def one(match: re.Match[str]) -> str:
        name = match.group("name")
        if name in seen or len(seen) > MAX_DEPTH:
            failed.append(_Unresolved(name, loop=True))
            return ""
        target = texts.get(name)
        if target is None:
            failed.append(_Unresolved(name, loop=False))
            return ""
        found = _resolve(target, texts, [*seen, name])
        if isinstance(found, _Unresolved):
            failed.append(found)
            return ""
        return found.upper() if match.group("upper") else found

    result = REFERENCE.sub(one, text)
    return failed[0] if failed else result


def _problem(
    failed: _Unresolved,
    doc: Document | None,
    location: tuple[str | int, ...],
    leaf_name: str,
    texts: dict[str, str],
) -> Problem:
    line, column = doc.locate(location) if doc is not None else (None, None)
    if failed.loop:
        message = f"refers to {{{{ {failed.name} }}}}, which refers back to it"
        hint = "Write the words out in one of the two texts."
    else:
        message = f"refers to {{{{ {failed.name} }}}}, which is not a text of the language"
        close = did_you_mean(failed.name, texts)
        hint = f"{close}A reference names a file and its keys, as 'workbook check' names strings."
    return Problem(
        message,
        file=doc.path if doc is not None else None,
        line=line,
        column=column,
        field=leaf_name,
        hint=hint,
    )


def _map_strings(
    value: Any,
    change: Callable[[tuple[str | int, ...], str, str], str],
    location: tuple[str | int, ...] = (),
    name: str = "",
) -> Any:
    """``value`` with each string ``s`` replaced by ``change(location, name, s)``; names as
    ``leaves`` gives them (keyed list items by key)."""
    if isinstance(value, str):
        return change(location, name, value) if "{{" in value else value
    if isinstance(value, dict):
        return {
            key: _map_strings(item, change, (*location, key), f"{name}.{key}" if name else key)
            for key, item in value.items()
        }
    if isinstance(value, list):
        keyed = all(isinstance(i, dict) and "key" in i for i in value)
        return [
            _map_strings(
                item, change, (*location, index), f"{name}[{item['key'] if keyed else index + 1}]"
            )
            for index, item in enumerate(value)
        ]
    return value
