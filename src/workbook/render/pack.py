"""The print pack: each page of the plan handed to the renderer for its kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from workbook import plan as p
from workbook.render.document import Block, Context, build_pdf
from workbook.render.pages import agenda, boards, checklist, circle, cover, notes, overview

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
}


def render_pack(plan: p.PackPlan, context: Context, out: IO[bytes]) -> None:
    blocks = [RENDERERS[type(page)](page, context) for page in plan.pages]
    build_pdf(
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
    )
