"""Re-planning the rest of a day while it runs: example days, and properties over any day."""

from __future__ import annotations

import datetime as dt
import itertools
import math

from hypothesis import given
from hypothesis import strategies as st

from workbook.session.model import Session
from workbook.session.replan import Unit, day_units, replan, shortened
from workbook.session.schedule import build_schedule
from workbook.session.timing import RunRules, load_timing

RULES = RunRules(step_floor=0.5, lunch_floor=30)
NINE = dt.datetime(2027, 3, 4, 9, 0)


def _guide_day() -> list[Unit]:
    session = Session.model_validate(
        {
            "date": "2027-03-04",
            "start": "09:00",
            "venue": "-",
            "facilitator": {"name": "A"},
            "partners": [{"name": "B", "organisation": "C"}],
        }
    )
    return day_units(build_schedule(session, load_timing()).days[0])


def test_the_guide_day_as_units_accounts_for_every_minute() -> None:
    units = _guide_day()
    keys = [u.key for u in units]
    assert keys[:3] == ["0:opening", "1:introductions", "2:ambition:1"]
    # Delsession 1: five timed steps (105 min) and its built-in break of 15
    ambition = [u for u in units if u.part == "ambition"]
    assert [u.minutes for u in ambition] == [10, 30, 20, 15, 30, 15]
    assert ambition[-1].pause and ambition[-1].key == "2:ambition:break"
    assert sum(u.minutes for u in units) == 7 * 60
    for before, after in itertools.pairwise(units):
        assert before.end == after.start


def test_a_step_running_over_shortens_the_rest_of_its_part_only() -> None:
    units = _guide_day()
    at = next(i for i, u in enumerate(units) if u.key == "2:ambition:2")  # the circles, 30 min
    start = units[at].start
    part_end = start - dt.timedelta(minutes=10) + dt.timedelta(minutes=120)
    now = start + dt.timedelta(minutes=50)  # twenty minutes over
    plan = replan(units, at, start, 30, part_end, now, RULES)
    rest_of_part = [t for t in plan.rest if t.unit.part == "ambition"]
    assert sum(t.minutes for t in rest_of_part) == 80 - 20
    assert rest_of_part[-1].end == part_end  # the part still ends on time
    assert [t.minutes for t in rest_of_part] == [
        15,
        12,
        22,
        11,
    ]  # 20, 15, 30, 15: each gives up in proportion
    lunch = next(t for t in plan.rest if t.unit.is_lunch)
    assert lunch.minutes == 60 and lunch.start == lunch.unit.start
    assert plan.late == 0


def test_lateness_past_the_part_is_taken_by_lunch_down_to_its_floor_then_the_day_ends_late() -> (
    None
):
    units = _guide_day()
    at = next(i for i, u in enumerate(units) if u.key == "2:ambition:break")
    start = units[at].start
    now = start + dt.timedelta(minutes=15 + 40)  # the break ran 40 minutes over
    plan = replan(units, at, start, 15, units[at].end, now, RULES)
    lunch = plan.rest[0]
    assert lunch.unit.is_lunch and lunch.minutes == 30  # 60 - 40 would be 20: held at 30
    assert plan.late == 10
    assert plan.behind == 40


def test_a_step_done_early_leaves_the_day_ahead_and_nothing_longer() -> None:
    units = _guide_day()
    start = units[0].start
    plan = replan(units, 0, start, 10, units[0].end, start + dt.timedelta(minutes=4), RULES)
    assert all(t.minutes == t.unit.minutes for t in plan.rest)
    assert plan.behind == 0  # the opening's time is its own until it is ended


def test_shortened_sums_to_what_is_available_above_the_floors() -> None:
    parts = [Unit(str(i), 0, "x", i, m, NINE) for i, m in enumerate([20, 15, 30])]
    assert shortened(parts, 65, RULES) == [20, 15, 30]
    assert sum(shortened(parts, 40, RULES)) == 40
    assert shortened(parts, 5, RULES) == [10, 8, 15]  # the floors


@st.composite
def days(draw: st.DrawFn) -> tuple[list[Unit], int, int, int, frozenset[str]]:
    """A day of parts (each a few steps), lunches and breaks, a unit running, how far over."""
    units: list[Unit] = []
    cursor = NINE
    for slot in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["part", "part", "lunch", "break"]))
        steps = draw(st.lists(st.integers(1, 60), min_size=1, max_size=6)) if kind == "part" else []
        if kind != "part":
            steps = [draw(st.integers(5, 90))]
        for number, minutes in enumerate(steps, 1):
            key = f"{slot}:{kind}:{number}"
            units.append(Unit(key, slot, kind, number, minutes, cursor, kind != "part"))
            cursor += dt.timedelta(minutes=minutes)
    position = draw(st.integers(0, len(units) - 1))
    over = draw(st.integers(-30, 240))
    extra = draw(st.sampled_from([0, 0, 5, 10]))
    later = [u.key for u in units[position + 1 :]]
    skipped = (
        frozenset(draw(st.lists(st.sampled_from(later), max_size=3))) if later else frozenset()
    )
    return units, position, over, extra, skipped


@given(days())
def test_replanning_keeps_order_accounts_for_every_minute_and_holds_the_floors(
    day: tuple[list[Unit], int, int, int, frozenset[str]],
) -> None:
    units, position, over, extra, skipped = day
    current = units[position]
    started = current.start
    allotted = current.minutes + extra
    slot_units = [u for u in units if u.slot == current.slot]
    part_end = slot_units[-1].end + dt.timedelta(minutes=extra)
    now = started + dt.timedelta(minutes=allotted + over)
    plan = replan(units, position, started, allotted, part_end, now, RULES, skipped)

    # order kept: the units still to come, less the skipped, in the plan's order
    assert [t.unit for t in plan.rest] == [u for u in units[position + 1 :] if u.key not in skipped]
    # every minute accounted for: one after another from the end of the unit running
    cursor = max(now, started + dt.timedelta(minutes=allotted))
    for timed in plan.rest:
        assert timed.start == cursor
        cursor = timed.end
    assert plan.end == cursor
    # nothing longer than planned; only the running part's later steps and lunches shorter
    for timed in plan.rest:
        assert 0 < timed.minutes <= timed.unit.minutes
        if timed.changed:
            assert timed.unit.slot == current.slot or timed.unit.is_lunch
    # the floors: a step keeps half its time, a lunch its 30 minutes (or all it had)
    for timed in plan.rest:
        if timed.unit.is_lunch:
            assert timed.minutes >= min(timed.unit.minutes, RULES.lunch_floor)
        else:
            assert timed.minutes >= math.ceil(timed.unit.minutes * RULES.step_floor)
    # the part absorbs what it can: it ends on time, or its later steps are at their floors
    in_part = [t for t in plan.rest if t.unit.slot == current.slot]
    if in_part and any(t.changed for t in in_part):
        on_time = in_part[-1].end <= part_end
        at_floors = all(t.minutes == math.ceil(t.unit.minutes * 0.5) for t in in_part)
        assert on_time or at_floors
        assert in_part[-1].end > part_end - dt.timedelta(minutes=1) or at_floors
    # a lunch met late ends on its planned time unless its floor holds it
    for timed in plan.rest:
        if timed.unit.is_lunch and timed.changed:
            assert timed.end == timed.unit.end or timed.minutes == RULES.lunch_floor
    # how late the day ends is what is left over, to the minute
    assert plan.late == int((plan.end - units[-1].end).total_seconds() / 60)
