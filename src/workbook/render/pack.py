"""The print pack: each page of the plan handed to the renderer for its kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from workbook import plan as p
from workbook.render.contents import DefineNumbers, SectionStart
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


def render_pack(plan: p.PackPlan, context: Context, out: IO[bytes]) -> None:
    starts: dict[str, int] = {}
    blocks = []
    for page in plan.pages:
        block = RENDERERS[type(page)](page, context)
        key = SECTIONS.get(type(page))
        if key:  # marks the page the section starts on, for the cover's contents
            block = Block(block.orientation, [SectionStart(key, starts), *block.flowables])
        blocks.append(block)
    keys = [k for page in plan.pages if isinstance(page, p.Cover) for k in page.contents_keys]
    if keys:  # the numbers the cover drew, defined now that every page is known
        layout = context.layout
        ending = DefineNumbers(keys, starts, layout.size("body"), layout.colour("muted"))
        last = blocks[-1]
        blocks[-1] = Block(last.orientation, [*last.flowables, ending])
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
