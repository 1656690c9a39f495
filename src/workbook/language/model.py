"""The shape of a language folder: every file, every key, checked the same way for every language.

A translator's typo must not pass silently, so unknown keys are errors here too. Keys
whose text the guide itself lacks for some entries (a circle without an opening line,
a reflection sheet without a title) are the only optional ones.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Paragraphs = list[Text]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Section(_Strict):
    title: Text
    paragraphs: Paragraphs


# guide.yaml


class Author(_Strict):
    name: Text
    position: Text
    email: Text
    bio: Text


class Acknowledgements(_Strict):
    title: Text
    people: list[Text]
    closing: Paragraphs


class Guide(_Strict):
    title: Text
    tool_name: Text
    purpose: Paragraphs
    project: Paragraphs
    authors: list[Author] = Field(min_length=1)
    acknowledgements: Acknowledgements


# process.yaml


class Sector(_Strict):
    key: Text
    name: Text
    question: Text
    worksheet_question: Text | None = None
    description: Text | None = None

    @property
    def prompt(self) -> str:
        """The wording printed on the worksheet (Fig. 1 and the worksheet differ once)."""
        return self.worksheet_question or self.question


class Circle(_Strict):
    name: Text
    centre: Text
    opening: Text | None = None
    sectors: list[Sector] = Field(min_length=4, max_length=4)


class Category(_Strict):
    key: Text
    name: Text
    definition: Text
    long_name: Text | None = None


class Analysis(_Strict):
    categories: list[Category] = Field(min_length=1)


class WriteInField(_Strict):
    key: Text
    label: Text


class Question(_Strict):
    key: Text
    text: Text


class Reflection(_Strict):
    title: Text | None = None
    fields: list[WriteInField]
    questions: list[Question]


class Dialogue(_Strict):
    question: Text
    explanation: Text
    circle: Circle
    analysis: Analysis
    reflection: Reflection


class Stages(_Strict):
    individual: Text
    analysis: Text
    reflection: Text


class Dialogues(_Strict):
    ambition: Dialogue
    contribution: Dialogue
    scaling: Dialogue


class Process(_Strict):
    figure_title: Text
    introduction: Paragraphs
    stages: Stages
    dialogues: Dialogues


# next_steps.yaml


class Quadrant(_Strict):
    key: Text
    title: Text
    question: Text
    prompts: list[Text]
    description: Text


class NextSteps(_Strict):
    title: Text
    quadrants: list[Quadrant] = Field(min_length=4, max_length=4)


# parts.yaml


class Step(_Strict):
    text: Text
    items: list[Text] = Field(min_length=1)


class GuidePart(_Strict):
    label: Text | None = None
    title: Text
    short_title: Text
    purpose: Text
    materials: Text
    intro: Text | None = None
    steps: list[Text | Step] = Field(min_length=1)
    outro: Text | None = None
    tips_title: Text | None = None
    tips: list[Text] = []


class Pause(_Strict):
    short_title: Text


class WholeSession(_Strict):
    label: Text
    title: Text
    duration: Text
    purpose: Text
    materials: Text
    intro: Paragraphs
    outline: list[Text]


class PartsContent(_Strict):
    opening: GuidePart
    introductions: GuidePart
    ambition: GuidePart
    contribution: GuidePart
    scaling: GuidePart
    next_steps: GuidePart
    closing: GuidePart
    lunch: Pause
    break_: Pause = Field(alias="break")


class Parts(_Strict):
    whole_session: WholeSession
    parts: PartsContent


# facilitation.yaml


class Aspect(_Strict):
    key: Text
    name: Text
    text: Text


class Hosting(_Strict):
    title: Text
    intro: Text
    aspects: list[Aspect]


class TitledText(_Strict):
    title: Text
    text: Text


class KeepTrack(_Strict):
    title: Text
    intro: Text
    process: TitledText
    cultural: TitledText


class Facilitation(_Strict):
    introduction: Section
    who_for: Section
    culture_focus: Section
    role: Section
    hosting: Hosting
    keep_track: KeepTrack


# culture.yaml


class NamedText(_Strict):
    key: Text | None = None
    name: Text | None = None
    text: Text


class Technique(_Strict):
    title: Text
    paragraphs: Paragraphs
    items: list[NamedText] = []
    subsections: list[Section] = []


class Consider(_Strict):
    title: Text
    intro: Text
    items: list[NamedText]


class Dynamic(_Strict):
    title: Text
    question: Text
    summary: Text
    paragraphs: Paragraphs
    technique: Technique
    consider: Consider


class Dynamics(_Strict):
    roles: Dynamic
    good: Dynamic
    change: Dynamic


class Culture(_Strict):
    title: Text
    intro: Paragraphs
    agreement: Section
    dynamics: Dynamics


# planning.yaml


class ChecklistGroup(_Strict):
    key: Text
    title: Text
    items: list[Text]


class Planning(_Strict):
    title: Text
    intro: Text
    groups: list[ChecklistGroup] = Field(min_length=1)


# invitation.yaml


class Resources(_Strict):
    title: Text
    text: Text
    inspiration: Text
    kinds: list[Text]


class Documentation(_Strict):
    title: Text
    text: Text
    questions: list[Text]


class LetterResources(_Strict):
    ask: Text
    other: Text
    answer: Text


class LetterMandate(_Strict):
    ask: Text
    answers: list[Text] = Field(min_length=1)


class LetterDocumentation(_Strict):
    ask: Text


class Letter(_Strict):
    """The guide's invitation prompts put to the partner, for the letter each one receives."""

    partnership: Paragraphs
    preparation: Text
    resources: LetterResources
    mandate: LetterMandate
    documentation: LetterDocumentation


class Invitation(_Strict):
    title: Text
    intro: Paragraphs
    resources: Resources
    mandate: Section
    documentation: Documentation
    letter: Letter


# materials.yaml: the words on the materials for the day (instructions, cards, sign-in
# sheet, record, credits) and the print guide.


class ByDialogue(_Strict):
    ambition: Text
    contribution: Text
    scaling: Text


class Instructions(_Strict):
    """What to do on each worksheet, from the guide's step texts; ``{{ minutes }}`` is the
    step's time in the chosen agenda."""

    circle: ByDialogue
    analysis: ByDialogue
    reflection: ByDialogue
    next_steps: Text


class Cards(_Strict):
    title: Text
    fold: Text
    facilitator: Text


class SignIn(_Strict):
    title: Text
    lead: Text
    name: Text
    organisation: Text
    signature: Text
    photos: Text
    extra: Text


class Record(_Strict):
    title: Text
    lead: Text
    ambitions: Text
    next_steps: Text
    who: Text
    what: Text
    when: Text
    documentation: Text
    documentation_lead: Text
    signed: Text
    others: Text


class Credits(_Strict):
    heading: Text
    lead: Text
    project: Text
    authors: Text


class SplitFiles(_Strict):
    booklet: Text
    handouts: Text
    boards: Text
    cards: Text
    room: Text


class PrintGuide(_Strict):
    title: Text
    lead: Text
    item: Text
    pages: Text
    copies: Text
    paper: Text
    sides: Text
    file: Text
    page_range: Text
    page_one: Text
    one_sided: Text
    two_sided: Text
    folded: Text
    booklet: Text
    handouts: Text
    agenda: Text
    boards: Text
    miniatures: Text
    cards: Text
    sign_in: Text
    record: Text
    warning: Text
    tile_hint: Text
    capacity_title: Text
    capacity_board_label: Text
    capacity_smallest: Text
    capacity_board: Text
    total: Text
    files: SplitFiles


class Tiles(_Strict):
    """The overview's instruction and its legend of the marks on every sheet."""

    how: Text
    cut: Text
    glue: Text
    number: Text


class Materials(_Strict):
    instructions: Instructions
    cards: Cards
    sign_in: SignIn
    record: Record
    credits: Credits
    print_guide: PrintGuide
    tiles: Tiles


# ui.yaml: the tool's own words around the guide's (headings, labels, footers).


class UI(RootModel[dict[str, dict[str, Text]]]):
    """Grouped labels, looked up as ``group.name``; the reference language defines the set."""

    def get(self, dotted: str) -> str:
        group, _, name = dotted.partition(".")
        return self.root[group][name]
