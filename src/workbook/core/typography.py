"""A language's typography applied to the texts the tool composes: its quotation marks for
straight ones, a dash where a hyphen stands for one, and a space that never breaks between
a number and its unit ("15 min." never parts at the line's end).

The rules themselves are the language's (``meta.yaml`` ``typography:``); this module only
applies them, so it knows no language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

NO_BREAK = "\u00a0"


@dataclass(frozen=True)
class Rules:
    quotes: str = "“”"  # opening and closing
    dash: str = "–"  # for a spaced hyphen between words, and in ranges of numbers
    units: tuple[str, ...] = ()  # words that follow a number: "min.", "t", "mm"
    before_numbers: tuple[str, ...] = ()  # words that precede one: "kl.", "s."
    space: str = NO_BREAK

    @cached_property
    def _after(self) -> re.Pattern[str] | None:
        if not self.units:
            return None
        words = "|".join(re.escape(u) for u in sorted(self.units, key=len, reverse=True))
        return re.compile(rf"(?<=\d) (?=(?:{words})(?!\w))")

    @cached_property
    def _before(self) -> re.Pattern[str] | None:
        if not self.before_numbers:
            return None
        words = "|".join(re.escape(u) for u in sorted(self.before_numbers, key=len, reverse=True))
        return re.compile(rf"(?<!\w)((?:{words})) (?=\d)")


_SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")
# "1-2", "9-12": short numbers only, never part of a date (2027-03-04) or a longer code
_NUMBER_RANGE = re.compile(r"(?<![\w.:-])(\d{1,3})-(\d{1,3})(?![\w:-])")
_CLOCK_RANGE = re.compile(r"(?<![\w.:-])(\d{1,2}[.:]\d{2})-(\d{1,2}[.:]\d{2})(?![\w.:-])")
_QUOTED = re.compile(r'"([^"\n]+)"')


def typeset(text: str, rules: Rules) -> str:
    """``text`` with the language's quotation marks, dashes and unbreakable spaces."""
    if not text:
        return text
    if " - " in text:
        text = _SPACED_HYPHEN.sub(f" {rules.dash} ", text)
    if "-" in text:
        text = _CLOCK_RANGE.sub(rf"\1{rules.dash}\2", text)
        text = _NUMBER_RANGE.sub(rf"\1{rules.dash}\2", text)
    if '"' in text and text.count('"') % 2 == 0 and len(rules.quotes) == 2:
        text = _QUOTED.sub(rf"{rules.quotes[0]}\1{rules.quotes[1]}", text)
    if " " in text:
        after, before = rules._after, rules._before
        if after is not None:
            text = after.sub(rules.space, text)
        if before is not None:
            text = before.sub(rf"\1{rules.space}", text)
    return text
