"""The materials for the room, planned from the session: name cards, the sign-in sheet,
the record of what was agreed, and the credits page.

Each is in the pack unless the session file's ``leave_out:`` names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbook.core.text import fill
from workbook.language.loading import Content
from workbook.plan.words import Words
from workbook.session.model import Session

# The names a session file uses in ``leave_out:``, in the pack's order.
CREDITS, NAME_CARDS, SIGN_IN, RECORD = "credits", "name_cards", "sign_in", "record"
MATERIALS = (CREDITS, NAME_CARDS, SIGN_IN, RECORD)


@dataclass(frozen=True)
class NameCard:
    """A folded A4 table tent: the name on both faces, readable across the table."""

    name: str
    organisation: str
    fold: str


@dataclass(frozen=True)
class SignInSheet:
    title: str
    lead: str
    columns: tuple[str, str, str, str]  # name, organisation, signature, photo consent
    rows: list[tuple[str, str]]  # the partners and the facilitator, filled in
    blank: int  # empty rows for people who come in their place or in addition


@dataclass(frozen=True)
class RecordQuadrant:
    title: str
    question: str


@dataclass(frozen=True)
class SessionRecord:
    title: str
    lead: str
    facts: str  # the session's title and date
    ambitions_title: str
    ambitions: list[str]  # the joint reflections' titles, where the agreed ambitions go
    next_steps_title: str
    columns: tuple[str, str, str]  # who, does what, when
    quadrants: list[RecordQuadrant]
    documentation_title: str
    documentation_lead: str
    documentation: list[str]  # the guide's DOKUMENTATION questions
    signed: str  # "Til stede <date>:", over the names of those invited
    partners: list[str]
    others: str = ""  # a line for who else was there (the record records; nobody signs)
    asked_title: str = ""  # what the partners asked for the documentation in their letters
    asked: list[tuple[str, list[str]]] = field(default_factory=list)  # partner, their answers


@dataclass(frozen=True)
class Credits:
    heading: str
    lead: str
    tool_name: str
    project_title: str
    project: list[str]
    authors_title: str
    authors: list[tuple[str, str]]  # name, position
    thanks_title: str
    thanks: list[str]
    closing: list[str]
    purpose: list[str] = field(default_factory=list)  # the guide's foreword
    bios: list[str] = field(default_factory=list)  # each author's, as the guide prints them


def wanted(session: Session) -> list[str]:
    """The materials this session's pack holds."""
    return [key for key in MATERIALS if key not in session.leave_out]


def name_cards(session: Session, content: Content) -> list[NameCard]:
    words = content.materials.cards
    cards = [NameCard(p.name, p.organisation, words.fold) for p in session.partners]
    cards.append(NameCard(session.facilitator.name, words.facilitator, words.fold))
    return cards


def sign_in(session: Session, content: Content) -> SignInSheet:
    words = content.materials.sign_in
    rows = [(p.name, p.organisation) for p in session.partners]
    rows.append((session.facilitator.name, content.materials.cards.facilitator))
    return SignInSheet(
        title=words.title,
        lead=words.lead,
        columns=(words.name, words.organisation, words.signature, words.photos),
        rows=rows,
        blank=3,
    )


def record(
    session: Session,
    content: Content,
    dialogues: list[str],
    date: str,
    typeset: Words | None = None,
) -> SessionRecord:
    words = content.materials.record
    process = content.process.dialogues
    ambitions = []
    for key in dialogues:
        dialogue = getattr(process, key)
        ambitions.append(dialogue.reflection.title or dialogue.reflection.questions[0].text)
    documentation = content.invitation.documentation
    title = session.title or ""
    if typeset is not None:
        title = typeset.text(title)
    return SessionRecord(
        title=words.title,
        lead=words.lead,
        facts=f"{title} · {date}".strip(" ·"),
        ambitions_title=words.ambitions,
        ambitions=ambitions,
        next_steps_title=words.next_steps,
        columns=(words.who, words.what, words.when),
        quadrants=[RecordQuadrant(q.title, q.question) for q in content.next_steps.quadrants],
        documentation_title=words.documentation,
        documentation_lead=words.documentation_lead,
        documentation=list(documentation.questions),
        signed=typeset.fill(words.signed, date=date) if typeset else fill(words.signed, date=date),
        partners=[p.name for p in session.partners],
        others=words.others,
    )


def credits(content: Content, typeset: Words | None = None) -> Credits:
    guide, words = content.guide, content.materials.credits
    text = typeset.text if typeset else str
    return Credits(
        heading=words.heading,
        lead=typeset.fill(words.lead, title=guide.title)
        if typeset
        else fill(words.lead, title=guide.title),
        tool_name=guide.tool_name,
        project_title=words.project,
        project=list(guide.project),
        authors_title=words.authors,
        authors=[(a.name, a.position) for a in guide.authors],
        thanks_title=guide.acknowledgements.title,
        thanks=list(guide.acknowledgements.people),
        closing=[text(p) for p in guide.acknowledgements.closing],
        purpose=[text(p) for p in guide.purpose],
        bios=[text(a.bio) for a in guide.authors],
    )
