"""The rest of a day re-planned while it runs (the run view of ``workbook serve``).

A day is run as a row of units: each timed step of a guide part (and the part's built-in
break, the minutes its steps leave), or a whole part where the guide gives its steps no
time, a lunch, a break, a part of one's own. When the unit running goes over its time, the
later units of its part shorten in proportion, each to no less than ``step_floor`` of its
minutes, so the part still ends when it should; what the part cannot absorb moves the rest
of the day, and a lunch met late absorbs the lateness down to ``lunch_floor``. Nothing is
ever made longer: a unit done early leaves the day ahead of its plan.

Every function here is pure arithmetic on the schedule and a moment in time, so the run
view, its tests and the re-timed programme all see the same day.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from workbook.session.schedule import Day, Slot
from workbook.session.timing import RunRules

LUNCH = "lunch"
BREAK_STEP = "break"  # the step name of a part's built-in break


@dataclass(frozen=True)
class Unit:
    """One thing the day runs through, with the minutes and start the plan gives it."""

    key: str  # stable within a schedule: "<slot>:<part>" or "<slot>:<part>:<step>"
    slot: int  # the index of its slot (agenda entry) within the day
    part: str  # the slot's key: a guide part, "lunch", "break" or "custom"
    step: int | None  # the guide's step number; None for a whole slot or a built-in break
    minutes: int
    start: dt.datetime
    pause: bool = False  # a lunch, a break, or a part's built-in break
    title: str | None = None  # a custom part's title

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def is_lunch(self) -> bool:
        return self.part == LUNCH


def day_units(day: Day) -> list[Unit]:
    """The day's units in order, each with its planned start."""
    units: list[Unit] = []
    for index, slot in enumerate(day.slots):
        units += _slot_units(index, slot)
    return units


def _slot_units(index: int, slot: Slot) -> list[Unit]:
    timed = [step for step in slot.steps if step.minutes]
    if not timed:
        return [
            Unit(
                f"{index}:{slot.key}",
                index,
                slot.key,
                None,
                slot.minutes,
                slot.start,
                slot.is_pause,
                slot.custom_title,
            )
        ]
    units = [
        Unit(f"{index}:{slot.key}:{s.number}", index, slot.key, s.number, s.minutes or 0, s.start)
        for s in timed
    ]
    rest = slot.minutes - sum(unit.minutes for unit in units)
    if rest > 0:  # the guide's parts include a break in their time: the minutes left over
        start = units[-1].end
        units.append(
            Unit(f"{index}:{slot.key}:{BREAK_STEP}", index, slot.key, None, rest, start, True)
        )
    return units


@dataclass(frozen=True)
class Timed:
    """A unit placed on the clock as the day now runs."""

    unit: Unit
    start: dt.datetime
    minutes: int

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def changed(self) -> bool:
        return self.minutes != self.unit.minutes


@dataclass(frozen=True)
class Replan:
    """The rest of the day from the unit running: it, then every unit still to come."""

    current: Timed
    until: dt.datetime  # when the unit running ends: its time up, or now if it is over
    rest: tuple[Timed, ...]
    planned_end: dt.datetime  # the day's end in the plan

    @property
    def end(self) -> dt.datetime:
        return self.rest[-1].end if self.rest else self.until

    @property
    def late(self) -> int:
        """Whole minutes the day now ends after its planned end (negative: before it)."""
        return _minutes(self.end - self.planned_end)

    @property
    def behind(self) -> int:
        """Whole minutes the next unit starts after the plan's time for it (negative:
        ahead); for the last unit, the day's end against the plan's."""
        if self.rest:
            return _minutes(self.rest[0].start - self.rest[0].unit.start)
        return self.late


def _minutes(delta: dt.timedelta) -> int:
    """Whole minutes, rounded towards zero (a few seconds late is on time)."""
    seconds = delta.total_seconds()
    return int(seconds / 60)


def replan(
    units: list[Unit],
    position: int,
    started: dt.datetime,
    allotted: int,
    part_end: dt.datetime,
    now: dt.datetime,
    rules: RunRules,
    skipped: frozenset[str] = frozenset(),
) -> Replan:
    """The day re-timed from ``units[position]``, begun at ``started`` with ``allotted``
    minutes, in a part that should end at ``part_end``, as it stands at ``now``.

    The unit running ends at the end of its time or now, whichever is later; from then the
    units still to come (less those in ``skipped``) follow one after another.
    """
    current = Timed(units[position], started, allotted)
    cursor = until = max(now, current.end)
    coming = [u for u in units[position + 1 :] if u.key not in skipped]
    same_part = [u for u in coming if u.slot == current.unit.slot]
    later = coming[len(same_part) :]
    placed: list[Timed] = []
    available = _minutes(part_end - cursor)
    for unit, minutes in zip(same_part, shortened(same_part, available, rules), strict=True):
        placed.append(Timed(unit, cursor, minutes))
        cursor += dt.timedelta(minutes=minutes)
    for unit in later:
        minutes = unit.minutes
        if unit.is_lunch:
            minutes = lunch_minutes(unit, _minutes(cursor - unit.start), rules)
        placed.append(Timed(unit, cursor, minutes))
        cursor += dt.timedelta(minutes=minutes)
    planned_end = units[-1].end if units else current.end
    return Replan(current, until, tuple(placed), planned_end)


def shortened(units: list[Unit], available: int, rules: RunRules) -> list[int]:
    """The units' minutes fitted into ``available`` minutes where they need more.

    Each keeps at least its floor (``step_floor`` of its minutes, rounded up); the minutes
    above the floors are shared in proportion to what each could give up, largest
    remainders first, so the result sums to exactly ``available`` whenever the floors
    leave room, and to the floors' sum otherwise. Never longer than planned.
    """
    planned = [unit.minutes for unit in units]
    if available >= sum(planned):
        return planned
    floors = [min(m, math.ceil(m * rules.step_floor)) for m in planned]
    surplus = max(0, available - sum(floors))
    room = [m - f for m, f in zip(planned, floors, strict=True)]
    total_room = sum(room)
    if not total_room:
        return floors
    exact = [r * surplus / total_room for r in room]
    shares = [int(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (shares[i] - exact[i], i))
    for i in order[: surplus - sum(shares)]:
        shares[i] += 1
    return [f + s for f, s in zip(floors, shares, strict=True)]


def lunch_minutes(unit: Unit, late: int, rules: RunRules) -> int:
    """A lunch begun ``late`` minutes after its planned start: shortened by as much, never
    below the floor, and a lunch planned shorter than the floor is left as planned."""
    if late <= 0:
        return unit.minutes
    return max(min(unit.minutes, rules.lunch_floor), unit.minutes - late)
