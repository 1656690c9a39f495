"""libyaml reads well-formed files for speed, and must read them as the checked loader does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO
from workbook import yamlio

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
