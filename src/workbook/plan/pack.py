"""The facilitator's pack: every page in its order, from the cover to the room's materials."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from workbook.language.loading import Content
from workbook.plan import room
from workbook.plan.agenda import build_agenda
from workbook.plan.before import build_before, with_answers
from workbook.plan.checklist import BoardCapacity, Checklist, build_checklist
from workbook.plan.cover import build_cover
from workbook.plan.document import PackPlan
from workbook.plan.notes import (
    CultureNotes,
    NotesIntro,
    build_custom_notes,
    build_part_notes,
    has_run_sheet,
)
from workbook.plan.outline import pack_outline
from workbook.plan.overview import build_overview
from workbook.plan.passages import invitation_advice, process_text, whole_session
from workbook.plan.review import review_sheets
from workbook.plan.words import DIALOGUES, Words, is_guide_part, session_title
from workbook.plan.worksheets import Board, build_worksheets, is_board, tile_words
from workbook.session.model import Session
from workbook.session.replies import Replies
from workbook.session.schedule import Schedule

if TYPE_CHECKING:
    from workbook.plan.document import Page


def build_plan(
    session: Session,
    schedule: Schedule,
    content: Content,
    capacity: BoardCapacity | None = None,
    order: str = "partner",
    replies: Replies | None = None,
) -> PackPlan:
    """The pack's pages; ``capacity`` says how many post-its each joint board's fields hold
    on the sheet they are printed on (measured from the layout: see ``render.posters``),
    ``order`` whether the circles go partner by partner or dialogue by dialogue, and
    ``replies`` the partners' answers to their letters, put where they are needed."""
    words = Words(content)
    title = session_title(session, words)
    worksheets = build_worksheets(session, schedule, content, words, order)
    if capacity and capacity.apart:  # boards no poster holds whole: a field per poster
        worksheets = [
            replace(page, apart=capacity.apart[page.key])
            if is_board(page) and page.key in capacity.apart
            else page
            for page in worksheets
        ]
    boards: list[Board] = [page for page in worksheets if is_board(page)]
    pages: list[Page] = [
        build_cover(session, schedule, content, words),
        build_overview(content, words),
        process_text(content, words),  # the guide's words on the model, facing its figure
        whole_session(content, words),  # the guide's whole day, facing this session's agenda
        build_agenda(schedule, content, words),
        NotesIntro(words.ui("sections.notes"), words.ui("notes.lead"), content.facilitation),
        *[
            build_part_notes(slot, content, words, len(schedule.days) > 1)
            if is_guide_part(slot)
            else build_custom_notes(slot, content, words, len(schedule.days) > 1)
            for slot in schedule.slots
            if is_guide_part(slot) or has_run_sheet(slot)
        ],
        CultureNotes(words.ui("sections.culture"), content.culture),
        replace(
            build_checklist(session, schedule, content, words, boards, capacity),
            invitation=invitation_advice(content, words, schedule),
        ),
        *review_sheets(session, content, words),  # a follow-up's first part, first
        *worksheets,
    ]
    pages += _room(session, schedule, content, words)
    if room.CREDITS in room.wanted(session):  # the booklet ends with the guide's thanks
        at = next(i for i, p in enumerate(pages) if isinstance(p, Checklist)) + 1
        pages.insert(at, room.credits(content, words))
    if replies is not None:  # after the agenda, before the notes that point to it
        pages = with_answers(pages, session, content, words, replies)
        at = next(i for i, p in enumerate(pages) if isinstance(p, NotesIntro))
        pages.insert(at, build_before(session, content, words, replies))
    parts = [slot for slot in schedule.slots if is_guide_part(slot) or has_run_sheet(slot)]
    return PackPlan(
        title=title,
        footer=words.ui(
            "pack.footer", title=session.short_title or title, date=words.dates(schedule)
        ),
        page_label=content.ui.get("pack.page"),
        language=content.code,
        author=session.facilitator.name,
        pages=pages,
        tiles=tile_words(content, words),
        footer_date=words.dates(schedule),
        continued=content.ui.get("pack.continued"),
        outline=pack_outline(pages, parts, words, order),
    )


def capacity_warnings(plan: PackPlan) -> list[str]:
    """What the command says besides the pack: boards printed a field per poster, and
    boards whose fields hold fewer notes than the group needs."""
    return [
        note
        for page in plan.pages
        if isinstance(page, Checklist)
        for note in (*page.splits, *page.warnings)
    ]


def _room(session: Session, schedule: Schedule, content: Content, words: Words) -> list[Page]:
    """Name cards, the sign-in sheet and the record, unless the session leaves them out."""
    wanted = room.wanted(session)
    pages: list[Page] = []
    if room.NAME_CARDS in wanted:
        pages += room.name_cards(session, content)
    if room.SIGN_IN in wanted:
        days = [words.short_date(day.date) for day in schedule.days]
        pages.append(room.sign_in(session, content, days))
    if room.RECORD in wanted:
        chosen = [key for key in DIALOGUES if schedule.includes(key)]
        pages.append(room.record(session, content, chosen, words.dates(schedule), words))
    return pages
