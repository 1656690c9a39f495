"""Filling content strings: Jinja, sandboxed, because content folders come from anyone.

What a translator may write is decided here, once, and checked when a language loads
(``template_problem``): ``{{ name }}`` placeholders, and ``{% if name %}...{% else %}...
{% endif %}`` around optional words. No loops, calls, filters or arithmetic, so nothing in
a content file can run for more than a moment or make more text than it holds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import TemplateError

# Every placeholder in the content is a bare ``{{ name }}``. Those are filled here
# directly: importing Jinja costs more than a whole page of the pack. Anything else
# (filters, blocks, a name the context lacks) is left to Jinja, so results and errors
# are Jinja's own.
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_SYNTAX = re.compile(r"\{[{%#]|[}%#]\}")


@lru_cache(maxsize=1)
def _env() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


@lru_cache(maxsize=4096)
def _compile(source: str) -> Any:
    return _env().from_string(source)


@lru_cache(maxsize=4096)
def _simple_names(source: str) -> list[str] | None:
    """The names in ``source`` if its only markup is bare placeholders, else None."""
    if "\r" in source or _SYNTAX.search(_PLACEHOLDER.sub("", source)):
        return None
    return _PLACEHOLDER.findall(source)


def parse_template(source: str) -> Any:
    """Compile ``source`` once; raises ``TemplateSyntaxError`` for broken placeholders."""
    return _compile(source)


def fill(source: str, /, **context: Any) -> str:
    """``source`` with its ``{{ placeholders }}`` filled; plain text passes untouched.
    ``source`` is positional-only, so a value of that name is filled like any other
    (``fill("{{ source }}", source="x")``) instead of clashing with the parameter."""

    if "{" not in source:
        return source
    names = _simple_names(source)
    if names is not None and all(name in context for name in names):
        # Jinja drops a single trailing newline (keep_trailing_newline=False); so do we.
        body = source[:-1] if source.endswith("\n") else source
        return _PLACEHOLDER.sub(lambda match: str(context[match.group(1)]), body)
    return str(_compile(source).render(**context))


# The Jinja syntax tree nodes a translator may use; anything else is refused at loading.
_ALLOWED_NODES = ("Template", "Output", "TemplateData", "Name", "If", "Not", "And", "Or")


def template_problem(source: str) -> tuple[str | None, set[str]]:
    """What is wrong with ``source`` as a content text (or None), and the names it uses."""
    if "{" not in source:
        return None, set()
    names = _simple_names(source)
    if names is not None:
        return None, set(names)
    conditioned = _simple_conditions(source)
    if conditioned is not None:  # the common case, told without importing Jinja (50 ms)
        return None, conditioned
    from jinja2 import TemplateSyntaxError, nodes

    try:
        tree = _env().parse(source)
    except TemplateSyntaxError as exc:
        return f"broken placeholder: {template_error(exc)}", set()
    used: set[str] = set()
    for node in tree.find_all(nodes.Node):
        kind = type(node).__name__
        if kind not in _ALLOWED_NODES:
            return (
                f"uses {_describe(kind)}, which content texts may not: only {{{{ name }}}} "
                "placeholders and {% if name %}...{% endif %} are allowed",
                used,
            )
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return "assigns a name, which content texts may not", used
            used.add(node.name)
    return None, used


_CONDITION = re.compile(r"\{%-?\s*(?:(if|elif)\s+(?:not\s+)?([A-Za-z_]\w*)|(else|endif))\s*-?%\}")


def _simple_conditions(source: str) -> set[str] | None:
    """The names in ``source`` if it holds only placeholders and well-nested ``{% if name %}``
    blocks, else None (Jinja then decides)."""
    rest = _CONDITION.sub("", _PLACEHOLDER.sub("", source))
    if "\r" in source or _SYNTAX.search(rest):
        return None
    open_blocks: list[bool] = []  # per open if: whether its else has come
    used = set(_PLACEHOLDER.findall(source))
    for opening, name, closing in _CONDITION.findall(source):
        if opening == "if":
            open_blocks.append(False)
        elif not open_blocks:
            return None
        elif closing == "endif":
            open_blocks.pop()
        elif open_blocks[-1]:  # an elif or a second else after the else
            return None
        elif closing == "else":
            open_blocks[-1] = True
        if name:
            used.add(name)
    return None if open_blocks else used


def _describe(kind: str) -> str:
    arithmetic = ("Add", "Sub", "Mul", "Div", "FloorDiv", "Mod", "Pow", "Concat", "Neg", "Pos")
    if kind in arithmetic:
        return "arithmetic"
    statements = {
        "For": "a loop ({% for %})",
        "Call": "a function call",
        "Filter": "a filter (|)",
        "Test": "a test (is ...)",
        "Getattr": "an attribute (a.b)",
        "Getitem": "an index (a[b])",
        "Assign": "an assignment ({% set %})",
        "Macro": "a macro",
        "Const": "a literal value",
    }
    return statements.get(kind, f"Jinja's {{% {kind.lower()} %}}")


def template_error(exc: TemplateError) -> str:
    return getattr(exc, "message", None) or str(exc)
