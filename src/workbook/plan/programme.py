"""The participants' programme: the one-page agenda (``workbook agenda``), and the programme
in brief that letters print."""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbook.language.loading import Content
from workbook.plan.agenda import Agenda, build_agenda
from workbook.plan.document import Mark, PackPlan
from workbook.plan.words import Words, programme_title, session_facts, session_title
from workbook.session.model import Session
from workbook.session.schedule import Schedule


@dataclass(frozen=True)
class Programme:
    """The participants' one-page agenda: the session's facts and its programme."""

    title: str
    facts: list[tuple[str, str]]
    agenda: Agenda


def build_programme(session: Session, schedule: Schedule, content: Content) -> PackPlan:
    """The participants' agenda (``workbook agenda``): the programme, no facilitator notes."""
    words = Words(content)
    title = session_title(session, words)
    agenda = replace(build_agenda(schedule, content, words, numbered=False), materials=False)
    page = Programme(title, session_facts(session, schedule, words), agenda)
    return PackPlan(
        title=title,
        footer=words.ui(
            "pack.footer", title=session.short_title or title, date=words.dates(schedule)
        ),
        page_label=content.ui.get("pack.page"),
        language=content.code,
        author=session.host or session.facilitator.name,
        pages=[page],
        footer_date=words.dates(schedule),
        continued=content.ui.get("pack.continued"),
        outline=[Mark(0, title)],
    )


@dataclass(frozen=True)
class ProgrammeItem:
    clock: str
    title: str
    pause: bool
    start: str = ""  # the start alone, for a programme that must be brief (a letter's)


@dataclass(frozen=True)
class ProgrammeDay:
    """One day of the programme in brief, for readers who need times, not facilitation."""

    date: str
    span: str
    items: list[ProgrammeItem]


def programme_in_brief(schedule: Schedule, content: Content, words: Words) -> list[ProgrammeDay]:
    """The chosen agenda's parts with their clock times, day by day."""
    return [
        ProgrammeDay(
            date=words.date(day.date),
            span=words.ui(
                "cover.time_range", start=words.clock(day.start), end=words.clock(day.end)
            ),
            items=[
                ProgrammeItem(
                    words.span(slot.start, slot.end),
                    programme_title(slot, content),
                    slot.is_pause,
                    words.clock(slot.start),
                )
                for slot in day.slots
            ],
        )
        for day in schedule.days
    ]
