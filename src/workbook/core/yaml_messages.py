"""YAML's complaints in a text editor's words: what is wrong, on which line and column,
and what to type instead."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from workbook.core.errors import Problem, excerpt

CHARACTER_NAMES = {
    0x00: "NUL",
    0x1B: "ESC",
    0x7F: "DEL",
    0xFFFE: "a non-character",
    0xFFFF: "a non-character",
}


def character_problem(text: str, offset: int, path: Path) -> Problem:
    code = ord(text[offset])
    name = CHARACTER_NAMES.get(
        code, "a control character" if code < 0xA0 else "a non-printing character"
    )
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Problem(
        f"contains U+{code:04X} ({name}), which cannot be printed",
        file=path,
        line=line,
        column=column,
        hint="Delete it (an editor may show it as a box or not at all), or retype the text.",
    )


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: Path) -> Problem:
    """PyYAML's complaint in a text editor's words, pointing where the fix goes."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    quote = _unclosed_quote(text, mark.line + 1 if mark else 0)
    if quote is not None:
        # a quote left open runs on into the next lines, where YAML then stumbles
        return Problem(
            "this quote is never closed",
            file=path,
            line=quote[0],
            column=quote[1],
            hint="End the text with the same quote it starts with, on this line.",
            excerpt=excerpt(text, *quote),
        )
    if "'\\t'" in problem:  # PyYAML names the tab as the two characters \t
        message, hint = "a tab character", "Indent with spaces, not tabs."
    elif "quoted scalar" in context and exc.context_mark:
        mark = exc.context_mark  # the quote that opens, not the end of the file
        message = "this quote is never closed"
        hint = "End the text with the same quote it starts with, on this line."
    elif problem.startswith(("expected <block end>", "expected '<document start>'")):
        message = "the indentation does not line up with the lines above"
        hint = "Indent the keys of a mapping, and the '- ' of a list, alike."
    elif problem == "mapping values are not allowed here":
        message = "a ':' where YAML does not expect one"
        hint = 'Put text that contains ": " in double quotes, or check the indentation.'
    elif problem.startswith("could not find expected ':'"):
        message = "a line without 'key: value'"
        hint = "Write each setting as 'key: value', or continue a list with '- '."
    elif problem == "sequence entries are not allowed here":
        message = "a '- ' where YAML does not expect a list item"
        hint = (
            "Start each list item on its own line, indented like the others; "
            "put text that contains ' - ' in double quotes."
        )
    elif _opens_flow(exc, text):
        assert exc.context_mark is not None
        mark = exc.context_mark
        opened = text[mark.index]
        message = f"this '{opened}' is never closed"
        hint = (
            f"Close it with '{'}' if opened == '{' else ']'}' and separate its items with commas."
        )
    else:
        message = f"is not valid YAML: {problem or context or 'unreadable'}"
        hint = 'Check indentation and quoting near this line; put text with ":" or "#" in quotes.'
    if mark is None:
        return Problem(message, file=path, hint=hint)
    line, column = mark.line + 1, mark.column + 1
    return Problem(
        message,
        file=path,
        line=line,
        column=column,
        hint=hint,
        excerpt=excerpt(text, line, column),
    )


def _opens_flow(exc: yaml.MarkedYAMLError, text: str) -> bool:
    """Whether PyYAML stopped inside a ``[...]`` or ``{...}`` that starts at its context mark."""
    mark = exc.context_mark
    return (
        (exc.context or "").startswith(
            ("while parsing a flow sequence", "while parsing a flow mapping")
        )
        and mark is not None
        and text[mark.index : mark.index + 1] in ("[", "{")
    )


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[^\s#'"][^:#]*:\s+(["'])""")


def _unclosed_quote(text: str, last: int) -> tuple[int, int] | None:
    """Line and column of the first value up to line ``last`` whose quote is not closed on
    its own line: the likeliest cause of an error further down."""
    for number, row in enumerate(text.splitlines()[:last], 1):
        match = _QUOTED_VALUE.match(row)
        if match is None:
            continue
        quote, rest = match.group(1), row[match.end() :]
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'(?!')", rest)
        if closed is None:
            return number, match.end()
    return None
