"""Filling content strings: Jinja, sandboxed, because content folders come from anyone."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

_ENV = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


@lru_cache(maxsize=4096)
def _compile(source: str) -> Any:
    return _ENV.from_string(source)


def parse_template(source: str) -> Any:
    """Compile ``source`` once; raises ``TemplateSyntaxError`` for broken placeholders."""
    return _compile(source)


def fill(source: str, **context: Any) -> str:
    """``source`` with its ``{{ placeholders }}`` filled; plain text passes untouched."""
    if "{" not in source:
        return source
    return str(_compile(source).render(**context))


def template_error(exc: TemplateError) -> str:
    return getattr(exc, "message", None) or str(exc)
