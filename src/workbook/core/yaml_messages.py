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
        key="unprintable",
        values=(("code", f"U+{code:04X}"), ("name", name)),
    )


# Each of YAML's complaints as told here: the message and hint in English, and the key of
# both in ui.yaml (``messages.<key>``, ``hints.<key>``).
_UNCLOSED = (
    "this quote is never closed",
    "End the text with the same quote it starts with, on this line.",
    "unclosed_quote",
)
_SAID = {
    "tab": ("a tab character", "Indent with spaces, not tabs."),
    "indentation": (
        "the indentation does not line up with the lines above",
        "Indent the keys of a mapping, and the '- ' of a list, alike.",
    ),
    "colon": (
        "a ':' where YAML does not expect one",
        'Put text that contains ": " in double quotes, or check the indentation.',
    ),
    "no_colon": (
        "a line without 'key: value'",
        "Write each setting as 'key: value', or continue a list with '- '.",
    ),
    "dash": (
        "a '- ' where YAML does not expect a list item",
        "Start each list item on its own line, indented like the others; "
        "put text that contains ' - ' in double quotes.",
    ),
}


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: Path) -> Problem:
    """PyYAML's complaint in a text editor's words, pointing where the fix goes."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    quote = _unclosed_quote(text, mark.line + 1 if mark else 0)
    if quote is not None:
        # a quote left open runs on into the next lines, where YAML then stumbles
        message, hint, key = _UNCLOSED
        return Problem(
            message,
            file=path,
            line=quote[0],
            column=quote[1],
            hint=hint,
            excerpt=excerpt(text, *quote),
            key=key,
        )
    inner = _inner_quote(text, mark.line + 1) if mark else None
    if inner is not None:
        # "Das "Projekt" i Aarhus": the second quote ends the text, and YAML finds more
        # text where the line should end; told as what it is, not as bad indentation
        line, column, fixed = inner
        return Problem(
            "this text has a quotation mark inside its quotes, which ends the text early",
            file=path,
            line=line,
            column=column,
            hint=f"Put the whole text in single quotes instead: {fixed}",
            excerpt=excerpt(text, line, column),
            key="inner_quote",
            values=(("fixed", fixed),),
        )
    values: tuple[tuple[str, object], ...] = ()
    if "'\\t'" in problem:  # PyYAML names the tab as the two characters \t
        key = "tab"
    elif "quoted scalar" in context and exc.context_mark:
        mark = exc.context_mark  # the quote that opens, not the end of the file
        key = "unclosed_quote"
    elif problem.startswith(("expected <block end>", "expected '<document start>'")):
        key = "indentation"
    elif problem == "mapping values are not allowed here":
        key = "colon"
    elif problem.startswith("could not find expected ':'"):
        key = "no_colon"
    elif problem == "sequence entries are not allowed here":
        key = "dash"
    elif _opens_flow(exc, text):
        assert exc.context_mark is not None
        mark = exc.context_mark
        opened = text[mark.index]
        closing = "}" if opened == "{" else "]"
        key, values = "bracket", (("opened", opened), ("closing", closing))
    else:
        key, values = "not_yaml", (("detail", problem or context or "unreadable"),)
    message, hint = _english(key, dict(values))
    if mark is None:
        return Problem(message, file=path, hint=hint, key=key, values=values)
    line, column = mark.line + 1, mark.column + 1
    return Problem(
        message,
        file=path,
        line=line,
        column=column,
        hint=hint,
        excerpt=excerpt(text, line, column),
        key=key,
        values=values,
    )


def _english(key: str, values: dict[str, object]) -> tuple[str, str]:
    if key == "unclosed_quote":
        return _UNCLOSED[0], _UNCLOSED[1]
    if key == "bracket":
        opened, closing = values["opened"], values["closing"]
        return (
            f"this '{opened}' is never closed",
            f"Close it with '{closing}' and separate its items with commas.",
        )
    if key == "not_yaml":
        return (
            f"is not valid YAML: {values['detail']}",
            'Check indentation and quoting near this line; put text with ":" or "#" in quotes.',
        )
    return _SAID[key]


_CLOSED_VALUE = re.compile(r"""^(\s*(?:-\s+)?([^\s#'"][^:#]*):\s+)(")((?:[^"\\]|\\.)*)"(.*)$""")


def _inner_quote(text: str, number: int) -> tuple[int, int, str] | None:
    """Where a double-quoted value on line ``number`` ends early because its text holds a
    quote: the line, the column of that quote, and the line as it should be written."""
    rows = text.splitlines()
    if not 1 <= number <= len(rows):
        return None
    match = _CLOSED_VALUE.match(rows[number - 1])
    if match is None:
        return None
    lead, key, _, _, rest = match.groups()
    after = rest.split(" #", 1)[0].rstrip()
    if not after.strip() or '"' not in after:
        return None
    whole = rows[number - 1][len(lead) :].split(" #", 1)[0].rstrip()
    if not (whole.startswith('"') and whole.endswith('"')) or "'" in whole:
        return None
    inner_column = len(lead) + 1 + len(match.group(4)) + 1
    return number, inner_column, f"{key.strip()}: '{whole[1:-1]}'"


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
