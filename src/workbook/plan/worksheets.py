"""The worksheets: each partner's circles, and the joint boards (analysis, reflection, next
steps) that are also printed as posters."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypeGuard

from workbook.language import model as cm
from workbook.language.loading import Content
from workbook.plan.words import DIALOGUES, Words, capital
from workbook.session.model import Partner, Session
from workbook.session.schedule import Schedule


@dataclass(frozen=True)
class CircleSheet:
    dialogue: str
    stage: str
    question: str
    title: str
    centre: str
    opening: str | None
    sectors: list[tuple[str, str]]
    name_label: str
    organisation_label: str
    partner: tuple[str, str] | None
    note: str | None = None
    instruction: str | None = None  # what to do, alone or together, and for how long
    sector_keys: tuple[str, ...] = ()  # the sectors' keys, in the order of ``sectors``
    # the partner's own answers from their letter, drawn faintly in a sector as a start:
    # (the sector's index, a heading, the text)
    answers: tuple[int, str, str] | None = None


@dataclass(frozen=True)
class AnalysisBoard:
    dialogue: str
    stage: str
    question: str
    note: str
    categories: list[tuple[str, str]]
    instruction: str | None = None
    apart: str | None = None  # printed a field per poster of this size (see ``pieces``)
    piece: int | None = None  # the one field this page shows (0-based), when apart

    @property
    def key(self) -> str:
        """Names the board the same way in the print list, the capacities and the pages."""
        return f"analysis:{self.dialogue}"

    @property
    def field_count(self) -> int:
        return len(self.categories)

    def pieces(self) -> list[AnalysisBoard]:
        """The board a field per poster: for a group no poster holds whole."""
        return [replace(self, piece=index) for index in range(self.field_count)]

    @property
    def poster_title(self) -> str:
        return self.question


@dataclass(frozen=True)
class ReflectionSheet:
    dialogue: str
    stage: str
    question: str
    title: str | None
    fields: list[str]
    questions: list[str]
    instruction: str | None = None
    apart: str | None = None
    piece: int | None = None

    @property
    def key(self) -> str:
        return f"reflection:{self.dialogue}"

    @property
    def field_count(self) -> int:
        return len(self.fields) + len(self.questions)

    def pieces(self) -> list[ReflectionSheet]:
        return [replace(self, piece=index) for index in range(self.field_count)]

    @property
    def poster_title(self) -> str:
        return self.title or self.question


@dataclass(frozen=True)
class NextStepsBoard:
    stage: str
    title: str
    quadrants: list[cm.Quadrant]
    instruction: str | None = None
    apart: str | None = None
    piece: int | None = None

    @property
    def key(self) -> str:
        return "next_steps"

    @property
    def field_count(self) -> int:
        return len(self.quadrants)

    def pieces(self) -> list[NextStepsBoard]:
        return [replace(self, piece=index) for index in range(self.field_count)]

    @property
    def poster_title(self) -> str:
        return self.title


Board = AnalysisBoard | ReflectionSheet | NextStepsBoard  # the joint boards, also posters


def is_board(page: object) -> TypeGuard[Board]:
    return isinstance(page, AnalysisBoard | ReflectionSheet | NextStepsBoard)


@dataclass(frozen=True)
class TileWords:
    """Labels for a poster split across office sheets; filled in per sheet when drawn."""

    label: str
    cut: str
    glue: str
    overview: str
    how: str
    sheet: str
    names: dict[str, str]  # sheet and poster sizes by key: a4 -> "A4"
    legend: tuple[str, str, str] = ("", "", "")  # what the cut line, glue strip, number mean
    piece: str = ""  # names a poster holding one field of a board: "{{ board }} · field 1 of 4"


def tile_words(content: Content, words: Words) -> TileWords:
    ui = content.ui
    return TileWords(
        label=ui.get("tiles.label"),
        cut=words.ui("tiles.cut"),
        glue=words.ui("tiles.glue"),
        overview=ui.get("tiles.overview"),
        how=content.materials.tiles.how,
        legend=(
            content.materials.tiles.cut,
            content.materials.tiles.glue,
            content.materials.tiles.number,
        ),
        sheet=ui.get("tiles.sheet"),
        piece=ui.get("tiles.piece"),
        names={key: words.ui(f"paper.{key}") for key in ui.root["paper"]},
    )


# The step of each part whose text a worksheet's instruction follows (1-based, as in
# content/timing.yaml): the individual circle, the joint analysis, the joint reflection.
_SHEET_STEPS = {"circle": 2, "analysis": 4, "reflection": 5, "next_steps": 2}


def _step_minutes(schedule: Schedule, part: str, sheet: str, words: Words) -> str:
    """The time the chosen agenda gives the step a worksheet is used in, as words."""
    number = _SHEET_STEPS[sheet]
    for slot in schedule.slots:
        if slot.key == part and len(slot.steps) >= number:
            return words.duration(slot.steps[number - 1].minutes or 0)
    return ""


def sheet_at_step(part: str, step: int | None) -> str | None:
    """The worksheet the partners work on in a part's step (the run view's room clock)."""
    if part == "next_steps":
        return "next_steps" if step == _SHEET_STEPS["next_steps"] else None
    if part not in DIALOGUES:
        return None
    return next((s for s, n in _SHEET_STEPS.items() if n == step and s != "next_steps"), None)


def sheet_instruction(content: Content, words: Words, sheet: str, key: str, minutes: str) -> str:
    """A worksheet's instruction with the minutes the step has now (the run view's room)."""
    return _instruction(Schedule(()), content, words, sheet, key, minutes)


def _instruction(
    schedule: Schedule,
    content: Content,
    words: Words,
    sheet: str,
    key: str,
    minutes: str | None = None,
) -> str:
    """A worksheet's instruction; ``minutes`` the step's time in words, where it is not
    the schedule's (the run view's, as the day re-plans)."""
    texts = content.materials.instructions
    source = getattr(texts, sheet) if sheet == "next_steps" else getattr(getattr(texts, sheet), key)
    part = "next_steps" if sheet == "next_steps" else key
    if minutes is None:
        minutes = _step_minutes(schedule, part, sheet, words)
    context: dict[str, object] = {"minutes": minutes}
    if key in DIALOGUES:
        dialogue: cm.Dialogue = getattr(content.process.dialogues, key)
        names = [c.name for c in dialogue.analysis.categories]
        context |= {
            "opening": dialogue.circle.opening or "",
            "common": names[0],
            "differences": names[1 % len(names)],
        }
    return words.fill(source, **context)


def build_worksheets(
    session: Session, schedule: Schedule, content: Content, words: Words, order: str = "partner"
) -> list[CircleSheet | Board]:
    """Every partner's circles (partner by partner, or dialogue by dialogue), then the
    joint boards."""
    process = content.process
    stages = process.stages
    chosen = [key for key in DIALOGUES if schedule.includes(key)]
    pages: list[CircleSheet | Board] = []
    circles = {key: _instruction(schedule, content, words, "circle", key) for key in chosen}
    for partner in session.partners:
        for key in chosen:
            dialogue: cm.Dialogue = getattr(process.dialogues, key)
            sheet = _circle(key, dialogue, stages.individual, words, partner)
            sheet = replace(sheet, instruction=circles[key])
            pages.append(sheet)
            if key == "ambition":
                extra = _circle(key, dialogue, stages.individual, words, partner, extra=True)
                pages.append(replace(extra, instruction=circles[key]))
    if order == "dialogue":  # every partner's first circle, then every partner's second, ...
        pages.sort(key=lambda page: DIALOGUES.index(page.dialogue))  # type: ignore[union-attr]
    return pages + joint_boards(schedule, content, words)


def joint_boards(schedule: Schedule, content: Content, words: Words) -> list[Board]:
    """The boards the agenda's dialogues and next steps are worked on together."""
    stages = content.process.stages
    chosen = [key for key in DIALOGUES if schedule.includes(key)]
    pages: list[Board] = []
    for key in chosen:
        dialogue: cm.Dialogue = getattr(content.process.dialogues, key)
        pages.append(
            AnalysisBoard(
                dialogue=key,
                stage=stages.analysis,
                question=dialogue.question,
                note=words.ui("worksheets.post_its"),
                categories=[(c.name, c.definition) for c in dialogue.analysis.categories],
                instruction=_instruction(schedule, content, words, "analysis", key),
            )
        )
    for key in chosen:
        dialogue = getattr(content.process.dialogues, key)
        reflection = dialogue.reflection
        pages.append(
            ReflectionSheet(
                dialogue=key,
                stage=stages.reflection,
                question=dialogue.question,
                title=reflection.title,
                fields=[f.label for f in reflection.fields],
                questions=[q.text for q in reflection.questions],
                instruction=_instruction(schedule, content, words, "reflection", key),
            )
        )
    if schedule.includes("next_steps"):
        next_steps = content.next_steps
        pages.append(
            NextStepsBoard(
                stage=words.ui("worksheets.joint"),
                title=next_steps.title,
                quadrants=next_steps.quadrants,
                instruction=_instruction(schedule, content, words, "next_steps", "next_steps"),
            )
        )
    return pages


def _circle(
    key: str,
    dialogue: cm.Dialogue,
    stage: str,
    words: Words,
    partner: Partner,
    extra: bool = False,
) -> CircleSheet:
    circle = dialogue.circle
    sectors = [(s.name, s.prompt) for s in circle.sectors]
    return CircleSheet(
        dialogue=key,
        stage=stage,
        question=dialogue.question,
        title=capital(circle.name),
        centre=circle.centre,
        opening=circle.opening,
        sectors=sectors,
        name_label=words.ui("worksheets.name"),
        organisation_label=words.ui("worksheets.organisation"),
        partner=(partner.name, partner.organisation),
        note=words.ui("worksheets.extra_circle") if extra else None,
        sector_keys=tuple(s.key for s in circle.sectors),
    )
