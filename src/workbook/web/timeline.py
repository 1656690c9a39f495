"""The page's timeline: every day on one clock, so a 15-minute day is drawn 15 minutes long.

All days share the axis from the earliest start to the latest end of any day (whole
hours), each part placed at its clock time: days can be compared at a glance, and the
hour marks line up from day to day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbook.language.loading import Content
    from workbook.plan.words import Words
    from workbook.session.schedule import Schedule


@dataclass(frozen=True)
class Bar:
    left: float  # per cent of the axis
    width: float
    label: str
    time: str
    pause: bool
    custom: bool


@dataclass(frozen=True)
class Tick:
    left: float
    label: str


@dataclass(frozen=True)
class TimelineDay:
    label: str
    bars: list[Bar]


@dataclass(frozen=True)
class Timeline:
    days: list[TimelineDay]
    ticks: list[Tick]


def timeline(schedule: Schedule, content: Content, words: Words, title: object) -> Timeline:
    """``title(content, key)`` names a guide part as the page does."""
    starts = [_minute(day.start, day.date) for day in schedule.days]
    ends = [_minute(day.end, day.date) for day in schedule.days]
    first = min(starts) // 60 * 60
    last = -(-max(ends) // 60) * 60
    span = max(last - first, 60)

    def at(minute: float) -> float:
        return round(100 * (minute - first) / span, 3)

    days = []
    for day in schedule.days:
        bars = [
            Bar(
                left=at(_minute(slot.start, day.date)),
                width=round(100 * slot.minutes / span, 3),
                label=slot.custom_title or title(content, slot.key),  # type: ignore[operator]
                time=words.span(slot.start, slot.end),
                pause=slot.is_pause,
                custom=slot.key == "custom",
            )
            for slot in day.slots
        ]
        days.append(TimelineDay(words.day(day), bars))
    step = 60 if span <= 12 * 60 else 120
    ticks = [
        Tick(at(minute), words.clock(dt.time((minute // 60) % 24, 0)))
        for minute in range(first, last + 1, step)
    ]
    return Timeline(days, ticks)


def _minute(moment: dt.datetime, day: dt.date) -> int:
    """Minutes since the midnight that starts ``day`` (past 24 hours for a late end)."""
    return int((moment - dt.datetime.combine(day, dt.time())).total_seconds() // 60)
