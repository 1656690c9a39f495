"""Filling content strings: Jinja, sandboxed, because content folders come from anyone."""

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


def fill(source: str, **context: Any) -> str:
    """``source`` with its ``{{ placeholders }}`` filled; plain text passes untouched."""
    if "{" not in source:
        return source
    names = _simple_names(source)
    if names is not None and all(name in context for name in names):
        # Jinja drops a single trailing newline (keep_trailing_newline=False); so do we.
        body = source[:-1] if source.endswith("\n") else source
        return _PLACEHOLDER.sub(lambda match: str(context[match.group(1)]), body)
    return str(_compile(source).render(**context))


def template_error(exc: TemplateError) -> str:
    return getattr(exc, "message", None) or str(exc)
