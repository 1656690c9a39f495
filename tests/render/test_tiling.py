"""Splitting a poster across office sheets: enough sheets, overlap to glue, nothing missed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.units import mm

from workbook.render.tiling import plan_tiling

A4 = (210 * mm, 297 * mm)
LETTER = (215.9 * mm, 279.4 * mm)
MARGIN, OVERLAP = 15 * mm, 12 * mm


def test_an_a1_poster_on_a4_takes_fifteen_portrait_sheets() -> None:
    tiling = plan_tiling((841 * mm, 594 * mm), A4, MARGIN, OVERLAP)
    assert (tiling.rows, tiling.columns) == (3, 5)
    assert tiling.sheet == A4
    assert len(tiling.tiles) == 15


def test_an_a3_poster_on_a4_takes_four_sheets() -> None:
    tiling = plan_tiling((420 * mm, 297 * mm), A4, MARGIN, OVERLAP)
    assert tiling.rows * tiling.columns == 4


@given(
    width=st.floats(min_value=100, max_value=2000),
    height=st.floats(min_value=100, max_value=2000),
    paper=st.sampled_from([A4, LETTER]),
)
def test_sheets_cover_the_poster_and_neighbours_overlap(
    width: float, height: float, paper: tuple[float, float]
) -> None:
    poster = (width * mm, height * mm)
    tiling = plan_tiling(poster, paper, MARGIN, OVERLAP)
    area_w, area_h = tiling.area
    left, bottom, covered_w, covered_h = tiling.covered
    assert left <= 1e-6 and bottom <= 1e-6
    assert left + covered_w >= poster[0] - 1e-6 and bottom + covered_h >= poster[1] - 1e-6
    by_place = {(t.row, t.column): t for t in tiling.tiles}
    assert len(by_place) == tiling.rows * tiling.columns
    for (row, column), tile in by_place.items():
        if (right := by_place.get((row, column + 1))) is not None:
            assert right.y == tile.y
            assert tile.x + area_w - right.x >= 10 * mm  # the glue strip
        if (below := by_place.get((row + 1, column))) is not None:
            assert below.x == tile.x
            assert below.y + area_h - tile.y >= 10 * mm
    # no wasted sheet: one fewer row or column would leave part of the poster uncovered
    assert (tiling.columns - 1) * (area_w - OVERLAP) + OVERLAP < poster[0] or tiling.columns == 1
    assert (tiling.rows - 1) * (area_h - OVERLAP) + OVERLAP < poster[1] or tiling.rows == 1
