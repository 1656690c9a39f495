"""libyaml reads well-formed files for speed, and must read them as the checked loader does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO
from workbook.core import yamlio
from workbook.core.errors import UserError

FILES = sorted([*REPO.glob("content/**/*.yaml"), *REPO.glob("examples/*.yaml")])


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_fast_and_checked_loaders_read_the_same_data(path: Path) -> None:
    if yamlio._FastLoader is None:
        pytest.skip("PyYAML has no libyaml here")
    text = path.read_text("utf-8")
    checked = yamlio._Loader(text)
    try:
        expected = checked.get_single_data()
    finally:
        checked.dispose()
    assert yamlio.parse(text, path).data == expected


def test_times_stay_text_with_either_loader() -> None:
    data = yamlio.parse("start: 9:30\nat: 2027-03-04\n", Path("s.yaml")).data
    assert data == {"start": "9:30", "at": "2027-03-04"}


def test_a_syntax_error_is_worded_by_the_checked_loader() -> None:
    with pytest.raises(Exception) as caught:
        yamlio.parse("date: [unclosed\n", Path("s.yaml"))
    assert "s.yaml:1:7: this '[' is never closed" in str(caught.value)
    assert not isinstance(caught.value, yaml.YAMLError)


# What a hurried edit does to a good session file: a tab, a lost quote, a shifted line.
_SLIPS = ["\t", '"', "'", "  ", ": ", "[", "{", "- ", "#"]


@settings(max_examples=60, deadline=None)
@given(
    slips=st.lists(st.tuples(st.integers(0, 400), st.sampled_from(_SLIPS)), min_size=1, max_size=3)
)
def test_a_slip_in_a_session_file_reads_or_is_told_with_its_line(
    slips: list[tuple[int, str]],
) -> None:
    """Any such slip gives data or one located message whose caret line quotes the file."""
    text = (REPO / "examples" / "session.yaml").read_text("utf-8")
    for position, slip in slips:
        at = position % (len(text) + 1)
        text = text[:at] + slip + text[at:]
    try:
        yamlio.parse(text, Path("session.yaml"))
    except UserError as exc:
        (problem,) = exc.problems
        rendered = problem.render()
        assert rendered.startswith("session.yaml")
        if problem.excerpt is not None:
            assert problem.line is not None and problem.column is not None
            quoted, caret = problem.excerpt.splitlines()
            row = text.splitlines()[problem.line - 1].replace("\t", "→   ")
            assert quoted == f"{problem.line} | {row}"
            assert caret.rstrip().endswith("^")
