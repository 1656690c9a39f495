"""YAML in, safely: plain data only, bounded in size, with line numbers for messages.

Session files and content folders are typed by people who are not programmers and may
come from anywhere, so loading refuses anything that is not plain data (Python tags),
anything built to explode (alias bombs, huge files), and YAML 1.1's surprise of reading
``9:30`` as the number 570.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

import yaml

from workbook.core.errors import Problem, UserError
from workbook.core.yaml_messages import CHARACTER_NAMES, character_problem, syntax_problem
from workbook.core.yaml_plain import PlainConstructor, Refused

MAX_BYTES = 2 * 1024 * 1024
MAX_ALIASES = 100
MAX_VALUES = 200_000  # values once aliases are expanded: far beyond any real session
MAX_DEPTH = 40  # lists and mappings inside each other; content files need six

# What YAML itself refuses in a file, and what we refuse in a value (written as an escape
# such as "\0" or "\e"): control characters and non-characters never print.
_NOT_TEXT = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_IN_VALUE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Path_ = tuple[str | int, ...]

# Anything that could be an anchor (&name after a space, line start or flow indicator);
# prose such as "A & B" or "R&D" does not match. A false match only costs speed.
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]", re.MULTILINE)

# None where PyYAML was built without libyaml: then every file goes through _Loader.
_CParser: Any = getattr(yaml, "cyaml", None) and getattr(yaml.cyaml, "CParser", None)


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.1's resolver without base-60 numbers (``9:30`` read as 570) and timestamps.

    Dates stay text here: the models parse them, so "2027-13-01" becomes a located
    message rather than an exception inside the YAML library.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {  # type: ignore[misc]
        first: [
            (tag, regexp)
            for tag, regexp in entries
            # '=' and '!' read as text, not as YAML 1.1's value and yaml types
            if not tag.endswith((":int", ":float", ":timestamp", ":value", ":yaml"))
        ]
        for first, entries in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    }


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?"
        r"|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    PlainConstructor,
    _Resolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self.alias_count = 0
        self.depth = 0
        self.open_anchors: set[str] = set()  # of the values being read, for self-reference

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise _TooManyAliases(event.start_mark)
            if event.anchor in self.open_anchors:
                raise Refused(
                    event.start_mark,
                    f"the alias *{event.anchor} refers to the value it is part of",
                    f"A value cannot contain itself: write it out instead of *{event.anchor}.",
                    "alias_loop",
                    (("name", event.anchor),),
                )
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _too_deep(event.start_mark)
        anchor = getattr(event, "anchor", None)
        if anchor:
            self.open_anchors.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1
            self.open_anchors.discard(anchor)


def _too_deep(mark: Any) -> Refused:
    return Refused(
        mark,
        f"lists and mappings are nested more than {MAX_DEPTH} levels deep",
        "Session and content files need only a few levels; check the indentation.",
        "too_deep",
        (("limit", MAX_DEPTH),),
    )


_FastLoader: Any = None
if _CParser is not None:

    class _FastLoader(_CParser, PlainConstructor, _Resolver):  # type: ignore[no-redef]
        """libyaml's parser with the same resolver and constructor, for well-formed files.

        Many times faster than ``_Loader``, which matters as every run reads the whole
        content folder. It cannot count aliases and words its errors differently, so only
        texts without anchors go through it, and any error is reported by ``_Loader``.
        """

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)


class _TooManyAliases(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


@dataclass(frozen=True)
class Document:
    """A parsed YAML file, kept with its text so problems can be located later."""

    path: Path
    text: str
    data: Any

    def locate(self, location: Path_) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the deepest part of ``location`` that exists."""
        return _locate(self._nodes, location, self._keys)

    def written(self, location: Path_) -> str | None:
        """The value at ``location`` exactly as typed, when it is a single unquoted word."""
        node = self._nodes
        for step in location:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                node = node.value[step] if 0 <= step < len(node.value) else None
            else:
                return None
        if isinstance(node, yaml.ScalarNode) and not node.style:
            return str(node.value)
        return None

    @cached_property
    def _nodes(self) -> Any:
        """The text composed once, so locating every string of a file stays one parse."""
        return _compose(self.text)

    @cached_property
    def _keys(self) -> dict[int, dict[Any, tuple[Any, Any]]]:
        """Each mapping's keys, indexed as first looked in: a file of many keys (60,000
        unknown ones, say) is located key by key in linear time, not quadratic."""
        return {}


def read_text(path: Path, what: str = "file") -> str:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise UserError(
                Problem(
                    f"this is a folder, not a {what}",
                    file=path,
                    key="folder",
                    values=(("what", what),),
                )
            )
        if not stat.S_ISREG(info.st_mode):  # /dev/zero would never end, a FIFO may never start
            raise UserError(
                Problem(
                    f"is not a regular file (a device, pipe or socket); a {what} must be one",
                    file=path,
                    hint="Give the path of the YAML file itself.",
                    key="not_regular",
                    values=(("what", what),),
                )
            )
        size = info.st_size
        if size > MAX_BYTES:
            raise UserError(
                Problem(
                    f"the {what} is {size // 1024} KiB; at most {MAX_BYTES // 1024} KiB is read",
                    file=path,
                    hint="Is this the right file? Session and content files are small text files.",
                    key="too_big",
                    values=(("what", what), ("size", size // 1024), ("limit", MAX_BYTES // 1024)),
                )
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(
            Problem(
                f"no such {what}",
                file=path,
                hint="Check the path and the spelling.",
                key="no_such_file",
                values=(("what", what),),
            )
        ) from None
    except PermissionError:
        raise UserError(
            Problem(
                f"the {what} cannot be read (permission denied)",
                file=path,
                key="permission",
                values=(("what", what),),
            )
        ) from None
    except OSError as exc:
        raise UserError(
            Problem(
                f"the {what} cannot be read: {exc.strerror}",
                file=path,
                key="unreadable",
                values=(("what", what), ("reason", str(exc.strerror))),
            )
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(
            Problem(
                "is not UTF-8 text",
                file=path,
                line=line,
                hint="Save the file as UTF-8 (most editors offer it under 'Save as').",
                key="not_utf8",
            )
        ) from None


def load(path: Path, what: str = "file") -> Document:
    text = read_text(path, what)
    return parse(text, path)


def parse(text: str, path: Path) -> Document:
    """``text`` read as plain data; anything refused is a located problem in ``path``."""
    bad = _NOT_TEXT.search(text)
    if bad:
        raise UserError(character_problem(text, bad.start(), path))
    try:
        document = _parse(text, path)
    except Refused as exc:
        raise UserError(
            Problem(
                exc.message,
                file=path,
                line=exc.mark.line + 1 if exc.mark else None,
                column=exc.mark.column + 1 if exc.mark else None,
                hint=exc.hint,
                key=exc.key,
                values=exc.values,
            )
        ) from None
    _check_values(document)
    return document


def _check_values(document: Document) -> None:
    """No value may hold a control character, however it was written (e.g. "\\0")."""
    problems = []
    for location, value in strings(document.data):
        bad = _NOT_IN_VALUE.search(value)
        if bad:
            line, column = document.locate(location)
            code = ord(value[bad.start()])
            name = CHARACTER_NAMES.get(
                code,
                "a control character"
                if code < 0xA0
                else "half of a character pair, alone"
                if 0xD800 <= code <= 0xDFFF
                else "a non-character",
            )
            problems.append(
                Problem(
                    f"the value holds U+{code:04X} ({name}), character {bad.start() + 1}; "
                    "it cannot be printed",
                    file=document.path,
                    line=line,
                    column=column,
                    hint="Remove the escape sequence (such as \\0 or \\e) from this value.",
                    key="escape_in_value",
                    values=(("code", f"U+{code:04X}"), ("name", name), ("at", bad.start() + 1)),
                )
            )
    if problems:
        raise UserError(problems)


def strings(value: Any, location: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string in a parsed YAML value, with the keys and indices that lead to it."""
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*location, index))


def _parse(text: str, path: Path) -> Document:
    if _FastLoader is not None and not _ANCHOR.search(text):  # no anchors: no aliases to count
        fast = _FastLoader(text)
        try:
            return _checked(fast.get_single_data(), text, path)
        except Refused as exc:
            if exc.mark is not None:
                raise
            # found while measuring: read again below, where the place is known
        except yaml.YAMLError:
            pass  # read again below, for _Loader's located, familiar message
        finally:
            fast.dispose()
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except _TooManyAliases as exc:
        raise UserError(
            Problem(
                f"uses more than {MAX_ALIASES} YAML aliases (*name); refused as a safety measure",
                file=path,
                line=exc.mark.line + 1,
                column=exc.mark.column + 1,
                hint="Write the values out instead of referring to anchors.",
                key="too_many_aliases",
                values=(("limit", MAX_ALIASES),),
            )
        ) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        tag = re.search(r"tag '([^']*)'", str(exc.problem))
        raise UserError(
            Problem(
                f"the tag {tag.group(1) if tag else ''} is not allowed: only plain text, "
                "numbers, dates, lists and mappings are read",
                file=path,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
                hint="Remove the '!...' tag from this value.",
                key="tag",
                values=(("tag", tag.group(1) if tag else ""),),
            )
        ) from None
    except yaml.MarkedYAMLError as exc:
        raise UserError(syntax_problem(exc, text, path)) from None
    except yaml.YAMLError as exc:
        raise UserError(
            Problem(
                f"is not valid YAML: {exc}",
                file=path,
                key="not_yaml",
                values=(("detail", str(exc)),),
            )
        ) from None
    finally:
        loader.dispose()
    return _checked(data, text, path)


def _checked(data: Any, text: str, path: Path) -> Document:
    if _expanded_size(data, {}) > MAX_VALUES:
        raise UserError(
            Problem(
                f"expands to more than {MAX_VALUES:,} values through YAML aliases (*name); "
                "refused as a safety measure",
                file=path,
                hint="Write the values out instead of referring to anchors.",
                key="expands",
                values=(("limit", f"{MAX_VALUES:,}"),),
            )
        )
    return Document(path=path, text=text, data=data)


def _expanded_size(value: Any, memo: dict[int, int], depth: int = 0) -> int:
    """How many values ``value`` holds with shared (aliased) parts counted every time.

    Memoised by identity, so a billion-laughs document is measured in microseconds.
    """
    if not isinstance(value, dict | list):
        return 1
    known = memo.get(id(value))
    if known is not None:
        return known
    if depth >= MAX_DEPTH:
        raise _too_deep(None)
    children = value.values() if isinstance(value, dict) else value
    size = 1 + sum(_expanded_size(child, memo, depth + 1) for child in children)
    memo[id(value)] = size
    return size


def _compose(text: str) -> Any:
    if _FastLoader is not None and not _ANCHOR.search(text):
        try:
            return yaml.compose(text, Loader=_FastLoader)
        except yaml.YAMLError:
            pass  # libyaml refuses what PyYAML reads (an escaped surrogate): read it as that did
    try:
        return yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    except (yaml.YAMLError, _TooManyAliases, Refused):
        return None


def _locate(
    node: Any, location: Path_, index: dict[int, dict[Any, tuple[Any, Any]]] | None = None
) -> tuple[int | None, int | None]:
    if node is None:
        return None, None
    index = {} if index is None else index
    mark = node.start_mark
    for step in location:
        if isinstance(node, yaml.MappingNode):
            keys = index.get(id(node))
            if keys is None:
                keys = index[id(node)] = {}
                for key_node, value_node in node.value:  # the first of a key, as before
                    if isinstance(key_node, yaml.ScalarNode):
                        keys.setdefault(key_node.value, (key_node, value_node))
            found = keys.get(step)
            if found is None:
                break
            mark, node = found[0].start_mark, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if 0 <= step < len(node.value):
                node = node.value[step]
                mark = node.start_mark
            else:
                break
        else:
            break
    return mark.line + 1, mark.column + 1
