"""Bare placeholders are filled without Jinja; the result must be exactly Jinja's."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.core import text

NAMES = ["number", "title", "date"]
pieces = st.one_of(
    st.text(alphabet=st.characters(blacklist_characters="{}%#\r"), max_size=12),
    st.sampled_from(["{{ number }}", "{{title}}", "{{  date  }}", "\n", "{", "}", " "]),
)
values = st.one_of(st.text(max_size=8), st.integers(), st.none())


@given(st.lists(pieces, max_size=8), st.fixed_dictionaries({n: values for n in NAMES}))
def test_fast_fill_is_what_jinja_renders(parts: list[str], context: dict[str, object]) -> None:
    source = "".join(parts)
    if "{" not in source:
        return  # plain text passes untouched, as it always did
    try:
        expected = str(text._compile(source).render(**context))
    except Exception:
        return  # not a valid template: fill leaves it to Jinja, which raises as before
    assert text.fill(source, **context) == expected


def test_anything_but_bare_placeholders_goes_to_jinja() -> None:
    assert text.fill("{{ name | upper }}", name="bo") == "BO"
    assert text.fill("{% if n %}ja{% endif %}", n=1) == "ja"


def test_a_missing_name_is_jinja_s_error() -> None:
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        text.fill("Side {{ number }}")


# What a translator may write, in every order, right or wrong.
_PIECES = st.sampled_from(
    [
        *("{% if a %}", "{% if not b %}", "{% elif c %}", "{% else %}", "{% endif %}"),
        *("{%- if e -%}", "{{ d }}", "words ", "{{ d", "%}", "{% for x in y %}", "{% endfor %}"),
    ]
)


@given(st.lists(_PIECES, max_size=8))
def test_the_template_policy_accepts_exactly_what_jinja_parses_within_it(
    pieces: list[str],
) -> None:
    """The quick check (no Jinja import) and Jinja itself agree on every text."""
    from jinja2 import TemplateSyntaxError

    from workbook.core.text import _env, template_problem

    source = "".join(pieces)
    problem, _ = template_problem(source)
    try:
        _env().parse(source)
    except TemplateSyntaxError:
        assert problem is not None and problem.startswith("broken placeholder")
        return
    assert (problem is None) == ("for" not in source), (source, problem)
    if problem is None:
        assert text.fill(source, a=1, b=0, c=1, d="D", e="") is not None
