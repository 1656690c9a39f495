"""The print pack: each page of the plan handed to the renderer for its kind."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import IO, Any

from workbook.plan.agenda import Agenda
from workbook.plan.before import BeforeSession
from workbook.plan.checklist import Checklist
from workbook.plan.cover import Cover
from workbook.plan.document import PackPlan
from workbook.plan.notes import CultureNotes, NotesIntro, PartNotes
from workbook.plan.overview import Overview
from workbook.plan.passages import ProcessText, WholeSession
from workbook.plan.programme import Programme
from workbook.plan.report import Report
from workbook.plan.review import ReviewSheet
from workbook.plan.room import Credits, NameCard, SessionRecord, SignInSheet
from workbook.plan.worksheets import AnalysisBoard, CircleSheet, NextStepsBoard, ReflectionSheet
from workbook.render.contents import DefineLate, DefineNumbers
from workbook.render.document import PORTRAIT, Block, ChapterMark, Context, build_pdf
from workbook.render.fitting import room_left
from workbook.render.pages import (
    agenda,
    before,
    boards,
    checklist,
    circle,
    cover,
    notes,
    overview,
    passages,
    room,
)
from workbook.render.pages.report import render_report
from workbook.render.pages.review import render_review

RENDERERS: dict[type, Callable[[Any, Context], Block]] = {
    Cover: cover.render,
    Overview: overview.render,
    ProcessText: passages.render_process_text,
    WholeSession: passages.render_whole_session,
    Agenda: agenda.render,
    Programme: agenda.render_programme,
    NotesIntro: notes.render_intro,
    PartNotes: notes.render_part,
    CultureNotes: notes.render_culture,
    Checklist: checklist.render,
    CircleSheet: circle.render,
    AnalysisBoard: boards.render_analysis,
    ReflectionSheet: boards.render_reflection,
    NextStepsBoard: boards.render_next_steps,
    Credits: room.render_credits,
    NameCard: room.render_card,
    SignInSheet: room.render_sign_in,
    SessionRecord: room.render_record,
    BeforeSession: before.render,
    Report: render_report,
    ReviewSheet: render_review,
}


# the contents' section each page kind belongs to (see plan.CONTENTS)
SECTIONS: dict[type, str] = {
    Overview: "overview",
    ProcessText: "overview",
    WholeSession: "agenda",
    Agenda: "agenda",
    NotesIntro: "notes",
    PartNotes: "notes",
    CultureNotes: "culture",
    Checklist: "planning",
    CircleSheet: "worksheets",
    AnalysisBoard: "worksheets",
    ReflectionSheet: "worksheets",
    NextStepsBoard: "worksheets",
    ReviewSheet: "worksheets",
}


def contents_numbers(plan: PackPlan, starts: list[int]) -> dict[str, int]:
    """The page each section of the contents starts on, from where each page of the plan
    starts (``render_pack`` gives those)."""
    numbers: dict[str, int] = {}
    for page, start in zip(plan.pages, starts, strict=False):
        key = SECTIONS.get(type(page))
        if key:
            numbers.setdefault(key, start)
    return numbers


def page_count(plan: PackPlan, context: Context) -> int:
    """The pages ``plan`` renders to: a single portrait page whose flowables fit it is
    known from placing them alone (what most participants' agendas are), anything else
    is laid out for real."""
    if len(plan.pages) == 1:
        block = RENDERERS[type(plan.pages[0])](plan.pages[0], context)
        if block.orientation == PORTRAIT and room_left(block.flowables, context.layout) is not None:
            return 1
    return render_pack(plan, context, io.BytesIO())


def _with_chapters(plan: PackPlan, blocks: list[Block]) -> list[Block]:
    """Each block that starts a chapter of the contents marked with the chapter's name, for
    the running heads (the names are the cover's contents; a part printed alone without the
    cover has none)."""
    names = {
        key: name
        for page in plan.pages
        if isinstance(page, Cover)
        for key, name in zip(page.contents_keys, page.contents, strict=False)
    }
    current: str | None = None
    marked = []
    for page, block in zip(plan.pages, blocks, strict=True):
        chapter = names.get(SECTIONS.get(type(page), ""))
        if chapter != current:
            block = Block(block.orientation, [ChapterMark(chapter), *block.flowables])
            current = chapter
        marked.append(block)
    return marked


def render_pack(
    plan: PackPlan,
    context: Context,
    out: IO[bytes],
    starts: list[int] | None = None,
    contents: dict[str, int] | None = None,
    late: Callable[[list[int], int], dict[str, str]] | None = None,
    numbers: Sequence[int] | None = None,
) -> int:
    """Render the plan's pages; ``starts``, if given, receives the page where each page of
    the plan starts. Returns the number of pages.

    The numbers no page knows while it is drawn come at the end of the build, from where
    each page of the plan started: the cover's contents, unless ``contents`` fixes them,
    and the print guide's page ranges and sheets, from ``late(starts, pages)`` (the
    caller's: its texts by the keys the checklist draws), else from the plan's own print
    guide. A part of the pack printed alone (``--split``) passes both from the whole pack,
    and ``numbers``: the pack's number of each of its pages, which they carry."""
    placed: list[int] = [] if starts is None else starts
    blocks = _with_chapters(plan, [RENDERERS[type(page)](page, context) for page in plan.pages])
    if blocks:

        def sections() -> dict[str, int]:
            return dict(contents) if contents is not None else contents_numbers(plan, placed)

        def texts(pages: int) -> dict[str, str]:
            if late is not None:
                return late(placed, pages)
            guide = next((page for page in plan.pages if isinstance(page, Checklist)), None)
            return checklist.late_texts(guide) if guide else {}

        keys = [k for page in plan.pages if isinstance(page, Cover) for k in page.contents_keys]
        layout = context.layout
        ending = [
            DefineNumbers(keys, sections, layout.size("body"), layout.colour("muted")),
            DefineLate(texts),
        ]
        last = blocks[-1]
        blocks[-1] = Block(last.orientation, [*last.flowables, *ending])
    return build_pdf(
        out,
        blocks,
        context,
        title=plan.title,
        author=plan.author,
        subject=plan.footer,
        language=plan.language,
        footer=plan.footer,
        page_label=plan.page_label,
        footer_keep=plan.footer_date,
        continued=plan.continued,
        starts=placed,
        numbers=numbers,
        outline=plan.outline,
    )
