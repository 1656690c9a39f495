"""The pack's bookmarks (the PDF outline a viewer lists beside the pages): every section,
every part's run sheet, every group of worksheets and every joint board, each at the page of
the plan it opens on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from workbook.plan import room
from workbook.plan.agenda import Agenda
from workbook.plan.before import BeforeSession
from workbook.plan.checklist import Checklist
from workbook.plan.cover import Cover
from workbook.plan.document import Mark
from workbook.plan.notes import CultureNotes, NotesIntro, PartNotes
from workbook.plan.overview import Overview
from workbook.plan.passages import ProcessText, WholeSession
from workbook.plan.review import ReviewSheet
from workbook.plan.words import Words, slot_title
from workbook.plan.worksheets import AnalysisBoard, CircleSheet, NextStepsBoard, is_board
from workbook.session.schedule import Slot

if TYPE_CHECKING:
    from workbook.plan.document import Page


def pack_outline(
    pages: Sequence[Page], parts: Sequence[Slot], words: Words, order: str = "partner"
) -> list[Mark]:
    """The bookmarks of the pack's ``pages``; ``parts``: the parts whose run sheets the
    notes hold, in their order; ``order``: how the circle sheets are grouped, by partner or
    by dialogue (``pack --order``). A section's bookmark opens at its first page, as the
    cover's contents count it."""
    content = words.content
    marks: list[Mark] = []
    opened: set[str] = set()
    circles: str | None = None  # the group the circle sheets so far belong to
    boards = False
    named = iter(parts)

    def section(index: int, key: str) -> None:
        if key not in opened:
            marks.append(Mark(index, words.ui(f"sections.{key}")))
            opened.add(key)

    for index, page in enumerate(pages):
        if isinstance(page, Cover):
            marks.append(Mark(index, page.title))
        elif isinstance(page, Overview | CultureNotes | Checklist | NotesIntro):
            section(index, SECTIONS[type(page)])
        elif isinstance(page, ProcessText):
            section(index, "overview")
            marks.append(Mark(index, page.heading, 1))
        elif isinstance(page, WholeSession):  # the guide's day, facing this session's agenda
            section(index, "agenda")
            marks.append(Mark(index, page.title, 1))
        elif isinstance(page, Agenda):
            if "agenda" in opened:
                lead = page.days[0].heading if len(page.days) == 1 else page.subheading
                marks.append(Mark(index, lead, 1))
            section(index, "agenda")
        elif isinstance(page, BeforeSession):
            marks.append(Mark(index, page.heading))
        elif isinstance(page, PartNotes):
            section(index, "notes")
            marks.append(Mark(index, slot_title(next(named), content), 1))
        elif isinstance(page, room.Credits):
            marks.append(Mark(index, page.heading))
        elif isinstance(page, ReviewSheet):  # a follow-up's review, before the circles
            section(index, "worksheets")
            marks.append(Mark(index, page.title, 1))
        elif isinstance(page, CircleSheet):
            section(index, "worksheets")
            group = page.title if order == "dialogue" or not page.partner else page.partner[0]
            if group != circles:
                marks.append(Mark(index, group, 1))
                circles = group
        elif is_board(page):
            section(index, "worksheets")
            if not boards:
                marks.append(Mark(index, words.ui("worksheets.joint"), 1))
                boards = True
            marks.append(Mark(index, _board_title(page, words), 2))
        elif isinstance(page, room.NameCard):
            if not isinstance(pages[index - 1], room.NameCard):  # the first of the cards
                marks.append(Mark(index, content.materials.print_guide.cards))
        elif isinstance(page, room.SignInSheet | room.SessionRecord):
            marks.append(Mark(index, page.title))
    return marks


SECTIONS = {
    Overview: "overview",
    NotesIntro: "notes",
    CultureNotes: "culture",
    Checklist: "planning",
}


def _board_title(page: object, words: Words) -> str:
    """A joint board as the print list names it."""
    if isinstance(page, AnalysisBoard):
        return words.ui("planning.item_analysis", question=page.question)
    if isinstance(page, NextStepsBoard):
        return words.ui("planning.item_next_steps", title=page.title)
    return words.ui("planning.item_reflection", question=page.question)  # type: ignore[attr-defined]


def subset(marks: Sequence[Mark], indices: Sequence[int]) -> list[Mark]:
    """The bookmarks of a part of the pack printed alone (``--split``): those on its pages,
    by their place in the part, each as deep as its ancestors that the part holds (the
    boards without the section whose first page is a circle sheet)."""
    places = {page: place for place, page in enumerate(indices)}
    kept: list[Mark] = []
    above: list[tuple[int, bool]] = []  # the marks a mark is under: their levels, and if kept
    for mark in marks:
        while above and above[-1][0] >= mark.level:
            above.pop()
        inside = mark.page in places
        if inside:
            depth = sum(held for _, held in above)
            kept.append(replace(mark, page=places[mark.page], level=depth))
        above.append((mark.level, inside))
    return kept
