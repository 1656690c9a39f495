"""Clock times for the chosen agenda: every part, every step, every day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from workbook.core.errors import Problem, UserError, closest
from workbook.core.yamlio import Document
from workbook.session.model import (
    AgendaEntry,
    CustomEntry,
    DayEntry,
    PartEntry,
    Session,
    normalise_entry,
)
from workbook.session.timing import Timing

PAUSES = ("lunch", "break")


@dataclass(frozen=True)
class StepTime:
    number: int
    minutes: int | None
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Slot:
    """One agenda entry placed on the clock."""

    key: str  # a guide part, "lunch", "break", or "custom"
    start: dt.datetime
    minutes: int
    guide_minutes: int | None
    steps: tuple[StepTime, ...] = ()
    custom_title: str | None = None
    custom: CustomEntry | None = None  # a part of one's own, with its purpose and steps

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def is_pause(self) -> bool:
        return self.key in PAUSES

    @property
    def rescaled(self) -> bool:
        return self.guide_minutes is not None and self.minutes != self.guide_minutes


@dataclass(frozen=True)
class Day:
    date: dt.date
    slots: tuple[Slot, ...]

    @property
    def start(self) -> dt.datetime:
        return self.slots[0].start

    @property
    def end(self) -> dt.datetime:
        return self.slots[-1].end

    @property
    def minutes(self) -> int:
        return sum(slot.minutes for slot in self.slots)


@dataclass(frozen=True)
class Schedule:
    days: tuple[Day, ...]
    guide_minutes: int = 0  # the guide's own day, to compare the chosen agenda with
    warnings: tuple[Problem, ...] = ()

    @property
    def slots(self) -> tuple[Slot, ...]:
        return tuple(slot for day in self.days for slot in day.slots)

    @property
    def minutes(self) -> int:
        return sum(day.minutes for day in self.days)

    @property
    def start(self) -> dt.datetime:
        return self.days[0].start

    @property
    def end(self) -> dt.datetime:
        return self.days[-1].end

    def includes(self, key: str) -> bool:
        return any(slot.key == key for slot in self.slots)


def scale_steps(step_minutes: list[int | None], guide_total: int, total: int) -> list[int | None]:
    """Step minutes scaled to a part's new length, rounded so they still add up.

    Largest-remainder rounding keeps the scaled steps summing to the scaled share of the
    part that the guide's steps took (the rest is the part's built-in break).
    """
    if total == guide_total or not any(m is not None for m in step_minutes):
        return list(step_minutes)
    known = [m for m in step_minutes if m is not None]
    share = round(sum(known) * total / guide_total)
    exact = [m * total / guide_total for m in known]
    rounded = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (rounded[i] - exact[i], i))
    for i in by_remainder[: share - sum(rounded)]:
        rounded[i] += 1
    values = iter(rounded)
    return [None if m is None else next(values) for m in step_minutes]


def build_schedule(session: Session, timing: Timing, doc: Document | None = None) -> Schedule:
    entries = session.agenda or [PartEntry(part=key) for key in timing.default_agenda]
    locate = _locator(doc)
    problems = check_agenda(entries, timing, doc)
    if problems:
        raise UserError(problems)
    days: list[Day] = []
    starts: list[int] = []  # the index of the entry each day begins at, to point messages
    date, clock = session.date, session.start
    slots: list[Slot] = []
    cursor = dt.datetime.combine(date, clock)
    for index, entry in enumerate(entries):
        if isinstance(entry, DayEntry):
            if slots:
                days.append(Day(date, tuple(slots)))
                starts.append(index)
            elif index:  # a day right after another: nothing to run on the first
                problems.append(locate(index, *_EMPTY_DAY, "empty_day"))
            problems += _check_next_day(entry, date, index, bool(days or slots), locate)
            slots = []
            date = entry.day
            cursor = dt.datetime.combine(date, entry.start or session.start)
            continue
        slot = _slot(entry, cursor, timing)
        slots.append(slot)
        cursor = slot.end
    if slots:
        days.append(Day(date, tuple(slots)))
        starts.append(len(entries))
    elif entries and isinstance(entries[-1], DayEntry):
        problems.append(locate(len(entries) - 1, *_EMPTY_DAY, "empty_day"))
    for day, index in zip(days, starts, strict=True):
        if day.end.date() > day.date and day.end.time() != dt.time(0):
            problems.append(
                locate(
                    index - 1,
                    f"the day {day.date.isoformat()} runs past midnight "
                    f"(it would end {day.end:%Y-%m-%d %H:%M})",
                    "Start earlier, shorten parts, or move parts to a new day with "
                    "'- day: YYYY-MM-DD'.",
                    "past_midnight",
                    day=day.date.isoformat(),
                    end=f"{day.end:%Y-%m-%d %H:%M}",
                )
            )
    if problems:
        raise UserError(problems)
    warnings = _warnings(entries, days, starts, timing, locate)
    # what reading the session noticed (a spreadsheet's unread columns) is told with them
    return Schedule(tuple(days), timing.guide_minutes, (*session.notes, *warnings))


_EMPTY_DAY = (
    "a day with nothing in it",
    "Put the day's parts after '- day:', or remove the line.",
)

Locate = Callable[..., Problem]


def _locator(doc: Document | None) -> Locate:
    """Makes a problem about agenda entry ``index``; ``key`` and ``values`` tell it in the
    user's language (ui.yaml ``messages``)."""

    def locate(
        index: int, message: str, hint: str, key: str, hint_key: str | None = None, **values: object
    ) -> Problem:
        line, column = doc.locate(("agenda", index)) if doc else (None, None)
        return Problem(
            message,
            file=doc.path if doc else None,
            line=line,
            column=column,
            field=f"agenda.{index}",
            hint=hint,
            label=f"agenda, entry {index + 1}",
            key=key,
            values=tuple(values.items()),
            hint_key=hint_key,
            item=("entry", index + 1, None),
        )

    return locate


def _check_next_day(
    entry: DayEntry, previous: dt.date, index: int, started: bool, locate: Locate
) -> list[Problem]:
    if not started and entry.day != previous:
        return [
            locate(
                index,
                f"the first day, {entry.day.isoformat()}, is not the session's date "
                f"{previous.isoformat()}",
                "Make 'date:' the first day, or remove this '- day:' line.",
                "first_day",
                day=entry.day.isoformat(),
                date=previous.isoformat(),
            )
        ]
    if started and entry.day <= previous:
        return [
            locate(
                index,
                f"the day {entry.day.isoformat()} does not come after {previous.isoformat()}",
                "Days run in order: each '- day:' must be a later date than the one before.",
                "day_order",
                day=entry.day.isoformat(),
                previous=previous.isoformat(),
            )
        ]
    return []


def _warnings(
    entries: list[PartEntry | CustomEntry | DayEntry],
    days: list[Day],
    starts: list[int],
    timing: Timing,
    locate: Locate,
) -> list[Problem]:
    warnings = []
    share = timing.warn.shortened_below
    for index, entry in enumerate(entries):
        if (
            isinstance(entry, CustomEntry)
            and (entry.purpose or entry.materials)
            and not entry.steps
        ):
            warnings.append(
                locate(
                    index,
                    f"'{entry.title}' has a purpose or materials but no steps: it gets a run "
                    "sheet in the facilitator's notes once it has a step",
                    "Add its steps, each with a text and, if wanted, minutes.",
                    "no_steps",
                    title=entry.title,
                )
            )
        if not isinstance(entry, PartEntry) or entry.minutes is None:
            continue
        part = timing.parts[entry.part]
        if not part.pause and entry.minutes < part.minutes * share:
            warnings.append(
                locate(
                    index,
                    f"'{entry.part}' is cut from the guide's {part.minutes} to "
                    f"{entry.minutes} minutes, less than {share:.0%}",
                    "Its steps are scaled down in proportion; check they still fit, "
                    "or give the part more time.",
                    "cut_short",
                    part=entry.part,
                    guide=part.minutes,
                    minutes=entry.minutes,
                    share=f"{share:.0%}",
                )
            )
    limit = timing.warn.day_without_lunch_minutes
    for day, end in zip(days, starts, strict=True):
        if day.minutes > limit and not any(slot.key == "lunch" for slot in day.slots):
            warnings.append(
                locate(
                    end - 1,
                    f"the day {day.date.isoformat()} runs {day.minutes} minutes "
                    f"({day.minutes / 60:.1f} hours) without a lunch",
                    "Add '- lunch' where the day breaks naturally.",
                    "no_lunch",
                    day=day.date.isoformat(),
                    minutes=day.minutes,
                    hours=f"{day.minutes / 60:.1f}",
                )
            )
    return warnings


def _slot(entry: PartEntry | CustomEntry, start: dt.datetime, timing: Timing) -> Slot:
    if isinstance(entry, CustomEntry):
        own: list[StepTime] = []
        cursor = start
        for number, own_step in enumerate(entry.steps, 1):  # its own minutes, never scaled
            end = cursor + dt.timedelta(minutes=own_step.minutes or 0)
            own.append(StepTime(number, own_step.minutes, cursor, end))
            cursor = end
        return Slot(
            "custom", start, entry.minutes, None, tuple(own), custom_title=entry.title, custom=entry
        )
    part = timing.parts[entry.part]
    minutes = entry.minutes or part.minutes
    steps: list[StepTime] = []
    cursor = start
    for number, step in enumerate(scale_steps(part.steps, part.minutes, minutes), 1):
        end = cursor + dt.timedelta(minutes=step or 0)
        steps.append(StepTime(number, step, cursor, end))
        cursor = end
    guide_minutes = None if part.pause else part.minutes
    return Slot(entry.part, start, minutes, guide_minutes, tuple(steps))


def check_written_agenda(agenda: Any, timing: Timing, doc: Document) -> list[Problem]:
    """The agenda checks for a session file that failed validation elsewhere: the entries
    that are valid on their own are checked, so a wrong part shows in the same run."""
    if not isinstance(agenda, list):
        return []
    adapter: TypeAdapter[Any] = TypeAdapter(AgendaEntry)
    entries: list[Any] = []
    for item in agenda:
        try:
            entries.append(adapter.validate_python(normalise_entry(item)))
        except ValidationError:
            entries.append(None)  # reported by the session's own validation
    return check_agenda(entries, timing, doc)


def check_agenda(
    entries: list[PartEntry | CustomEntry | DayEntry], timing: Timing, doc: Document | None
) -> list[Problem]:
    locate = _locator(doc)
    problems: list[Problem] = []
    valid = ", ".join(timing.parts)
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if isinstance(entry, CustomEntry):
            problems += _check_steps(entry, index, locate)
        if not isinstance(entry, PartEntry):
            continue
        if entry.part not in timing.parts:
            close = closest(entry.part, timing.parts)
            problems.append(
                locate(
                    index,
                    f"unknown part '{entry.part}'"
                    + (f" - did you mean '{close}'?" if close else ""),
                    f"Valid parts: {valid}. A part of your own has a title and minutes: "
                    '- {title: "Kitchen tour", minutes: 30}',
                    "unknown_part_close" if close else "unknown_part",
                    "unknown_part",
                    part=entry.part,
                    close=close or "",
                    parts=valid,
                )
            )
        elif entry.part in seen and entry.part not in PAUSES:
            problems.append(
                locate(
                    index,
                    f"the part '{entry.part}' is in the agenda twice",
                    "Each of the guide's parts runs once; 'lunch' and 'break' may repeat.",
                    "part_twice",
                    part=entry.part,
                )
            )
        seen.add(entry.part)
    return problems


def _check_steps(entry: CustomEntry, index: int, locate: Locate) -> list[Problem]:
    """A part of one's own whose steps take longer than the part would run into the next."""
    total = sum(step.minutes or 0 for step in entry.steps)
    if total <= entry.minutes:
        return []
    return [
        locate(
            index,
            f"the steps of '{entry.title}' take {total} minutes, more than the part's "
            f"{entry.minutes}",
            "Shorten the steps, or give the part more minutes.",
            "steps_too_long",
            title=entry.title,
            total=total,
            minutes=entry.minutes,
        )
    ]
