"""The print pack: each page of the plan handed to the renderer for its kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from workbook.plan import pack as p
from workbook.plan import room as m
from workbook.render.contents import DefineLate, DefineNumbers
from workbook.render.document import Block, Context, build_pdf
from workbook.render.pages import agenda, boards, checklist, circle, cover, notes, overview, room

RENDERERS: dict[type, Callable[[Any, Context], Block]] = {
    p.Cover: cover.render,
    p.Overview: overview.render,
    p.Agenda: agenda.render,
    p.Programme: agenda.render_programme,
    p.NotesIntro: notes.render_intro,
    p.PartNotes: notes.render_part,
    p.CultureNotes: notes.render_culture,
    p.Checklist: checklist.render,
    p.CircleSheet: circle.render,
    p.AnalysisBoard: boards.render_analysis,
    p.ReflectionSheet: boards.render_reflection,
    p.NextStepsBoard: boards.render_next_steps,
    m.Credits: room.render_credits,
    m.NameCard: room.render_card,
    m.SignInSheet: room.render_sign_in,
    m.SessionRecord: room.render_record,
}


# the contents' section each page kind belongs to (see plan.CONTENTS)
SECTIONS: dict[type, str] = {
    p.Overview: "overview",
    p.Agenda: "agenda",
    p.NotesIntro: "notes",
    p.PartNotes: "notes",
    p.CultureNotes: "culture",
    p.Checklist: "planning",
    p.CircleSheet: "worksheets",
    p.AnalysisBoard: "worksheets",
    p.ReflectionSheet: "worksheets",
    p.NextStepsBoard: "worksheets",
}


def contents_numbers(plan: p.PackPlan, starts: list[int]) -> dict[str, int]:
    """The page each section of the contents starts on, from where each page of the plan
    starts (``render_pack`` gives those)."""
    numbers: dict[str, int] = {}
    for page, start in zip(plan.pages, starts, strict=False):
        key = SECTIONS.get(type(page))
        if key:
            numbers.setdefault(key, start)
    return numbers


def render_pack(
    plan: p.PackPlan,
    context: Context,
    out: IO[bytes],
    starts: list[int] | None = None,
    contents: dict[str, int] | None = None,
    numbered: Callable[[list[int], int], p.PackPlan] | None = None,
) -> int:
    """Render the plan's pages; ``starts``, if given, receives the page where each page of
    the plan starts. Returns the number of pages.

    The numbers no page knows while it is drawn come at the end of the build, from where
    each page of the plan started: the cover's contents, unless ``contents`` fixes them,
    and the print guide's page ranges and sheets, from ``numbered(starts, pages)`` (the
    plan with its guide filled in), else from ``plan`` itself. A part of the pack printed
    alone (``--split``) passes both from the whole pack."""
    placed: list[int] = [] if starts is None else starts
    blocks = [RENDERERS[type(page)](page, context) for page in plan.pages]
    if blocks:

        def sections() -> dict[str, int]:
            return dict(contents) if contents is not None else contents_numbers(plan, placed)

        def texts(pages: int) -> dict[str, str]:
            final = numbered(placed, pages) if numbered else plan
            guide = next((page for page in final.pages if isinstance(page, p.Checklist)), None)
            return checklist.late_texts(guide) if guide else {}

        keys = [k for page in plan.pages if isinstance(page, p.Cover) for k in page.contents_keys]
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
    )
