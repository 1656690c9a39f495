"""The cover: the session's title and facts, the partners, the contents and the guide's credit."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbook.language.loading import Content
from workbook.plan.words import DIALOGUES, Words, affiliation, session_facts, session_title
from workbook.session.model import Session
from workbook.session.schedule import Schedule

# the pack's sections as the cover's contents lists them
CONTENTS = ("overview", "agenda", "notes", "culture", "planning", "worksheets")


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    facts: list[tuple[str, str]]
    partners_label: str
    partners: list[tuple[str, str]]
    contents_label: str
    contents: list[str]
    credit: str
    project: str
    organisations: list[str] = field(default_factory=list)  # per partner, for a compact list
    contents_keys: list[str] = field(default_factory=list)  # the sections ``contents`` names
    partners_apart: str = ""  # said on the cover when the list has a page of its own
    # the guide's three dialogues, drawn as its circles: (key, "Dialogue 1", question)
    dialogues: list[tuple[str, str, str]] = field(default_factory=list)


def build_cover(session: Session, schedule: Schedule, content: Content, words: Words) -> Cover:
    facts = session_facts(session, schedule, words)
    guide = content.guide
    return Cover(
        title=session_title(session, words),
        subtitle=words.ui("pack.subtitle"),
        facts=facts,
        partners_label=words.ui("cover.partners"),
        partners=[(p.name, affiliation(p)) for p in session.partners],
        organisations=[p.organisation for p in session.partners],
        contents_label=words.ui("cover.contents"),
        contents=[words.ui(f"sections.{key}") for key in CONTENTS],
        contents_keys=list(CONTENTS),
        credit=words.ui(
            "cover.credit",
            guide_title=guide.title,
            authors=words.authors(),
        ),
        project=words.ui("cover.project"),
        partners_apart=words.ui("cover.partners_apart", count=len(session.partners)),
        dialogues=[
            (key, words.ui("overview.dialogue", number=number), dialogue.question)
            for number, key in enumerate(DIALOGUES, 1)
            if (dialogue := getattr(content.process.dialogues, key))
        ],
    )
