"""What goes out with the letters: a calendar entry per day and an e-mail draft per partner,
every word filled in from the content in the session's language (``app/calendar.py`` and
``app/drafts.py`` write them as files; the tool never sends anything)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbook.language.loading import Content
from workbook.plan.programme import programme_in_brief
from workbook.plan.words import Words
from workbook.session.model import Session
from workbook.session.replies import reply_by
from workbook.session.schedule import Schedule


@dataclass(frozen=True)
class Event:
    """One day of the session in a calendar."""

    number: int  # the day, from 1: with the session file's key, the entry's stable UID
    start: dt.datetime  # wall-clock time at the venue
    end: dt.datetime
    summary: str
    location: str
    description: str  # the day's programme in brief


@dataclass(frozen=True)
class Draft:
    """An e-mail to one partner, for the host to check and send from their own program."""

    to: tuple[str, str]  # name, address
    subject: str
    body: str


@dataclass(frozen=True)
class Mailing:
    events: list[Event]
    zone: str
    organizer: tuple[str, str] | None  # the host (or facilitator), the facilitator's address
    sender: tuple[str, str] | None  # the drafts' From: the facilitator, who gets the replies
    attendees: list[tuple[str, str] | None]  # per partner: name and address, if they have one
    drafts: list[Draft | None]  # per partner: None without an address
    facilitator_file: str  # the facilitator's calendar file, without .ics


def plausible(address: str) -> bool:
    """An address a mail program takes: a name, one @, a domain, no spaces. (The session
    model does not check addresses: a letter prints whatever is written.)"""
    local, at, domain = address.strip().rpartition("@")
    return bool(at and local and "." in domain) and not any(c.isspace() for c in address.strip())


def build_mailing(session: Session, schedule: Schedule, content: Content) -> Mailing:
    words = Words(content)
    subject = words.ui("letter.subject")
    summary = words.ui("mail.summary", subject=subject, title=session.title)
    programme = programme_in_brief(schedule, content, words)
    events = []
    for number, (day, shown) in enumerate(zip(schedule.days, programme, strict=True), 1):
        lines = [f"{item.clock} {item.title}" for item in shown.items]
        events.append(Event(number, day.start, day.end, summary, session.venue, "\n".join(lines)))
    facilitator = session.facilitator
    sender = session.host or facilitator.name
    organizer = (sender, facilitator.email) if facilitator.email else None
    by = words.date(reply_by(session, content.timing.deadlines))
    dates = words.dates(schedule)
    drafts: list[Draft | None] = []
    attendees: list[tuple[str, str] | None] = []
    for partner in session.partners:
        if not partner.email or not plausible(partner.email):
            drafts.append(None)
            attendees.append(None)
            continue
        attendees.append((partner.name, partner.email))
        body = words.ui(
            "mail.body",
            name=partner.name,
            host=sender,
            title=session.title,
            date=dates,
            venue=session.venue,
            reply_by=by,
            facilitator=facilitator.name,
            contact=facilitator.email,
        )
        drafts.append(Draft((partner.name, partner.email), summary, body))
    return Mailing(
        events=events,
        zone=session.zone,
        organizer=organizer,
        sender=(facilitator.name, facilitator.email) if facilitator.email else None,
        attendees=attendees,
        drafts=drafts,
        facilitator_file=words.ui("mail.facilitator_file"),
    )
