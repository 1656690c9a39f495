"""The agenda: each day's parts on the clock, as a table and a timeline drawn to scale."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from workbook.language import model as cm
from workbook.language.loading import Content
from workbook.plan.words import Words, part_of, programme_title, slot_title
from workbook.session.schedule import Day, Schedule


@dataclass(frozen=True)
class AgendaRow:
    clock: str
    title: str
    purpose: str
    materials: str
    duration: str
    pause: bool


@dataclass(frozen=True)
class TimelineBar:
    """One agenda entry on the timeline, in minutes from the day's first full hour."""

    offset: int
    minutes: int
    label: str
    kind: str  # "part", "pause" or "custom"
    tone: str | None = None  # the dialogue whose colour the bar takes, if any


@dataclass(frozen=True)
class Timeline:
    first_hour: int  # minutes from midnight of the first clock mark
    hours: list[str]  # the clock marks' labels, one per hour from first_hour
    bars: list[TimelineBar]
    width_minutes: int = 0  # what the page's width stands for: the same for every day


@dataclass(frozen=True)
class AgendaDay:
    heading: str
    rows: list[AgendaRow]
    timeline: Timeline | None = None


@dataclass(frozen=True)
class Agenda:
    heading: str
    subheading: str
    columns: tuple[str, str, str, str]
    days: list[AgendaDay]
    total: str
    guide_total: str
    materials: bool = True  # the facilitator's agenda lists materials; the participants' not


def build_agenda(
    schedule: Schedule, content: Content, words: Words, numbered: bool = True
) -> Agenda:
    """The agenda table and timeline; ``numbered``: with the guide's sub-session numbers,
    as the facilitator's pack, whose notes follow the guide, has them."""
    title = slot_title if numbered else programme_title
    days = []
    several = len(schedule.days) > 1
    for day in schedule.days:
        rows = []
        for slot in day.slots:
            part = None if slot.is_pause or slot.key == "custom" else part_of(content, slot.key)
            rows.append(
                AgendaRow(
                    clock=words.span(slot.start, slot.end),
                    title=title(slot, content),
                    purpose=part.purpose if isinstance(part, cm.GuidePart) else "",
                    materials=part.materials if isinstance(part, cm.GuidePart) else "",
                    duration=words.duration(slot.minutes),
                    pause=slot.is_pause,
                )
            )
        heading = words.day(day)
        days.append(AgendaDay(heading, rows, _timeline(day, content, words, numbered)))
    widest = max(len(d.timeline.hours) - 1 for d in days if d.timeline) * 60
    days = [
        replace(d, timeline=replace(d.timeline, width_minutes=widest)) if d.timeline else d
        for d in days
    ]
    if several:
        total = words.ui(
            "agenda.total_days", duration=words.duration(schedule.minutes), days=len(schedule.days)
        )
    else:
        total = words.ui(
            "agenda.total", duration=words.duration(schedule.minutes), end=words.clock(schedule.end)
        )
    return Agenda(
        heading=words.ui("sections.agenda"),
        subheading=words.dates(schedule),
        columns=(
            words.ui("agenda.time"),
            words.ui("agenda.part"),
            words.ui("agenda.purpose"),
            words.ui("agenda.materials"),
        ),
        days=days,
        total=total,
        guide_total=words.ui("agenda.guide_total", duration=words.duration(schedule.guide_minutes)),
    )


def _timeline(day: Day, content: Content, words: Words, numbered: bool = True) -> Timeline:
    midnight = dt.datetime.combine(day.date, dt.time(0))
    first = int((day.start - midnight).total_seconds() // 3600) * 60
    last = -(-int((day.end - midnight).total_seconds()) // 3600) * 60  # round up to the hour
    bars = []
    for slot in day.slots:
        offset = int((slot.start - midnight).total_seconds() // 60) - first
        if slot.is_pause:
            kind, label, tone = "pause", slot_title(slot, content), None
        elif slot.key == "custom":
            kind, label, tone = "custom", slot_title(slot, content), None
        else:
            part = part_of(content, slot.key)
            label = (part.label if isinstance(part, cm.GuidePart) else None) or part.short_title
            label = label.rstrip(": ") if numbered else programme_title(slot, content)
            dialogue = content.timing.parts[slot.key].dialogue
            kind, tone = "part", dialogue
        bars.append(TimelineBar(offset, slot.minutes, label, kind, tone))
    hours = [words.clock(dt.time((first // 60 + h) % 24)) for h in range((last - first) // 60 + 1)]
    return Timeline(first, hours, bars)
