"""The day's run as clicks come in any order, at any time: the log stays the plan's order,
no unit is run twice, every minute from the start to the last click is in the log."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO
from workbook.app.day import DayRun
from workbook.session.replan import day_units

clicks = st.lists(
    st.tuples(
        st.sampled_from(["next", "next", "next", "add", "skip", "skip_later", "start"]),
        st.integers(0, 90),  # minutes until the click
        st.integers(0, 30),  # which unit to come, for skip_later
    ),
    max_size=40,
)


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2027, 3, 4, 8, 55)

    def __call__(self) -> dt.datetime:
        return self.now


@settings(max_examples=40)
@given(clicks)
def test_any_clicks_keep_the_log_in_order_and_every_minute_in_it(
    steps: list[tuple[str, int, int]],
) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        session = folder / "session.yaml"
        shutil.copy(REPO / "examples" / "session.yaml", session)
        clock = Clock()
        run = DayRun(session, clock=clock)
        run.act("start")
        started = clock.now
        for action, minutes, which in steps:
            clock.now += dt.timedelta(minutes=minutes)
            if action == "skip_later":
                snapshot = run.snapshot()
                coming = (
                    [r.unit.key for r in snapshot.progress.replan.rest]
                    if snapshot.progress.replan
                    else []
                )
                if coming:
                    run.act("skip", coming[which % len(coming)])
                continue
            run.act(action)
        snapshot = run.snapshot()
        units = day_units(snapshot.prepared.schedule.days[0])
        order = [u.key for u in units]
        log = run._read().log  # type: ignore[union-attr]
        keys = [entry.unit for entry in log]
        assert len(keys) == len(set(keys))  # no unit run twice
        assert keys == sorted(keys, key=order.index)  # in the plan's order
        for before, after in itertools.pairwise(log):  # one after another, no gap
            assert before.end == after.start
        if log:
            assert log[0].start == started
        progress = snapshot.progress
        if progress.replan is not None:  # the unit running began when the last one ended
            assert progress.replan.current.start == (log[-1].end if log else started)
            assert progress.replan.current.unit.key not in keys
        for key in progress.skipped:
            assert key not in keys or next(e for e in log if e.unit == key).skipped
    finally:
        shutil.rmtree(folder)
