"""The run view's words: the day as it runs, for the facilitator (``/run``) and the room
(``/room``), and the rest of the day re-timed as the participants' programme.

The arithmetic comes in from ``session.replan`` (a ``Progress``); here every label,
clock time and text is filled in: the guide's words for the step running (the notes'),
and for the room what the partners do now (the worksheet's instruction, or the part's
purpose where the partners have no worksheet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from workbook.language import model as cm
from workbook.language.loading import Content
from workbook.plan.words import Words, part_of, programme_title
from workbook.plan.worksheets import sheet_at_step, sheet_instruction
from workbook.session.replan import Replan, Unit
from workbook.session.schedule import Day, Schedule, Slot

BEFORE, RUNNING, DONE = "before", "running", "done"


@dataclass(frozen=True)
class Progress:
    """Where the day is: its units, the one running (``position``: None before the start,
    ``len(units)`` after the end), the rest re-planned, what is done and to be skipped."""

    day: Day
    units: list[Unit]
    position: int | None
    replan: Replan | None
    done: dict[str, tuple[dt.datetime, dt.datetime, bool]]  # unit -> start, end, skipped
    skipped: frozenset[str]
    now: dt.datetime
    days: tuple[dt.date, ...] = ()  # every day of the session


@dataclass(frozen=True)
class Row:
    key: str
    clock: str
    part: str  # the part it belongs to: the list's group heading
    title: str  # "Step 3", a pause's name, or the part's own where it is one unit
    minutes: str
    planned: str  # "planned 30 min" where the re-plan changed it
    state: str  # done, skipped, current, coming, to_skip
    note: str  # the state in words where it needs them
    pause: bool


@dataclass(frozen=True)
class Now:
    part: str  # the part's name for participants
    step: str  # "Step 2 of 5", or empty
    heading: str  # the step's first words, or the part's name
    text: str  # the guide's text for the facilitator
    items: list[str]
    room: str  # what the partners do now
    remaining: int  # seconds left; negative when over
    allotted: str
    ends: str


@dataclass(frozen=True)
class RunView:
    status: str  # before, running, done
    day: str
    clock: str
    now: Now | None
    then: str  # the room's "Then at 10.35: ..."
    offset: int  # minutes behind (negative: ahead)
    offset_text: str
    late: str  # the warning when the day will end late, or empty
    message: str  # before the start and after the end
    rows: list[Row] = field(default_factory=list)
    revision: int = 0
    starts: list[tuple[str, str]] = field(default_factory=list)  # the days to start: date, label


def build_run_view(progress: Progress, content: Content, revision: int = 0) -> RunView:
    words = Words(content)
    day_label = words.day(progress.day)
    clock = words.clock(progress.now)
    rows = _rows(progress, content, words)
    plan = progress.replan
    if progress.position is None or plan is None:
        done = progress.position is not None
        first = progress.units[0]
        message = (
            words.ui("run.done")
            if done
            else words.ui(
                "run.before", title=unit_title(first, content), start=words.clock(first.start)
            )
        )
        then = (
            words.ui("room.done")
            if done
            else words.ui("room.before", time=words.clock(first.start))
        )
        return RunView(
            DONE if done else BEFORE,
            day_label,
            clock,
            None,
            then,
            0,
            "",
            "",
            message,
            rows,
            revision,
            _starts(progress, words, done),
        )
    current = plan.current
    remaining = int((current.end - progress.now).total_seconds())
    unit = current.unit
    heading, text, items = _guide_words(unit, content)
    now = Now(
        part=_part_name(unit, content),
        step=_step_label(unit, progress, content, words),
        heading=heading,
        text=text,
        items=items,
        room=room_text(unit, current.minutes, content, words),
        remaining=remaining,
        allotted=words.duration(current.minutes),
        ends=words.ui("run.ends", time=words.clock(current.end)),
    )
    # the room is told the next part (or pause), not the next step: steps are the
    # facilitator's, and the partners see what they do now above it
    following = next((t for t in plan.rest if t.unit.slot != unit.slot), None)
    then = ""
    if following is not None:
        title = _part_name(following.unit, content)
        then = words.ui("room.then", time=words.clock(following.start), title=title)
    offset = plan.behind
    if offset > 0:
        offset_text = words.ui("run.behind", minutes=offset)
    elif offset < 0:
        offset_text = words.ui("run.ahead", minutes=-offset)
    else:
        offset_text = words.ui("run.on_time")
    late = ""
    if plan.late > 0:
        late = words.ui("run.late", minutes=plan.late, end=words.clock(plan.end))
    return RunView(
        RUNNING, day_label, clock, now, then, offset, offset_text, late, "", rows, revision
    )


def _starts(progress: Progress, words: Words, done: bool) -> list[tuple[str, str]]:
    """The days of a session of several that can be started from here: any before the
    start, the others once this day has run."""
    if len(progress.days) < 2:
        return []
    return [
        (day.isoformat(), words.ui("run.start_day", date=words.date(day)))
        for day in progress.days
        if not (done and day == progress.day.date)
    ]


def _rows(progress: Progress, content: Content, words: Words) -> list[Row]:
    """Every unit of the day: done (with its real times), running, coming (re-planned),
    or skipped."""
    plan = progress.replan
    timed = {t.unit.key: t for t in (plan.current, *plan.rest)} if plan is not None else {}
    rows = []
    for unit in progress.units:
        part, title = _part_name(unit, content), _row_title(unit, content, words)

        def row(
            clock: str,
            minutes: int,
            state: str,
            note: str = "",
            planned: str = "",
            unit: Unit = unit,
            part: str = part,
            title: str = title,
        ) -> Row:
            duration = words.duration(minutes)
            return Row(unit.key, clock, part, title, duration, planned, state, note, unit.pause)

        found = timed.get(unit.key)
        if unit.key in progress.done:
            start, end, skipped = progress.done[unit.key]
            minutes = max(0, round((end - start).total_seconds() / 60))
            if skipped:
                rows.append(
                    row(words.span(start, end), minutes, "skipped", words.ui("run.skipped"))
                )
            else:
                rows.append(row(words.span(start, end), minutes, "done"))
        elif found is not None:
            state = "current" if plan is not None and found is plan.current else "coming"
            planned = ""
            if found.changed:
                planned = words.ui("run.planned", minutes=words.duration(unit.minutes))
            rows.append(row(words.span(found.start, found.end), found.minutes, state, "", planned))
        elif progress.position is not None and plan is None:  # the day is over: never run
            rows.append(row("", unit.minutes, "skipped", words.ui("run.skipped")))
        elif unit.key in progress.skipped:
            rows.append(row("", unit.minutes, "to_skip", words.ui("run.to_skip")))
        else:  # before the start: the plan's own times
            rows.append(row(words.span(unit.start, unit.end), unit.minutes, "coming"))
    return rows


def unit_title(unit: Unit, content: Content) -> str:
    """A unit's name in the day's list: the part's, with the step's number."""
    if unit.part == "custom":
        return unit.title or ""
    if unit.step is None and unit.pause and unit.part not in ("lunch", "break"):
        return content.parts.parts.break_.short_title  # a guide part's built-in break
    part = part_of(content, unit.part)
    if unit.step is None:
        return part.short_title
    return f"{part.short_title} · {unit.step}"


def _row_title(unit: Unit, content: Content, words: Words) -> str:
    if unit.step is not None:
        return words.ui("run.step_short", number=unit.step)
    if unit.pause and unit.part not in ("lunch", "break"):
        return content.parts.parts.break_.short_title
    return _part_name(unit, content)


def _part_name(unit: Unit, content: Content) -> str:
    if unit.part == "custom":
        return unit.title or ""
    slot = Slot(unit.part, unit.start, unit.minutes, None)
    return programme_title(slot, content)


def _step_label(unit: Unit, progress: Progress, content: Content, words: Words) -> str:
    if unit.step is None:
        return ""
    part = part_of(content, unit.part)
    count = len(part.steps) if isinstance(part, cm.GuidePart) else 0
    return words.ui("run.step", number=unit.step, count=count)


def _guide_words(unit: Unit, content: Content) -> tuple[str, str, list[str]]:
    """The facilitator's words for the unit: the guide's step (its text and items), or for
    a part whose steps have no time of their own, its introduction and every step."""
    if unit.part == "custom":
        return unit.title or "", "", []
    part = part_of(content, unit.part)
    if not isinstance(part, cm.GuidePart) or (unit.step is None and unit.pause):
        name = part.short_title if not unit.pause or unit.part in ("lunch", "break") else ""
        return name or content.parts.parts.break_.short_title, "", []
    if unit.step is None:
        steps = [s.text if isinstance(s, cm.Step) else s for s in part.steps]
        return part.short_title, part.intro or part.purpose, steps
    step = part.steps[unit.step - 1] if unit.step <= len(part.steps) else part.purpose
    if isinstance(step, cm.Step):
        return part.short_title, step.text, list(step.items)
    return part.short_title, step, []


def room_text(unit: Unit, minutes: int, content: Content, words: Words) -> str:
    """What the partners do now, in the words their worksheet gives them; the part's
    purpose where they have no worksheet; a pause's name in a pause."""
    if unit.part == "custom":
        return unit.title or ""
    if unit.pause:
        if unit.part in ("lunch", "break"):
            return part_of(content, unit.part).short_title
        return content.parts.parts.break_.short_title
    sheet = sheet_at_step(unit.part, unit.step)
    if sheet is not None:
        return sheet_instruction(content, words, sheet, unit.part, words.duration(minutes))
    part = part_of(content, unit.part)
    return part.purpose if isinstance(part, cm.GuidePart) else part.short_title


def retimed_day(progress: Progress) -> Day | None:
    """The rest of the day as it now runs, from the part running on: each slot with its
    re-planned start and length (steps left out: the participants' programme has none).
    None before the start and after the end."""
    plan = progress.replan
    if plan is None:
        return None
    current = plan.current
    slots_by_index = dict(enumerate(progress.day.slots))
    started = [
        progress.done[u.key][0]
        for u in progress.units
        if u.slot == current.unit.slot and u.key in progress.done
    ]
    timed = [current, *plan.rest]
    slots: list[Slot] = []
    for index in sorted({t.unit.slot for t in timed}):
        pieces = [t for t in timed if t.unit.slot == index]
        start = min([pieces[0].start, *started]) if index == current.unit.slot else pieces[0].start
        end = pieces[-1].end
        minutes = max(1, round((end - start).total_seconds() / 60))
        slots.append(replace(slots_by_index[index], start=start, minutes=minutes, steps=()))
    return Day(progress.day.date, tuple(slots))


def retimed_schedule(progress: Progress, schedule: Schedule) -> Schedule | None:
    day = retimed_day(progress)
    if day is None:
        return None
    return Schedule((day,), schedule.guide_minutes)
