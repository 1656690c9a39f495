"""Plain data, checked as YAML is built into Python values: only the safe tags, numbers of a
bounded length, values their tags can hold, words as keys, and no key twice in a mapping.

The constructor both of ``yamlio``'s loaders use (the pure-Python one and libyaml's).
"""

from __future__ import annotations

from typing import Any

import yaml


class Refused(Exception):
    """A file refused for a reason of ours, at a place in it; ``key`` and ``values`` name
    its message in ui.yaml, where it has one (``app.messages``)."""

    def __init__(
        self,
        mark: Any,
        message: str,
        hint: str,
        key: str | None = None,
        values: tuple[tuple[str, object], ...] = (),
    ) -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint
        self.key, self.values = key, values


# Plain data only: every other tag (!!binary, !!timestamp, !!set, !!python/..., !custom)
# is refused with its line, before anything is built from it.
_SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
) | {"tag:yaml.org,2002:merge"}
# No number in a session or content file needs more characters; a longer one would take
# Python seconds to convert (or be refused by it: 4,300 digits at most).
MAX_NUMBER_CHARS = 30
_KINDS = {"int": "a whole number", "float": "a number", "bool": "true or false"}


def _tag(tag: str) -> str:
    """A tag as it is written: ``!!binary`` rather than ``tag:yaml.org,2002:binary``."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml") else tag


class PlainConstructor(yaml.constructor.SafeConstructor):
    """Plain data, checked as it is built: no tag beyond the safe ones, no number too long to
    convert, no value its tag cannot hold, no list or mapping as a key, and no key written
    twice in one mapping (YAML would silently keep the last)."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node.tag not in _SAFE_TAGS:
            raise Refused(
                node.start_mark,
                f"the tag {_tag(node.tag)} is not allowed: only plain text, numbers, "
                "true/false, lists and mappings are read",
                f"Remove '{_tag(node.tag)}' from this value; put text in quotes.",
            )
        return super().construct_object(node, deep)

    def _scalar(self, node: Any, kind: str, construct: Any) -> Any:
        value = str(node.value)
        if len(value) > MAX_NUMBER_CHARS and kind != "bool":
            raise Refused(
                node.start_mark,
                f"a number {len(value):,} characters long; numbers here are short "
                "(minutes, hours, a year)",
                "Shorten it; if it is meant as text, put it in quotes.",
            )
        try:
            return construct(self, node)
        except (ValueError, IndexError, KeyError, TypeError):
            raise Refused(
                node.start_mark,
                f'"{value[:40]}" is not {_KINDS[kind]}, which its tag {_tag(node.tag)} asks for',
                "Write the value itself, or remove the tag.",
            ) from None

    def construct_yaml_int(self, node: Any) -> Any:
        return self._scalar(node, "int", yaml.constructor.SafeConstructor.construct_yaml_int)

    def construct_yaml_float(self, node: Any) -> Any:
        return self._scalar(node, "float", yaml.constructor.SafeConstructor.construct_yaml_float)

    def construct_yaml_bool(self, node: Any) -> Any:
        return self._scalar(node, "bool", yaml.constructor.SafeConstructor.construct_yaml_bool)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: dict[tuple[str, str], Any] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise Refused(
                        key_node.start_mark,
                        "a key here is a list or a mapping; keys are single words such as 'title'",
                        "Write 'key: value' with a word before the colon (a '?' line or "
                        "brackets before ':' make a key of a list).",
                    )
                if key_node.value == "<<":
                    continue
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise Refused(
                        key_node.start_mark,
                        f"the key '{key_node.value}' is written twice in the same mapping "
                        f"(first at line {seen[key].line + 1})",
                        "Keep one of them: YAML would silently use the last one.",
                        "duplicate_key",
                        (("name", key_node.value), ("first", seen[key].line + 1)),
                    )
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep)


for _name in ("int", "float", "bool"):
    PlainConstructor.add_constructor(
        f"tag:yaml.org,2002:{_name}", getattr(PlainConstructor, f"construct_yaml_{_name}")
    )
