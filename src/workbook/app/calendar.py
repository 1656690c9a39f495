"""Calendar entries (RFC 5545, written by the ``icalendar`` library): one ``.ics`` per
partner and one for the facilitator, an event per day of the session.

Each event's UID comes from the session file and the day's number, so an invitation sent
again after the time or the venue changed updates the entry instead of adding a second one;
its DTSTAMP and SEQUENCE come from the session file's modification time (later edits, later
stamps), never from the clock, so the same session file gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from workbook.plan.mail import Mailing
from workbook.session.replies import file_key

PRODID = "-//workbook//partnership session//EN"
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def stamp_of(session_path: Path) -> dt.datetime:
    """When the session file was last saved (UTC, whole seconds); the epoch if it is not
    saved yet (the web page's new session)."""
    try:
        seconds = int(session_path.stat().st_mtime)
    except OSError:
        return _EPOCH
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def calendar(
    mailing: Mailing,
    session_path: Path,
    stamp: dt.datetime,
    attendees: list[tuple[str, str]],
) -> bytes:
    """The session's days as one calendar, with ``attendees`` (name, address) on each."""
    import icalendar

    zone = ZoneInfo(mailing.zone)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")  # an entry to keep, not a meeting request to answer
    first = mailing.events[0].start.date()
    last = mailing.events[-1].end.date()
    cal.add_component(
        icalendar.Timezone.from_tzid(
            mailing.zone,
            first_date=first - dt.timedelta(days=366),
            last_date=last + dt.timedelta(days=366),
        )
    )
    key = file_key(session_path)
    for event in mailing.events:
        entry = icalendar.Event()
        entry.add("uid", f"{key}-day{event.number}@workbook")
        entry.add("dtstamp", stamp)
        entry.add("sequence", int((stamp - _EPOCH).total_seconds() // 60))
        entry.add("dtstart", event.start.replace(tzinfo=zone))
        entry.add("dtend", event.end.replace(tzinfo=zone))
        entry.add("summary", event.summary)
        entry.add("location", event.location)
        entry.add("description", event.description)
        entry.add("status", "CONFIRMED")
        if mailing.organizer is not None:
            name, address = mailing.organizer
            entry.add("organizer", _address(name, address))
        for name, address in attendees:
            person = _address(name, address)
            person.params["ROLE"] = "REQ-PARTICIPANT"
            entry.add("attendee", person)
        cal.add_component(entry)
    return bytes(cal.to_ical())


def _address(name: str, address: str) -> Any:
    import icalendar

    person = icalendar.vCalAddress(f"mailto:{address}")
    person.params["CN"] = name
    return person
