"""The process model: the three dialogues, each in its phases, as the guide's figure shows them."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.language import model as cm
from workbook.language.loading import Content
from workbook.plan.words import DIALOGUES, Words


@dataclass(frozen=True)
class OverviewDialogue:
    key: str
    number: str
    question: str
    circle: str
    centre: str
    questions: list[str]


@dataclass(frozen=True)
class Overview:
    heading: str
    lead: str
    figure_title: str
    stages_label: str
    stages: list[str]
    dialogues: list[OverviewDialogue]


def build_overview(content: Content, words: Words) -> Overview:
    process = content.process
    dialogues = []
    for number, key in enumerate(DIALOGUES, 1):
        dialogue: cm.Dialogue = getattr(process.dialogues, key)
        dialogues.append(
            OverviewDialogue(
                key=key,
                number=words.ui("overview.dialogue", number=number),
                question=dialogue.question,
                circle=words.ui("overview.circle", circle=dialogue.circle.name),
                centre=dialogue.circle.centre,
                questions=[s.question for s in dialogue.circle.sectors],
            )
        )
    stages = process.stages
    return Overview(
        heading=words.ui("sections.overview"),
        lead=words.ui("overview.lead"),
        figure_title=words.ui("overview.figure", title=process.figure_title),
        stages_label=words.ui("overview.stages"),
        stages=[stages.individual, stages.analysis, stages.reflection],
        dialogues=dialogues,
    )
