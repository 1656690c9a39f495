"""A planned document: its pages in order, with what the PDF says of itself (title, author,
footer, language). Every document's pages are one of the page types of this package."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

from workbook.plan.worksheets import Board, TileWords, is_board

if TYPE_CHECKING:
    from workbook.plan import room
    from workbook.plan.agenda import Agenda
    from workbook.plan.before import BeforeSession
    from workbook.plan.checklist import Checklist
    from workbook.plan.cover import Cover
    from workbook.plan.notes import CultureNotes, NotesIntro, PartNotes
    from workbook.plan.overview import Overview
    from workbook.plan.passages import ProcessText, WholeSession
    from workbook.plan.programme import Programme
    from workbook.plan.report import Report
    from workbook.plan.review import ReviewSheet
    from workbook.plan.worksheets import AnalysisBoard, CircleSheet, NextStepsBoard, ReflectionSheet


# Every page type a document's plan holds (kept as text: their modules import this one).
Page: TypeAlias = (
    "Cover | Overview | ProcessText | WholeSession | Agenda | Programme | NotesIntro | "
    "PartNotes | CultureNotes | "
    "Checklist | CircleSheet | AnalysisBoard | ReflectionSheet | NextStepsBoard | "
    "room.Credits | room.NameCard | room.SignInSheet | room.SessionRecord | Report | ReviewSheet | "
    "BeforeSession"
)


@dataclass(frozen=True)
class PackPlan:
    title: str
    footer: str
    page_label: str
    language: str
    author: str
    pages: list[Page] = field(default_factory=list)
    tiles: TileWords | None = None
    footer_date: str = ""  # the part of the footer that is never shortened
    continued: str = ""  # heads a page that continues a section: "{{ title }} (continued)"

    @property
    def boards(self) -> list[Board]:
        """The joint boards: the pages that can also be printed as posters."""
        return [page for page in self.pages if is_board(page)]
