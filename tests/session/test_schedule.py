"""Clock times for the agenda, and step times that still add up when a part is resized."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from workbook.session.model import Session
from workbook.session.schedule import build_schedule, scale_steps
from workbook.session.timing import load_timing

BASE = {
    "date": "2027-03-04",
    "start": "08:30",
    "venue": "V",
    "facilitator": {"name": "F"},
    "partners": [{"name": "P", "organisation": "O"}],
}


def session(**changes: object) -> Session:
    return Session.model_validate({**BASE, **changes})


def test_default_day_is_the_guides_seven_hours() -> None:
    schedule = build_schedule(session(), load_timing())
    starts = [slot.start.strftime("%H:%M") for slot in schedule.slots]
    assert starts == ["08:30", "08:40", "08:55", "10:55", "11:55", "13:25", "14:55", "15:15"]
    assert schedule.end.strftime("%H:%M") == "15:30"
    assert schedule.minutes == 7 * 60


def test_steps_of_delsession_1_get_their_own_clock_times() -> None:
    schedule = build_schedule(session(start="09:00"), load_timing())
    ambition = next(slot for slot in schedule.slots if slot.key == "ambition")
    times = [(s.start.strftime("%H:%M"), s.end.strftime("%H:%M")) for s in ambition.steps]
    assert times[1] == ("09:35", "10:05")
    assert [s.minutes for s in ambition.steps] == [10, 30, 20, 15, 30]


def test_short_forms_and_custom_parts_and_days() -> None:
    agenda = [
        "opening",
        {"lunch": 45},
        {"title": "Rundvisning i køkkenet", "minutes": 30},
        {"day": "2027-03-05", "start": "9:30"},
        "closing",
    ]
    schedule = build_schedule(session(agenda=agenda), load_timing())
    assert [len(day.slots) for day in schedule.days] == [3, 1]
    assert schedule.days[0].slots[1].minutes == 45
    assert schedule.days[0].slots[2].start == dt.datetime(2027, 3, 4, 9, 25)
    assert schedule.days[1].start == dt.datetime(2027, 3, 5, 9, 30)


def test_a_resized_part_scales_its_steps() -> None:
    schedule = build_schedule(session(agenda=[{"ambition": 60}]), load_timing())
    slot = schedule.slots[0]
    assert slot.rescaled
    assert [s.minutes for s in slot.steps] == [5, 15, 10, 7, 15]


def test_the_guides_included_break_is_on_the_clock_after_step_3() -> None:
    """Delsession 1 is "120 minutter (inkl. pause)" with steps of 105: the other 15 are its
    break, after the partners have presented their circles, and the last step ends when
    the part does."""
    schedule = build_schedule(session(start="09:00"), load_timing())
    ambition = next(slot for slot in schedule.slots if slot.key == "ambition")
    pause = ambition.included_break
    assert pause is not None and pause.after == 3 and pause.minutes == 15
    assert (pause.start.strftime("%H:%M"), pause.end.strftime("%H:%M")) == ("10:25", "10:40")
    assert ambition.steps[3].start == pause.end
    assert ambition.steps[-1].end == ambition.end
    untimed = next(slot for slot in schedule.slots if slot.key == "introductions")
    assert untimed.included_break is None


@given(minutes=st.integers(1, 600), key=st.sampled_from(sorted(load_timing().parts)))
def test_every_minute_of_a_part_is_accounted_for(minutes: int, key: str) -> None:
    """At any length, a part's timed steps and its included break run back to back from
    the part's start to its end: no minute is lost between the last step and the next part."""
    slot = build_schedule(session(agenda=[{key: minutes}]), load_timing()).slots[0]
    timed = [step for step in slot.steps if step.minutes is not None]
    if not timed:
        assert slot.included_break is None
        return
    pause = slot.included_break
    cursor = slot.start
    for step in slot.steps:
        assert step.start == cursor
        cursor = step.end
        if pause is not None and pause.after == step.number:
            assert pause.start == cursor and pause.minutes > 0
            cursor = pause.end
    assert cursor == slot.end
    assert (
        sum(step.minutes or 0 for step in slot.steps) + (pause.minutes if pause else 0) == minutes
    )


def test_a_timing_whose_steps_leave_minutes_without_a_break_is_refused() -> None:
    from pydantic import ValidationError

    from workbook.session.timing import PartTiming

    PartTiming(minutes=90, steps=[10, 20, 50], break_after=2)
    PartTiming(minutes=80, steps=[10, 20, 50])
    PartTiming(minutes=80, steps=[None, None])
    for wrong in (
        {"minutes": 90, "steps": [10, 20, 50]},  # 10 minutes nowhere
        {"minutes": 70, "steps": [10, 20, 50], "break_after": 1},  # more than the part
        {"minutes": 90, "steps": [10, 20, 50], "break_after": 3},  # after the last step
    ):
        try:
            PartTiming.model_validate(wrong)
        except ValidationError:
            continue
        raise AssertionError(wrong)


@given(
    steps=st.lists(st.integers(1, 60), min_size=1, max_size=8),
    extra=st.integers(0, 30),
    total=st.integers(1, 600),
)
def test_scaled_steps_add_up_to_the_scaled_share(steps: list[int], extra: int, total: int) -> None:
    guide_total = sum(steps) + extra
    scaled = scale_steps(list(steps), guide_total, total)
    assert sum(m or 0 for m in scaled) == round(sum(steps) * total / guide_total)
    assert all(
        abs((m or 0) - s * total / guide_total) < 1 for m, s in zip(scaled, steps, strict=True)
    )


def test_programme_in_brief_gives_each_day_its_span_and_parts() -> None:
    from workbook.language.loading import load_content
    from workbook.plan.programme import programme_in_brief
    from workbook.plan.words import Words

    content = load_content("en")
    session = Session.model_validate(
        {
            "date": "2027-03-04",
            "start": "09:00",
            "venue": "Hall",
            "facilitator": {"name": "Sam"},
            "partners": [{"name": "Jo", "organisation": "Acme"}],
            "agenda": ["opening", "lunch", {"day": "2027-03-05"}, "closing"],
        }
    )
    days = programme_in_brief(build_schedule(session, content.timing), content, Words(content))
    assert [(d.date, d.span) for d in days] == [
        ("Thursday, 4 March 2027", "09:00–10:10"),
        ("Friday, 5 March 2027", "09:00–09:15"),
    ]
    assert [(i.clock, i.title, i.pause) for i in days[0].items] == [
        ("09:00–09:10", "Opening", False),
        ("09:10–10:10", "Lunch", True),
    ]
