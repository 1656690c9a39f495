"""The invitation letters' plan: every word of each partner's letter, filled in.

Like plan.py for the pack, this is the last stage that knows about sessions and
languages; render/pages/letter.py only lays out what it is handed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from workbook.core.text import fill
from workbook.language.loading import Content
from workbook.plan.programme import ProgrammeDay, programme_in_brief
from workbook.plan.words import Words
from workbook.session.model import Partner, Session
from workbook.session.replies import ATTEND, DECLINE, identifier, reply_by
from workbook.session.schedule import Schedule


@dataclass(frozen=True)
class Prompt:
    """One of the guide's three invitation prompts, with a space to answer each question."""

    key: str
    title: str
    text: str
    answers: list[str]


@dataclass(frozen=True)
class ResourceKinds:
    inspiration: str
    kinds: list[str]
    other: str


@dataclass(frozen=True)
class Reply:
    heading: str
    facts: list[tuple[str, str]]
    choices: list[tuple[str, str]]  # (the radio button's export value, its label)
    fields: list[str]
    send_to: str  # where to send the answer (when the facilitator has an e-mail) and by when


@dataclass(frozen=True)
class Letter:
    partner: str
    sender: str
    logo: Path | bytes | None
    recipient: list[str]
    subject: str
    title: str | None
    greeting: str
    body: list[str]
    details_heading: str
    details: list[tuple[str, str]]
    contact: tuple[str, str] | None  # the facilitator's e-mail, kept apart: it is never broken
    programme_heading: str
    programme_apart: str  # said on page 1 when the programme is too long for the letter
    programme: list[ProgrammeDay]
    closing: list[str]
    regards: str
    signature: list[str]
    prepare_heading: str
    resources: Prompt
    resource_kinds: ResourceKinds
    prompts: list[Prompt]
    reply: Reply
    footer: str
    footer_date: str  # the session's date(s): the part of the footer that is never shortened
    identifier: str = ""  # the hidden field that matches a returned letter to its partner


@dataclass(frozen=True)
class LetterSet:
    subject: str
    author: str
    language: str
    page_label: str
    folder: str
    letters: list[Letter]


def build_letters(
    session: Session,
    schedule: Schedule,
    content: Content,
    logo: Path | bytes | None,
    session_path: Path | None = None,
) -> LetterSet:
    """Every partner's letter; with ``session_path``, each carries its identifier (the
    fillable letters' hidden field, which ``collect`` matches a returned letter by)."""
    words = Words(content)
    programme = programme_in_brief(schedule, content, words)
    subject = words.ui("letter.subject")
    by = words.date(reply_by(session, content.timing.deadlines))
    letters = []
    for index, partner in enumerate(session.partners):
        letter = _letter(
            session, partner, programme, content, words, logo, words.dates(schedule), by
        )
        if session_path is not None:
            letter = replace(letter, identifier=identifier(session, session_path, index))
        letters.append(letter)
    return LetterSet(
        subject=subject,
        author=session.host or session.facilitator.name,
        language=content.code,
        page_label=content.ui.get("pack.page"),
        folder=words.ui("letter.folder"),
        letters=letters,
    )


def _letter(
    session: Session,
    partner: Partner,
    programme: list[ProgrammeDay],
    content: Content,
    words: Words,
    logo: Path | bytes | None,
    dates: str,
    by: str,
) -> Letter:
    invitation = content.invitation
    letter = invitation.letter
    sender = session.host or session.facilitator.name
    facilitator = session.facilitator
    subject = words.ui("letter.subject")
    return Letter(
        partner=partner.name,
        sender=sender,
        logo=logo,
        recipient=[p for p in (partner.name, partner.role, partner.organisation) if p],
        subject=subject,
        title=words.text(session.title) if session.title else None,
        greeting=words.ui("letter.greeting", name=partner.name),
        body=[
            *(
                _own_words(session, "opening", partner, sender)
                or [
                    words.ui(
                        "letter.invite",
                        host=sender,
                        organisation=partner.organisation,
                        title=session.title,
                    )
                ]
            ),
            *letter.partnership,
            words.ui("letter.method", guide_title=content.guide.title, authors=words.authors()),
        ],
        details_heading=words.ui("letter.details"),
        details=_details(session, programme, words, by),
        contact=(words.ui("letter.contact"), facilitator.email) if facilitator.email else None,
        programme_heading=words.ui("letter.programme"),
        programme_apart=words.ui("letter.programme_apart"),
        programme=programme,
        closing=[
            letter.preparation,
            *(
                _own_words(session, "closing", partner, sender)
                or [words.ui("letter.looking_forward")]
            ),
        ],
        regards=words.ui("letter.regards"),
        signature=[facilitator.name, *([session.host] if session.host else [])],
        prepare_heading=words.ui("letter.prepare"),
        resources=Prompt(
            "resources", invitation.resources.title, letter.resources.ask, [letter.resources.answer]
        ),
        resource_kinds=ResourceKinds(
            invitation.resources.inspiration, invitation.resources.kinds, letter.resources.other
        ),
        prompts=[
            Prompt("mandate", invitation.mandate.title, letter.mandate.ask, letter.mandate.answers),
            Prompt(
                "documentation",
                invitation.documentation.title,
                letter.documentation.ask,
                invitation.documentation.questions,
            ),
        ],
        reply=Reply(
            heading=words.ui("letter.reply"),
            facts=[
                (words.ui("worksheets.name"), partner.name),
                (words.ui("worksheets.organisation"), partner.organisation),
            ],
            choices=[(ATTEND, words.ui("letter.attend")), (DECLINE, words.ui("letter.decline"))],
            fields=[words.ui("letter.catering")],
            send_to=words.ui("letter.send_to", contact=facilitator.email, date=by)
            if facilitator.email
            else words.ui("letter.send_by", date=by),
        ),
        footer=words.ui("letter.footer", subject=subject, date=dates, partner=partner.name),
        footer_date=dates,
    )


def _own_words(session: Session, which: str, partner: Partner, sender: str) -> list[str]:
    """The session's own opening or closing (its ``letter:`` section) filled in for one
    partner, a paragraph per block of lines; empty when the language's words stand."""
    own = getattr(session.letter, which, None) if session.letter else None
    if not own:
        return []
    text = fill(
        own,
        name=partner.name,
        organisation=partner.organisation,
        host=sender,
        title=session.title or "",
    )
    # lines within a block join with a space; a no-break space stays
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    paragraphs = (re.sub(r"[ \t]*\n[ \t]*", " ", block).strip(" \t\n") for block in blocks)
    return [paragraph for paragraph in paragraphs if paragraph]


def _details(
    session: Session, programme: list[ProgrammeDay], words: Words, by: str
) -> list[tuple[str, str]]:
    """Date and time written out (a line per day when the session runs over several), then
    where, who facilitates (the contact's e-mail is the letter's ``contact``) and the date
    the answer is wanted by."""
    if len(programme) == 1:
        rows = [
            (words.ui("cover.date"), programme[0].date),
            (words.ui("cover.time"), programme[0].span),
        ]
    else:
        rows = [
            (
                words.ui("cover.date") if index == 0 else "",
                words.ui("letter.day_time", date=day.date, time=day.span),
            )
            for index, day in enumerate(programme)
        ]
    rows.append((words.ui("cover.venue"), session.venue))
    facilitator = session.facilitator
    rows.append((words.ui("cover.facilitator"), facilitator.name))
    rows.append((words.ui("letter.reply_by"), by))
    return rows
