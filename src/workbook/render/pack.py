"""The print pack: each page of the plan handed to the renderer for its kind."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO, Any

from workbook import materials as m
from workbook import plan as p
from workbook.render.boxes import Sheet
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


def render_pack(
    plan: p.PackPlan, context: Context, out: IO[bytes], starts: list[int] | None = None
) -> int:
    """Render the plan's pages; ``starts``, if given, receives the page where each page of
    the plan starts. Returns the number of pages."""
    blocks = [RENDERERS[type(page)](page, context) for page in plan.pages]
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
        starts=starts,
    )


def measure_pack(plan: p.PackPlan, context: Context) -> tuple[list[int], int]:
    """Where each page of the plan starts in the pack, and its number of pages: laid out
    without drawing the worksheets, which always take one page each."""
    blank = Sheet(lambda *_: None)
    blocks = []
    for page in plan.pages:
        block = RENDERERS[type(page)](page, context)
        if all(isinstance(f, Sheet) for f in block.flowables):
            block = Block(block.orientation, [blank])
        blocks.append(block)
    starts: list[int] = []
    total = build_pdf(
        io.BytesIO(),
        blocks,
        context,
        title=plan.title,
        author=plan.author,
        subject=plan.footer,
        language=plan.language,
        footer=plan.footer,
        page_label=plan.page_label,
        starts=starts,
    )
    return starts, total
