"""The report for the partners after the session (``workbook report``): the session's facts,
the ambitions agreed, the next steps by owner and date, the documentation decisions, the
board photos and the guide's credit, every word in the session's language. Also as plain
text to paste into an e-mail.

The report records; it does not conclude on the partners' behalf: every text in it is the
record's own, as the partners wrote it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from workbook.language.loading import Content
from workbook.plan.document import PackPlan
from workbook.plan.words import DIALOGUES, Words, session_facts, session_title
from workbook.session.model import Session
from workbook.session.record import NextStep, Record
from workbook.session.schedule import Schedule


@dataclass(frozen=True)
class StepRow:
    who: str
    what: str
    when: str
    area: str  # the quadrant's title
    date: dt.date | None


@dataclass(frozen=True)
class Ambition:
    dialogue: str  # the dialogue's key: its colour and its circle
    title: str  # the reflection's title
    text: str  # the partners' words


@dataclass(frozen=True)
class ReportPhoto:
    path: str  # the photo's file, as the record's folder holds it
    label: str
    caption: str


@dataclass(frozen=True)
class Report:
    """The report's one flowing section, page after page."""

    title: str
    subtitle: str  # the session's title and dates, on one line (the text version)
    session: str  # the session's title
    dates: str
    lead: str
    facts_title: str
    facts: list[tuple[str, str]]
    ambitions_title: str
    ambitions: list[Ambition]
    steps_title: str
    columns: tuple[str, str, str, str]  # who, what, when, area
    steps: list[StepRow]
    documentation_title: str
    decisions: list[tuple[str, str]]
    photos_title: str
    photos: list[ReportPhoto]
    credit: list[str]
    empty: str


def build_report(
    session: Session,
    schedule: Schedule,
    content: Content,
    record: Record,
    folder: Path,
) -> PackPlan:
    """The report's plan; ``folder`` is where the record's photos are."""
    words = Words(content)
    title = session_title(session, words)
    materials = content.materials.record
    facts = session_facts(session, schedule, words)
    facts.append((words.ui("report.present"), ", ".join(p.name for p in session.partners)))
    if record.agreed:
        facts.append((words.ui("report.agreed"), ", ".join(record.agreed)))
    process = content.process.dialogues
    ambitions = []
    for key in DIALOGUES:
        text = record.ambitions.get(key)  # type: ignore[call-overload]
        if text:
            reflection = getattr(process, key).reflection
            heading = reflection.title or reflection.questions[0].text
            ambitions.append(Ambition(key, heading, text))
    page = Report(
        title=words.ui("report.title"),
        subtitle=f"{title} · {words.dates(schedule)}",
        session=title,
        dates=words.dates(schedule),
        lead=words.ui("report.lead"),
        facts_title=words.ui("report.facts"),
        facts=facts,
        ambitions_title=materials.ambitions,
        ambitions=ambitions,
        steps_title=words.ui("report.by_owner"),
        columns=(materials.who, materials.what, materials.when, words.ui("report.area")),
        steps=step_rows(record, content, words),
        documentation_title=materials.documentation,
        decisions=[(d.question, d.decision) for d in record.documentation],
        photos_title=words.ui("report.photos"),
        photos=[
            ReportPhoto(
                str(folder / photo.file),
                words.ui("report.photo", number=number),
                photo.caption or "",
            )
            for number, photo in enumerate(record.photos, 1)
        ],
        credit=[
            words.ui("cover.credit", guide_title=content.guide.title, authors=words.authors()),
            words.ui("cover.project"),
        ],
        empty=words.ui("report.empty"),
    )
    return PackPlan(
        title=f"{page.title}: {title}",
        footer=words.ui("pack.footer", title=title, date=words.dates(schedule)),
        page_label=content.ui.get("pack.page"),
        language=content.code,
        author=session.facilitator.name,
        pages=[page],
        footer_date=words.dates(schedule),
        continued=content.ui.get("pack.continued"),
    )


def step_rows(record: Record, content: Content, words: Words) -> list[StepRow]:
    """Every next step, by owner, then by date (dated first, in order), then as written."""
    areas = {q.key: q.title for q in content.next_steps.quadrants}
    rows = [
        StepRow(step.who, step.what, _when(step, words), areas.get(key, key), step.date)
        for key, step in record.steps()
    ]
    return sorted(rows, key=lambda r: (r.who.casefold(), r.date is None, r.date or dt.date.min))


def _when(step: NextStep, words: Words) -> str:
    if step.date is not None:
        return words.date(step.date)
    return str(step.when) if step.when else words.ui("report.no_date")


def report_text(plan: PackPlan) -> str:
    """The report as plain text, to paste into an e-mail: the same words, no photos."""
    page = plan.pages[0]
    assert isinstance(page, Report)
    lines = [page.title, page.subtitle, "", page.lead, "", _heading(page.facts_title)]
    lines += [f"{label}: {value}" for label, value in page.facts]
    lines += ["", _heading(page.ambitions_title)]
    for ambition in page.ambitions:
        lines += [ambition.title, ambition.text, ""]
    if not page.ambitions:
        lines += [page.empty, ""]
    lines.append(_heading(page.steps_title))
    _, _, when, area = page.columns
    for row in page.steps:
        lines.append(f"- {row.who}: {row.what} ({when}: {row.when}; {area}: {row.area})")
    if not page.steps:
        lines.append(page.empty)
    lines += ["", _heading(page.documentation_title)]
    for question, decision in page.decisions:
        lines += [question, decision, ""]
    if not page.decisions:
        lines += [page.empty, ""]
    lines += [" ".join(page.credit)]
    return "\n".join(lines).rstrip() + "\n"


def _heading(text: str) -> str:
    return f"{text}\n{'-' * len(text)}"
