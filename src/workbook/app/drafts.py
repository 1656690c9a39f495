"""E-mail drafts (``.eml``, written by the standard ``email`` package): one per partner with
an address, the letter and the calendar entry attached, for the host to open in their own
mail program, read and send. Nothing is ever sent from here.

``X-Unsent: 1`` makes Outlook open the file as a draft to send; Thunderbird ("Edit as
New Message") and Apple Mail open it too. The MIME boundary comes from the content, so the
same session gives the same bytes.
"""

from __future__ import annotations

import hashlib
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

from workbook.core.errors import Problem
from workbook.plan.mail import Draft, plausible


def draft(
    message: Draft,
    sender: tuple[str, str] | None,
    letter: tuple[str, bytes],
    calendar: tuple[str, bytes] | None,
) -> bytes:
    """The draft as the bytes of an ``.eml`` file (CRLF line ends, headers encoded)."""
    mail = EmailMessage(policy=SMTP)
    name, address = message.to
    mail["To"] = _address(name, address)
    if sender is not None:
        mail["From"] = _address(*sender)
    mail["Subject"] = message.subject
    mail["X-Unsent"] = "1"
    mail.set_content(message.body, cte="quoted-printable")
    file_name, pdf = letter
    mail.add_attachment(pdf, maintype="application", subtype="pdf", filename=file_name)
    if calendar is not None:
        ics_name, ics = calendar
        mail.add_attachment(
            ics.decode("utf-8"),
            subtype="calendar",
            filename=ics_name,
            params={"method": "PUBLISH"},
        )
    digest = hashlib.sha256(message.body.encode("utf-8") + pdf + (calendar or ("", b""))[1])
    mail.set_boundary(f"=_workbook_{digest.hexdigest()[:32]}")
    return mail.as_bytes(policy=SMTP)


def _address(name: str, address: str) -> Address:
    """``name <address>``; an address the e-mail standard refuses raises ``ValueError``."""
    if not plausible(address):
        raise ValueError(address)
    local, _, domain = address.strip().rpartition("@")
    try:
        return Address(display_name=name, username=local, domain=domain)
    except Exception as exc:  # the email package raises several kinds for a bad address
        raise ValueError(address) from exc


def bad_address(partner: str, address: str) -> Problem:
    return Problem(
        f"{partner}'s e-mail address {address!r} is not one a mail program takes; "
        "no draft is written for them",
        hint="Correct the address in the session file (or the partners' spreadsheet).",
        key="bad_address",
        values=(("name", partner), ("address", repr(address))),
    )
