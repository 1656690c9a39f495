"""The guide's own passages for the facilitator, printed where they are needed: the process
model's introduction with its three dialogues (beside the figure), the whole session as
the guide plans it (before the agenda), and the advice on the invitation (in the planning
section, beside the letters' deadline).

A facilitator who works from the pack instead of the guide must not lose them."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.language import model as cm
from workbook.language.loading import Content
from workbook.plan.checklist import deadline
from workbook.plan.words import DIALOGUES, Words
from workbook.session.schedule import Schedule


@dataclass(frozen=True)
class DialogueText:
    heading: str  # "Dialog 1: Hvad bliver vi partnere om?"
    text: str


@dataclass(frozen=True)
class ProcessText:
    """The guide's introduction to the process model and what each dialogue is about."""

    heading: str
    subheading: str
    paragraphs: list[str]
    dialogues: list[DialogueText]


@dataclass(frozen=True)
class OutlineRow:
    number: str
    title: str
    minutes: str  # the guide's time for the part


@dataclass(frozen=True)
class WholeSession:
    """The session as the guide plans it: its seven parts, purpose, length and materials."""

    heading: str  # the agenda section's name, for the running head
    label: str
    title: str
    lead: str
    facts: list[tuple[str, str]]
    intro: list[str]
    outline_title: str
    outline: list[OutlineRow]


@dataclass(frozen=True)
class AdviceSection:
    title: str
    paragraphs: list[str]
    list_lead: str = ""
    items: list[str] | None = None


@dataclass(frozen=True)
class InvitationAdvice:
    """The guide's advice on what an invitation asks of the partners, and when it goes out."""

    title: str
    intro: list[str]
    sections: list[AdviceSection]
    letters: str  # the letters the tool writes with these questions, and by when to send them


def process_text(content: Content, words: Words) -> ProcessText:
    process = content.process
    dialogues = []
    for number, key in enumerate(DIALOGUES, 1):
        dialogue: cm.Dialogue = getattr(process.dialogues, key)
        heading = words.ui(
            "overview.dialogue_heading",
            dialogue=words.ui("overview.dialogue", number=number),
            question=dialogue.question,
        )
        dialogues.append(DialogueText(heading, words.text(dialogue.explanation)))
    return ProcessText(
        heading=content.guide.tool_name,
        subheading=words.ui("overview.introduction"),
        paragraphs=[words.text(p) for p in process.introduction],
        dialogues=dialogues,
    )


def whole_session(content: Content, words: Words) -> WholeSession:
    session = content.parts.whole_session
    timing = content.timing
    keys = [key for key in timing.default_agenda if not timing.parts[key].pause]
    lines = zip(session.outline, _padded(keys, session), strict=False)
    rows = [
        OutlineRow(
            words.ui("agenda.outline_number", number=number),
            words.text(title),
            words.duration(timing.parts[key].minutes) if key else "",
        )
        for number, (title, key) in enumerate(lines, 1)
    ]
    return WholeSession(
        heading=words.ui("sections.agenda"),
        label=session.label,
        title=session.title,
        lead=words.ui("agenda.whole_session"),
        facts=[
            (words.ui("notes.duration"), words.text(session.duration)),
            (words.ui("notes.purpose"), session.purpose),
            (words.ui("notes.materials"), session.materials),
        ],
        intro=[words.text(p) for p in session.intro],
        outline_title=words.ui("agenda.outline"),
        outline=rows,
    )


def _padded(keys: list[str], session: cm.WholeSession) -> list[str]:
    """The guide's parts for the outline's lines, in order; "" where a translation's
    outline has more lines than the guide has parts (then no time is shown)."""
    return keys + [""] * (len(session.outline) - len(keys))


def invitation_advice(content: Content, words: Words, schedule: Schedule) -> InvitationAdvice:
    invitation = content.invitation
    days = content.timing.deadlines.get("invitations")
    first = schedule.days[0].date
    by = words.date(deadline(first, days)) if days is not None else ""
    return InvitationAdvice(
        title=invitation.title,
        intro=[words.text(p) for p in invitation.intro],
        sections=[
            AdviceSection(
                invitation.resources.title,
                [words.text(invitation.resources.text)],
                invitation.resources.inspiration,
                list(invitation.resources.kinds),
            ),
            AdviceSection(
                invitation.mandate.title, [words.text(p) for p in invitation.mandate.paragraphs]
            ),
            AdviceSection(
                invitation.documentation.title,
                [words.text(invitation.documentation.text)],
                "",
                list(invitation.documentation.questions),
            ),
        ],
        letters=words.ui("planning.letters", date=by),
    )
