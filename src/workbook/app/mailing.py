"""What ``invitations --calendar --drafts`` writes beside the letters: an ``.ics`` per
partner and one for the facilitator, an ``.eml`` draft per partner with an address. Shared
by the command and the web page's zip, so both make the same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbook.app.calendar import calendar, stamp_of
from workbook.app.drafts import bad_address, draft
from workbook.app.prepare import Prepared
from workbook.core.errors import Problem
from workbook.files.outputs import safe_name, unique_names
from workbook.plan.mail import build_mailing


@dataclass(frozen=True)
class MailFiles:
    files: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes
    calendars: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # partners without a draft, and why


def mail_files(
    prepared: Prepared,
    session_path: Path,
    stems: Sequence[str],
    pdfs: Sequence[bytes],
    calendars: bool,
    drafts: bool,
) -> MailFiles:
    """The calendar entries (if ``calendars``) and drafts (if ``drafts``) for the letters
    ``pdfs``, named after the letters' ``stems``."""
    if not calendars and not drafts:
        return MailFiles()
    session = prepared.session
    mailing = build_mailing(session, prepared.schedule, prepared.content)
    stamp = stamp_of(session_path)
    out = MailFiles()
    # the facilitator's file, numbered if a partner's letter has its name
    *_, facilitator = unique_names([*stems, safe_name(mailing.facilitator_file, "facilitator")])
    everyone = [person for person in mailing.attendees if person is not None]
    if calendars:
        name = f"{facilitator}.ics"
        out.files[name] = calendar(mailing, session_path, stamp, everyone)
        out.calendars.append(name)
    for index, (stem, pdf) in enumerate(zip(stems, pdfs, strict=True)):
        person = mailing.attendees[index]
        ics = calendar(mailing, session_path, stamp, [person] if person else [])
        if calendars:
            out.files[f"{stem}.ics"] = ics
            out.calendars.append(f"{stem}.ics")
        message = mailing.drafts[index]
        if not drafts:
            continue
        partner = session.partners[index]
        if message is None and partner.email:
            out.notes.append(bad_address(partner.name, partner.email))
            continue
        if message is None:
            out.notes.append(
                Problem(
                    f"{partner.name} has no e-mail address; no draft is written for them",
                    hint="Add 'email:' to the partner, or send their letter another way.",
                    key="no_address",
                    values=(("name", partner.name),),
                )
            )
            continue
        try:
            out.files[f"{stem}.eml"] = draft(
                message, mailing.sender, (f"{stem}.pdf", pdf), (f"{stem}.ics", ics)
            )
        except ValueError:
            out.notes.append(bad_address(partner.name, message.to[1]))
            continue
        out.drafts.append(f"{stem}.eml")
    return out
