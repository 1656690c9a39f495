"""The review sheet: the next steps of an earlier session, listed for the part that goes
through them again (a part of one's own with ``review:``, as ``workbook follow-up`` writes
it), with room to write where each one stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbook.language.loading import Content
from workbook.plan.words import Words
from workbook.session.model import CustomEntry, Session


@dataclass(frozen=True)
class ReviewSheet:
    title: str
    lead: str
    columns: tuple[str, str, str, str]  # who, does what, by when, where are we?
    items: list[tuple[str, str, str]]


def review_sheets(session: Session, content: Content, words: Words) -> list[ReviewSheet]:
    """A sheet for each review part of the agenda, in the agenda's order."""
    record = content.materials.record
    sheets = []
    for entry in session.agenda or []:
        if not isinstance(entry, CustomEntry) or not entry.review:
            continue
        items = [
            (
                item.who,
                item.what,
                words.date(item.when) if isinstance(item.when, dt.date) else item.when or "",
            )
            for item in entry.review
        ]
        sheets.append(
            ReviewSheet(
                title=entry.title,
                lead=words.ui("follow_up.review_lead"),
                columns=(record.who, record.what, record.when, words.ui("follow_up.status")),
                items=items,
            )
        )
    return sheets
