"""The partners' answers where the facilitator needs them: the booklet's "Before the session"
page, a pointer to it in the introductions' notes, each partner's resources faintly on their
contribution circle, and on the record what they asked for the documentation.

The answers are the replies file's (``workbook collect``); without one, none of this is in
the pack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from workbook.language.loading import Content
from workbook.plan.notes import PartNotes
from workbook.plan.room import SessionRecord
from workbook.plan.words import Words
from workbook.plan.worksheets import CircleSheet
from workbook.session.model import Session
from workbook.session.replies import Replies, Reply, matched, reply_by

if TYPE_CHECKING:
    from workbook.plan.document import Page

# The sector of the contribution circle a partner's resources go in (process.yaml's key).
RESOURCES_SECTOR = "resources"
LEAVE_OUT = "circle_resources"  # in ``leave_out:``, keeps the circles blank


@dataclass(frozen=True)
class Answered:
    """One partner's answers, labelled for the page."""

    name: str
    organisation: str
    status: str  # will come, cannot come, did not say
    attending: bool | None
    answers: list[tuple[str, str]]  # (what was asked, what they answered), in the letter's order


@dataclass(frozen=True)
class BeforeSession:
    heading: str
    lead: str
    summary: str
    answered: list[Answered]
    waiting_title: str
    waiting: list[tuple[str, str]]  # name, organisation of those who have not replied
    everyone: str  # said instead of the list when everyone has replied


def build_before(
    session: Session, content: Content, words: Words, replies: Replies
) -> BeforeSession:
    found, _ = matched(replies, session)
    answered = [
        _answered(reply, content, words) for _, reply in sorted(found.items(), key=lambda i: i[0])
    ]
    coming = sum(1 for a in answered if a.attending)
    declined = sum(1 for a in answered if a.attending is False)
    waiting = [(p.name, p.organisation) for i, p in enumerate(session.partners) if i not in found]
    by = words.date(reply_by(session, content.timing.deadlines))
    return BeforeSession(
        heading=words.ui("before.heading"),
        lead=words.ui("before.lead"),
        summary=words.ui(
            "before.summary",
            replied=len(answered),
            invited=len(session.partners),
            coming=coming,
            declined=declined,
            silent=len(answered) - coming - declined,
            date=by,
        ),
        answered=answered,
        waiting_title=words.ui("before.waiting"),
        waiting=waiting,
        everyone=words.ui("before.everyone"),
    )


def _answered(reply: Reply, content: Content, words: Words) -> Answered:
    status = {True: "before.coming", False: "before.not_coming", None: "before.unsaid"}
    letter = content.invitation.letter
    answers: list[tuple[str, str]] = []
    resources = resources_text(reply, lines=True)
    if resources:
        answers.append((content.invitation.resources.title, resources))
    for question, answer in zip(letter.mandate.answers, reply.mandate, strict=False):
        if answer:
            answers.append((question, answer))
    questions = content.invitation.documentation.questions
    for question, answer in zip(questions, reply.documentation, strict=False):
        if answer:
            answers.append((question, answer))
    if reply.catering:
        answers.append((words.ui("letter.catering"), reply.catering))
    return Answered(
        name=reply.partner,
        organisation=reply.organisation,
        status=words.ui(status[reply.attending]),
        attending=reply.attending,
        answers=answers,
    )


def resources_text(reply: Reply, lines: bool = False) -> str:
    """The resources a partner ticked and wrote, as one text: the kinds ticked, then what
    they wrote, on lines of their own (``lines``) or run together (on a circle)."""
    kinds = [*reply.resources, *([reply.resources_other] if reply.resources_other else [])]
    parts = [", ".join(kinds)] if kinds else []
    if reply.resources_text:
        parts.append(reply.resources_text)
    if lines:
        return "\n".join(parts)
    return " – ".join(part.replace("\n", " ") for part in parts)


def with_answers(
    pages: Sequence[Page], session: Session, content: Content, words: Words, replies: Replies
) -> list[Page]:
    """The pack's pages with the answers put where they are needed (see the module)."""
    found, _ = matched(replies, session)
    by_name = {
        (session.partners[i].name, session.partners[i].organisation): r for i, r in found.items()
    }
    pointer = words.ui("before.pointer")
    on_circles = LEAVE_OUT not in session.leave_out
    heading = words.ui("before.circle")
    asked_title = words.ui("before.record")
    out: list[Page] = []
    for page in pages:
        if isinstance(page, PartNotes) and page.key == "introductions":
            page = replace(page, pointer=pointer)
        elif (
            isinstance(page, CircleSheet)
            and on_circles
            and page.dialogue == "contribution"
            and page.partner is not None
            and page.note is None
        ):
            reply = by_name.get(page.partner)
            text = resources_text(reply) if reply is not None else ""
            sector = next(
                (i for i, key in enumerate(page.sector_keys) if key == RESOURCES_SECTOR), None
            )
            if text and sector is not None:
                page = replace(page, answers=(sector, heading, text))
        elif isinstance(page, SessionRecord):
            page = replace(page, asked_title=asked_title, asked=_asked(found, content))
        out.append(page)
    return out


def _asked(found: dict[int, Reply], content: Content) -> list[tuple[str, list[str]]]:
    """What each partner asked for the documentation: a question and its answer per line."""
    questions = content.invitation.documentation.questions
    asked = []
    for _, reply in sorted(found.items(), key=lambda i: i[0]):
        lines = [
            f"{question} {answer}"
            for question, answer in zip(questions, reply.documentation, strict=False)
            if answer
        ]
        if lines:
            asked.append((reply.partner, lines))
    return asked
