"""What every document's plan shares: the language's labels filled in, dates and clock
times in its locale (CLDR through Babel), and the names a part goes by."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from babel.dates import format_date, format_interval, format_time
from babel.lists import format_list

from workbook.core.text import fill
from workbook.core.typography import Rules, typeset
from workbook.language import model as cm
from workbook.language.folders import Meta
from workbook.language.loading import Content
from workbook.session.model import Partner, Session
from workbook.session.schedule import Day, Schedule, Slot

DIALOGUES = ("ambition", "contribution", "scaling")


class Words:
    """Looks up and fills the language's labels, and formats dates and times in its locale."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.locale = content.locale
        self.rules = rules_of(content)

    def ui(self, dotted: str, **context: object) -> str:
        return self.fill(self.content.ui.get(dotted), **context)

    def fill(self, source: str, **context: object) -> str:
        """A content text with its placeholders filled, set in the language's typography;
        a ``count`` brings its plural category (``{% if one %}``)."""
        if "count" in context:
            context = plural_flags(context, self.locale)
        return typeset(fill(source, **context), self.rules)

    def text(self, source: str) -> str:
        """A text as it prints, in the language's typography (quotes, dashes, spaces)."""
        return typeset(source, self.rules)

    def date(self, value: dt.date) -> str:
        style = self.content.meta.typography.date
        return format_date(value, format=style, locale=self.locale)

    def authors(self) -> str:
        """The guide's authors as one list, joined as the language joins names (CLDR)."""
        return format_list([a.name for a in self.content.guide.authors], locale=self.locale)

    def clock(self, value: dt.datetime | dt.time) -> str:
        return _clock(value, self.locale)

    def dates(self, schedule: Schedule) -> str:
        """The session's date, or its first to last day written as CLDR writes a range."""
        first, last = schedule.days[0].date, schedule.days[-1].date
        if first == last:
            return self.date(first)
        return format_interval(first, last, "yMMMMd", locale=self.locale)

    def day(self, day: Day) -> str:
        """A day of the session with its hours: 'torsdag den 4. marts 2027 · 09.00–16.00'."""
        return self.ui("agenda.day", date=self.date(day.date), time=self.span(day.start, day.end))

    def span(self, start: dt.datetime, end: dt.datetime) -> str:
        return self.ui("agenda.clock", start=self.clock(start), end=self.clock(end))

    def duration(self, minutes: int) -> str:
        hours, rest = divmod(minutes, 60)
        if not hours:
            return self.ui("agenda.minutes", minutes=rest)
        if not rest:
            return self.ui("agenda.hours", hours=hours)
        return self.ui("agenda.hours_minutes", hours=hours, minutes=rest)


def plural_flags(context: dict[str, object], locale: str) -> dict[str, object]:
    """``context`` with the CLDR plural category of its ``count`` set, so a text can say
    ``{% if one %}post-it{% else %}post-its{% endif %}``; every category is defined."""
    flags = dict.fromkeys(("zero", "one", "two", "few", "many", "other"), False)
    count = context.get("count")
    if isinstance(count, int) and not isinstance(count, bool):
        flags[_plural_rule(locale)(count)] = True
    return {**flags, **context}


@functools.lru_cache(maxsize=32)
def _plural_rule(locale: str) -> Any:
    from babel import Locale

    try:
        return Locale.parse(locale).plural_form
    except (ValueError, LookupError):
        return Locale.parse("en").plural_form


@functools.lru_cache(maxsize=16)
def _rules(quotes: str, dash: str, units: tuple[str, ...], before: tuple[str, ...]) -> Rules:
    return Rules(quotes, dash, units, before)


def rules_of(content: Content) -> Rules:
    return rules_of_meta(content.meta)


def rules_of_meta(meta: Meta) -> Rules:
    typography = meta.typography
    units, before = tuple(typography.units), tuple(typography.before_numbers)
    return _rules(typography.quotes, typography.dash, units, before)


# A pack writes some 150 clock times, the same few dozen again and again (every partner's
# sheets, the agenda, the notes); CLDR formatting is 25 µs each.
@functools.lru_cache(maxsize=1024)
def _clock(value: dt.datetime | dt.time, locale: str) -> str:
    return format_time(value, format="short", locale=locale)


def session_title(session: Session, words: Words) -> str:
    return words.text(session.title) if session.title else words.ui("pack.default_title")


def is_guide_part(slot: Slot) -> bool:
    return not slot.is_pause and slot.key != "custom"


def part_of(content: Content, key: str) -> cm.GuidePart | cm.Pause:
    parts = content.parts.parts
    return parts.break_ if key == "break" else getattr(parts, key)


def slot_title(slot: Slot, content: Content) -> str:
    if slot.custom_title:
        return slot.custom_title
    return part_of(content, slot.key).short_title


def programme_title(slot: Slot, content: Content) -> str:
    """A part's name for participants, without the guide's number ("Sub-session 2: ").

    The participants' agenda and the letters list only the chosen parts, so the guide's
    numbers would read as gaps ("Sub-session 2" after "Introduction"); the question alone
    reads well in every language, and is the title the facilitator's notes use too.
    """
    title = slot_title(slot, content)
    part = None if slot.custom_title else part_of(content, slot.key)
    label = part.label if isinstance(part, cm.GuidePart) else None
    if label and title.startswith(label) and title[len(label) :].strip():
        return title[len(label) :].strip()
    return title


def session_facts(session: Session, schedule: Schedule, words: Words) -> list[tuple[str, str]]:
    """Date(s), time, venue, host and facilitator, as the cover and the programme show them."""
    if len(schedule.days) == 1:
        facts = [
            (words.ui("cover.date"), words.date(session.date)),
            (
                words.ui("cover.time"),
                words.ui(
                    "cover.time_range",
                    start=words.clock(schedule.start),
                    end=words.clock(schedule.end),
                ),
            ),
        ]
    else:
        facts = [
            (words.ui("cover.day", number=number), words.day(day))
            for number, day in enumerate(schedule.days, 1)
        ]
    facts.append((words.ui("cover.venue"), session.venue))
    if session.host:
        facts.append((words.ui("cover.host"), session.host))
    facts.append((words.ui("cover.facilitator"), session.facilitator.name))
    if session.facilitator.email:  # a row of its own: an address is never broken
        facts.append((words.ui("letter.contact"), session.facilitator.email))
    return facts


def affiliation(partner: Partner) -> str:
    return ", ".join(p for p in (partner.organisation, partner.role) if p)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
