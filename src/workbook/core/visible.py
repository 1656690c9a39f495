"""Whether text has something to see in print: one test for validation and for labels."""

from __future__ import annotations

import unicodedata

# Letters that take up no room on paper: a name made only of them prints as nothing.
_BLANK_LETTERS = frozenset("\u115f\u1160\u2800\u3164\uffa0")
_INVISIBLE = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"))


def has_visible(value: str) -> bool:
    """True when at least one character of ``value`` leaves a mark on paper."""
    return any(unicodedata.category(c) not in _INVISIBLE and c not in _BLANK_LETTERS for c in value)
