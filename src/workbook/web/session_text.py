"""The form's data written into the session file's text, keeping its comments and quotes."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workbook.web.form import AGENDA, FACILITATOR, LETTER, MULTILINE, ORDER, PARTNER

# The keys the form has inputs for, by the mapping they are in: any other (a review part's
# items, written by 'workbook follow-up') stays as the file has it.
_OWNED = {
    "facilitator": FACILITATOR,
    "partners": PARTNER,
    "letter": LETTER,
    "agenda": (*AGENDA, "steps"),
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DROPPED = re.compile(r"(?:([a-z_]+)(?:\[([0-9]{1,4})\])?\.)?([^.\[\]]+)", re.ASCII)


def to_yaml(data: dict[str, Any], base: str, drop: Sequence[str] = ()) -> str:
    """``data`` written into the session file text ``base``, keeping its comments.

    ``drop`` names keys the form has no input for (a typo such as ``venu``) that the
    facilitator removed on the page; every other such key stays as it is written.

    ruamel.yaml's round trip keeps comments, and the quotes of values, on the keys and rows
    that stay; what the page removed goes with its comment. New text is written in double
    quotes, as the example writes it, so ``yes`` or ``a: b`` stays text.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # long names stay on one line, as people write them
    try:
        tree = yaml.load(base)
    except Exception:  # a broken file gives no comments to keep; its values are in data
        tree = None
    if not isinstance(tree, CommentedMap):
        tree = CommentedMap()
    for path in drop:
        _drop(tree, path)
    _merge_map(tree, data, ORDER, owned=ORDER)
    text = _dumped(yaml, tree)
    if not _readable(text):  # should the round trip ever write bad YAML, write it afresh
        fresh = CommentedMap()
        _merge_map(fresh, data, ORDER, owned=ORDER)
        text = _dumped(yaml, fresh)
    return text


def _drop(tree: Any, path: str) -> None:
    """Remove the key ``path`` names (``venu``, ``partners[2].phone``) if the form has no
    input for it: a posted path can never remove a value the form holds."""
    match = _DROPPED.fullmatch(path)
    if match is None:
        return
    group, index, key = match.groups()
    node, owned = tree, ORDER
    if group is not None:
        node, owned = tree.get(group), _OWNED.get(group, ())
        if index is not None:
            node = node[int(index)] if isinstance(node, list) and int(index) < len(node) else None
    if hasattr(node, "items") and key in node and key not in owned:
        del node[key]


def _dumped(yaml: Any, tree: Any) -> str:
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _readable(text: str) -> bool:
    from workbook.core import yamlio
    from workbook.core.errors import UserError

    try:
        yamlio.parse(text, Path("-"))
    except UserError:
        return False
    return True


def _merge_map(
    tree: Any,
    data: dict[str, Any],
    order: tuple[str, ...] = (),
    owned: tuple[str, ...] | None = None,
) -> None:
    """``data`` into the mapping ``tree``. Of the keys ``data`` lacks, those the form has
    inputs for (``owned``; all when None) were cleared on the page and go; any other
    (a typo such as ``venu:``) stays, for validation to name as the CLI does."""
    for key in [k for k in tree if k not in data and (owned is None or k in owned)]:
        del tree[key]
    for key, value in data.items():
        if key in tree and isinstance(value, dict | list) and not value:
            tree[key] = _new(value)  # a fresh node: ruamel misplaces an emptied one's comment
        elif key in tree and isinstance(value, dict) and hasattr(tree[key], "items"):
            _merge_map(tree[key], value, owned=_OWNED.get(key))
        elif key in tree and isinstance(value, list) and isinstance(tree[key], list):
            _merge_list(tree[key], value, _OWNED.get(key))
        elif key in tree:
            if not _same(tree[key], value, key):
                tree[key] = _restyled(tree[key], _scalar(value, key))
        else:
            tree.insert(_position(tree, key, order), key, _new(value, key))


def _merge_list(tree: Any, data: list[Any], owned: tuple[str, ...] | None = None) -> None:
    """Rows merged into the rows they were, so a row keeps its comment when it moves.

    A row is known by what it is (an agenda part's key, a day's date, a partner's name),
    else by its position. A bare word in a list is an agenda part's key (``- lunch``).
    """
    old = list(tree)
    comments = dict(tree.ca.items) if hasattr(tree, "ca") else {}
    match: dict[int, int] = {}  # new row -> old row
    for index, value in enumerate(data):  # first what each row is
        key = _identity(value)
        for j, row in enumerate(old):
            if key is not None and j not in match.values() and _identity(row) == key:
                match[index] = j
                break
    for index, value in enumerate(data):  # then, for rows changed beyond recognition, the
        if index in match or index >= len(old) or index in match.values():  # place
            continue
        before, now = _identity(old[index]), _identity(value)
        if (before and before[0]) == (now and now[0]):  # a row of the same kind only
            match[index] = index
    rows = [
        _merged(old[match[index]], value, owned) if index in match else _new(value, "part")
        for index, value in enumerate(data)
    ]
    del tree[:]
    tree.extend(rows)
    if hasattr(tree, "ca"):
        tree.ca.items.clear()
        tree.ca.items.update({index: comments[j] for index, j in match.items() if j in comments})


def _identity(row: Any) -> tuple[str, str] | None:
    if isinstance(row, str):
        return ("part", row)
    if not hasattr(row, "items"):
        return None
    for key in ("day", "title", "part", "name"):
        if key in row:
            return (key, str(row[key]))
    if len(row) == 1:
        return ("part", str(next(iter(row))))
    return None


def _merged(old: Any, value: Any, owned: tuple[str, ...] | None) -> Any:
    """``old`` changed to ``value`` in place where the two are the same kind of row."""
    if isinstance(value, dict) and hasattr(old, "items"):
        if set(old) == set(value) or ("part" not in value and _same_kind(old, value)):
            _merge_map(old, value, owned=owned)
            return old
        return _new(value, "part")
    return old if _same(old, value) else _new(value, "part")


def _same(old: Any, new: Any, key: str | None = None) -> bool:
    """Is the value unchanged? Then it stays as written, quotes and all (9.00 and 09:00
    are the same start: a time input shows the one, the file keeps the other)."""
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(old, dt.date) and isinstance(new, str):
        return old.isoformat() == new
    if isinstance(old, str) and old == new and not isinstance(old, ScalarString):
        # written plainly, read by ruamel as YAML 1.2 does: "no" stays text there, but the
        # command line reads it as YAML 1.1, as false; such a value is written again, quoted
        return _plain_safe(old)
    if key == "start" and isinstance(old, str) and isinstance(new, str) and old != new:
        from workbook.session.model import parse_clock

        try:
            return parse_clock(old) == parse_clock(new)
        except ValueError:
            return False
    return type(old) is not bool and old == new


def _restyled(old: Any, new: Any) -> Any:
    """A changed text keeps the quotes its old value was written with."""
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(old, ScalarString) and isinstance(new, str):
        return type(old)(str(new))
    return new


def _same_kind(old: Any, new: dict[str, Any]) -> bool:
    return ("day" in old) == ("day" in new) and ("title" in old) == ("title" in new)


def _position(tree: Any, key: str, order: tuple[str, ...]) -> int:
    """Where a new key goes: before the first key that comes after it in the usual order."""
    if key not in order:
        return len(tree)
    later = order[order.index(key) + 1 :]
    for position, existing in enumerate(tree):
        if existing in later:
            return position
    return len(tree)


def _new(value: Any, key: str | None = None) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        mapping = CommentedMap()
        for k, v in value.items():
            mapping[k] = _new(v, k)
        short = all(
            not isinstance(v, dict | list)
            and (not isinstance(v, str) or (len(v) <= 60 and "\n" not in v))
            for v in value.values()
        )
        if len(mapping) <= 2 and short:
            mapping.fa.set_flow_style()  # - {lunch: 45}, - {title: "...", minutes: 30}
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq()
        seq.extend(_new(v, "part") for v in value)
        return seq
    return _scalar(value, key)


def _scalar(value: Any, key: str | None) -> Any:
    """Text quoted where a YAML reader could take it for something else."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if not isinstance(value, str):
        return value
    if key in MULTILINE and "\n" in value and _literal_safe(value):
        return LiteralScalarString(value)  # paragraphs as typed: a '|-' block
    if key in ("date", "day") and _ISO_DATE.fullmatch(value):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value)  # written plainly, as people write dates
    if key in ("language", "part") and _plain_safe(value):
        return value
    return DoubleQuotedScalarString(value)  # as the example writes text: safe with ":" and "#"


def _plain_safe(text: str) -> bool:
    """Would PyYAML, as workbook reads files, read ``text`` written plainly as this text?"""
    from workbook.core import yamlio

    try:
        return yamlio.parse(f"v: {text}\n", Path("-")).data == {"v": text}
    except Exception:
        return False


def _literal_safe(text: str) -> bool:
    """Can ``text`` be a '|' block as it is? Not with spaces at its lines' ends (the block
    would keep them, but editors strip them) or a first line that starts with a space."""
    return not text.startswith((" ", "\n")) and not re.search(r"[ \t]\n|[ \t]$", text)
