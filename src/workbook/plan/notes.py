"""The facilitator's notes: the facilitation advice, a run sheet per part of the agenda, and
the guide's cultural translations.

The guide's sections are handed to the renderer as the content has them (the names below
are the page types' parts)."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.language import model as cm
from workbook.language.loading import Content
from workbook.language.model import Culture, Dynamic, Facilitation, NamedText, Section
from workbook.plan.words import DIALOGUES, Words, part_of
from workbook.session.schedule import IncludedBreak, Slot, StepTime

__all__ = [
    "Culture",
    "CultureNotes",
    "Dynamic",
    "Facilitation",
    "NamedText",
    "NoteStep",
    "NotesIntro",
    "PartNotes",
    "Section",
    "build_custom_notes",
    "build_part_notes",
    "has_run_sheet",
]


@dataclass(frozen=True)
class NotesIntro:
    heading: str
    lead: str
    facilitation: cm.Facilitation


@dataclass(frozen=True)
class NoteStep:
    number: int  # 0 for the part's included break, which is no step of the guide's
    text: str
    items: list[str]
    when: str
    minutes: str = ""  # "40 min.", for the run sheet's side column
    span: str = ""  # "09.25–10.05"
    stage: int | None = None  # the stage of its dialogue the step is (1-3), with ``cue`` its name
    cue: str = ""

    @property
    def is_break(self) -> bool:
        return self.number == 0


@dataclass(frozen=True)
class PartNotes:
    label: str
    title: str
    when: str
    facts: list[tuple[str, str]]
    intro: str | None
    steps_label: str
    steps: list[NoteStep]
    outro: str | None
    tips_title: str | None
    tips: list[str]
    scaled: str | None = None  # says the steps' times were scaled to the facilitator's minutes
    dialogue: str | None = None  # the dialogue the part holds, whose colour it takes
    notes_label: str = ""  # heads the ruled room for notes the run sheet ends with
    key: str = ""  # the part's key in the agenda
    pointer: str | None = None  # where the partners' answers are, for the introductions


@dataclass(frozen=True)
class CultureNotes:
    heading: str
    culture: cm.Culture


def build_part_notes(slot: Slot, content: Content, words: Words, several_days: bool) -> PartNotes:
    part = part_of(content, slot.key)
    assert isinstance(part, cm.GuidePart)
    steps = []
    stages = _stage_steps(slot.key, content)
    pause = slot.included_break
    for text, timing in zip(part.steps, slot.steps, strict=False):
        body, items = (text.text, text.items) if isinstance(text, cm.Step) else (text, [])
        stage, cue = stages.get(timing.number, (None, ""))
        steps.append(NoteStep(timing.number, body, items, *_when(timing, words), stage, cue))
        if pause and pause.after == timing.number:  # the guide's "(inkl. pause)", on the clock
            steps.append(NoteStep(0, words.ui("notes.included_break"), [], *_when(pause, words)))
    when = words.span(slot.start, slot.end)
    if several_days:
        when = words.ui("agenda.day", date=words.date(slot.start.date()), time=when)
    duration = words.duration(slot.minutes)
    scaled = None
    if slot.rescaled and slot.guide_minutes:
        guide = words.duration(slot.guide_minutes)
        timed = any(step.minutes for step in slot.steps)
        key = "notes.scaled" if timed else "notes.changed"
        scaled = words.ui(key, minutes=duration, guide=guide)
        duration = words.ui("notes.duration_changed", minutes=duration, guide=guide)
    return PartNotes(
        label=part.label or "",
        title=part.title,
        when=when,
        scaled=scaled,
        facts=[
            (words.ui("notes.duration"), duration),
            (words.ui("notes.purpose"), part.purpose),
            (words.ui("notes.materials"), part.materials),
        ],
        intro=part.intro,
        steps_label=words.ui("notes.steps"),
        steps=steps,
        outro=part.outro,
        tips_title=part.tips_title,
        tips=part.tips,
        key=slot.key,
        dialogue=slot.key if slot.key in DIALOGUES else None,
        notes_label=words.ui("notes.area"),
    )


def has_run_sheet(slot: Slot) -> bool:
    """A part of one's own gets a run sheet once it says more than its title and minutes."""
    return slot.custom is not None and slot.custom.has_run_sheet


def build_custom_notes(slot: Slot, content: Content, words: Words, several_days: bool) -> PartNotes:
    """A part of one's own as a run sheet like the guide's parts: its purpose and materials,
    then its steps on the clock, each with its own minutes."""
    own = slot.custom
    assert own is not None
    steps = []
    for step, timing in zip(own.steps, slot.steps, strict=True):
        when = minutes = span = ""
        if timing.minutes:
            minutes = words.ui("notes.step_minutes", minutes=timing.minutes)
            span = words.span(timing.start, timing.end)
            when = f"{minutes} · {span}"
        steps.append(NoteStep(timing.number, step.text, [], when, minutes, span))
    when = words.span(slot.start, slot.end)
    if several_days:
        when = words.ui("agenda.day", date=words.date(slot.start.date()), time=when)
    facts = [(words.ui("notes.duration"), words.duration(slot.minutes))]
    facts += [(words.ui("notes.purpose"), own.purpose)] if own.purpose else []
    facts += [(words.ui("notes.materials"), own.materials)] if own.materials else []
    return PartNotes(
        label=words.ui("notes.own_part"),
        title=own.title,
        when=when,
        facts=facts,
        intro=None,
        steps_label=words.ui("notes.steps"),
        steps=steps,
        outro=None,
        tips_title=None,
        tips=[],
        notes_label=words.ui("notes.area"),
    )


def _when(timing: StepTime | IncludedBreak, words: Words) -> tuple[str, str, str]:
    """A step's minutes and clock times, as one text and each alone (the run sheet's side
    column), or nothing for a step the guide gives no time of its own."""
    if not timing.minutes:
        return "", "", ""
    minutes = words.ui("notes.step_minutes", minutes=timing.minutes)
    span = words.span(timing.start, timing.end)
    return f"{minutes} · {span}", minutes, span


# The steps of a dialogue's part that are its three stages (1-based, as in
# content/timing.yaml): the individual circle, the joint analysis, the joint reflection.
STAGE_STEPS = {2: 1, 4: 2, 5: 3}


def _stage_steps(key: str, content: Content) -> dict[int, tuple[int, str]]:
    """Step number -> (stage number, stage name), for a dialogue's part; else empty."""
    if key not in DIALOGUES:
        return {}
    stages = content.process.stages
    names = (stages.individual, stages.analysis, stages.reflection)
    return {step: (stage, names[stage - 1]) for step, stage in STAGE_STEPS.items()}
