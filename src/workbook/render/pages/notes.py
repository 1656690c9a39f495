"""The facilitator's notes: role and hosting, each part step by step, cultural translation.

Set on the page grid (layouts/README.md): running text in the text column, a run sheet's
clock times, minutes and stage cues in the side column beside each step, headings by level.
A run sheet ends with a ruled notes area in what is left of its last page, and its last
steps move onto that page until it is at least a quarter full.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from workbook.plan.notes import (
    CultureNotes,
    Dynamic,
    NamedText,
    NotesIntro,
    NoteStep,
    PartNotes,
    Section,
)
from workbook.render.document import PORTRAIT, Block, Context, SectionMark
from workbook.render.flow import Remainder, frame_height, settled
from workbook.render.fonts import BOLD
from workbook.render.motif import StageCue, chapter_opening, opener
from workbook.render.pages.before import pointer
from workbook.render.styles import Styles, esc, para, rich, table_style
from workbook.render.tables import Table


def render_intro(page: NotesIntro, context: Context) -> Block:
    styles = context.styles
    guide = page.facilitation
    story: list[Flowable] = [
        *chapter_opening(context, page.heading, page.lead),
    ]
    for section in (guide.introduction, guide.who_for, guide.culture_focus, guide.role):
        story += _section(section, styles)
    hosting = guide.hosting
    story += [
        CondPageBreak(70 * mm),
        para(hosting.title, styles.section),
        para(hosting.intro, styles.text),
    ]
    cells = [
        [para(aspect.name, styles.sub), para(aspect.text, styles.body)]
        for aspect in hosting.aspects
    ]
    grid = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    if grid and len(grid[-1]) == 1:
        grid[-1].append([])
    table = Table(grid, colWidths=["50%", "50%"])
    table.setStyle(_boxed(context))
    story.append(table)
    track = guide.keep_track
    story += [para(track.title, styles.section), para(track.intro, styles.text)]
    # the last two sub-sections keep together: the notes never end on a stray remnant
    ending: list[Flowable] = []
    for part in (track.process, track.cultural):
        ending += [_sub(part.title, styles), para(part.text, styles.text)]
    story.append(KeepTogether(ending))
    return Block(PORTRAIT, story)


def _sub(title: str, styles: Styles) -> Flowable:
    """A sub-section's title, over the text column."""
    return para(title, styles.in_indent(styles.sub))


def _section(section: Section, styles: Styles) -> list[Flowable]:
    heading = para(section.title, styles.section)
    body = [para(text, styles.text) for text in section.paragraphs]
    return [KeepTogether([heading, body[0]]), *body[1:]] if body else [heading]


def _boxed(context: Context, tint: Any = None) -> Any:
    layout = context.layout
    return table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), tint or layout.colour("accent_light")),
            ("GRID", (0, 0), (-1, -1), 3, layout.colour("paper_tint")),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 7),
            ("RIGHTPADDING", (0, 0), (-1, -1), 7),
        ]
    )


def _step(step: NoteStep, context: Context, colour: Any) -> Table:
    """A step on the grid: its clock time, minutes and stage in the side column, its number
    in the gutter, its text and points in the text column."""
    styles, layout = context.styles, context.layout
    grid = styles.grid
    body: list[Flowable] = [para(step.text, styles.body)]
    body += [para(item, styles.bullet, bullet="•") for item in step.items]
    side: list[Flowable] = []
    if step.span:
        side.append(para(step.span, styles.side_bold))
    if step.minutes:
        side.append(para(step.minutes, styles.side))
    if step.stage:
        side += [Spacer(0, 1.5 * mm), StageCue(step.stage, step.cue, colour, context)]
    # the part's own break has no number of the guide's: a tinted row, as the agenda's pauses
    number = "" if step.is_break else rich(f"<b>{step.number}.</b>", styles.body)
    table = Table(
        [[side, number, body]],
        colWidths=[grid.side, grid.gutter, grid.measure],
        splitInRow=1,
    )
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 4),
                ("RIGHTPADDING", (1, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, layout.colour("rule")),
                *(
                    [("BACKGROUND", (1, 0), (-1, -1), layout.colour("pause"))]
                    if step.is_break
                    else []
                ),
            ]
        )
    )
    return table


# The facts row: duration, purpose, materials (a part of one's own may have fewer).
_FACT_WIDTHS: dict[int, list[str]] = {
    1: ["100%"],
    2: ["22%", "78%"],
    3: ["22%", "44%", "34%"],
}


def render_part(page: PartNotes, context: Context) -> Block:
    """A run sheet; its last steps keep together with the closing words and tips, as many
    as make its last page at least a quarter full, and the page's rest holds the notes area."""
    layout = context.layout
    story = settled(
        lambda keep: _part(page, context, keep), layout, len(page.steps) - 1, key=repr(page)
    )
    # the room the kept-together ending leaves when it starts the next page, then the end's
    tail = story[-1]
    story[-1:] = [notes_area(page.notes_label, context, before=tail), tail]
    story.append(notes_area(page.notes_label, context))
    return Block(PORTRAIT, story)


def _part(page: PartNotes, context: Context, keep: int) -> list[Flowable]:
    styles, layout = context.styles, context.layout
    colour = layout.colour(f"dialogues.{page.dialogue}") if page.dialogue else None
    title_style = styles.in_colour(styles.part, colour) if colour else styles.part
    kicker = " · ".join(x for x in (page.label.rstrip(": "), page.when) if x)
    story: list[Flowable] = [
        SectionMark(page.title),
        opener(context, para(page.title, title_style), kicker, page.dialogue),
    ]
    tint = layout.colour(f"tints.{page.dialogue}") if page.dialogue else None
    facts = Table(
        [[[para(label, styles.label), para(value, styles.body)] for label, value in page.facts]],
        colWidths=_FACT_WIDTHS.get(len(page.facts)),
    )
    facts.setStyle(_boxed(context, tint))
    story += [Spacer(0, 3 * mm), facts, Spacer(0, 4 * mm)]
    if page.intro:
        story.append(para(page.intro, styles.text))
    if page.pointer:  # the partners' answers, on the "Before the session" page
        story.append(pointer(page.pointer, context))
    if page.steps:
        story.append(para(page.steps_label, styles.section))
    if page.scaled:
        story.append(para(page.scaled, styles.in_indent(styles.muted)))
    tables = [_step(step, context, colour or layout.colour("accent")) for step in page.steps]
    ending: list[Flowable] = []
    if page.outro:
        ending += [Spacer(0, 3 * mm), para(page.outro, styles.text)]
    if page.tips:
        tips: list[Flowable] = [para(page.tips_title or "", styles.sub)]
        tips += [para(tip, styles.bullet, bullet="•") for tip in page.tips]
        ending += [Spacer(0, 4 * mm), _text_box(tips, context, tint)]
    if not page.steps:  # a part of one's own may have no steps: its ending stands alone
        return [*story, KeepTogether(ending)] if ending else story
    cut = len(tables) - 1 - keep
    return [*story, *tables[:cut], KeepTogether([*tables[cut:], *ending])]


def notes_area(label: str, context: Context, before: Flowable | None = None) -> Remainder:
    """Ruled lines for the facilitator's notes in the rest of the page, under a label."""
    layout = context.layout
    styles = context.styles
    grid = styles.grid
    spacing = layout.mm("notes_area", "line_mm")

    def paint(canvas: Any, width: float, height: float) -> None:
        size = styles.kicker.fontSize
        top = height - 5 * mm
        canvas.saveState()
        canvas.setFont(BOLD, size)
        canvas.setFillColor(styles.kicker.textColor)
        text = label.upper() if styles.kicker.textTransform == "uppercase" else label
        canvas.drawString(0, top - size, text)
        canvas.setStrokeColor(layout.colour("guide"))
        canvas.setLineWidth(0.6)
        y = top - size - spacing
        while y >= 2:
            canvas.line(grid.indent, y, width, y)
            y -= spacing
        canvas.restoreState()

    least = layout.mm("notes_area", "least_mm")
    return Remainder(least, frame_height(layout), paint, before)


def _text_box(flowables: Sequence[Flowable], context: Context, tint: Any = None) -> Table:
    """A tinted box over the text column."""
    table = Table([[list(flowables)]], colWidths=[context.styles.grid.measure], hAlign="RIGHT")
    table.setStyle(_boxed(context, tint))
    return table


def render_culture(page: CultureNotes, context: Context) -> Block:
    styles = context.styles
    culture = page.culture
    story: list[Flowable] = [
        *chapter_opening(context, page.heading),
        para(culture.title, styles.section),
    ]
    story += [para(text, styles.text) for text in culture.intro]
    dynamics = culture.dynamics
    story += [
        para(f"{d.question} – {d.summary}", styles.text_bullet, bullet="•")
        for d in (dynamics.roles, dynamics.good, dynamics.change)
    ]
    story += _section(culture.agreement, styles)
    for dynamic in (dynamics.roles, dynamics.good, dynamics.change):
        story += [PageBreak(), *_dynamic(dynamic, page.heading, context)]
    return Block(PORTRAIT, story)


def _dynamic(dynamic: Dynamic, chapter: str, context: Context) -> list[Flowable]:
    styles = context.styles
    story: list[Flowable] = [
        SectionMark(dynamic.title),
        opener(
            context,
            para(dynamic.title, styles.part),
            chapter,
            after=[para(f"{dynamic.question} – {dynamic.summary}", styles.lead)],
        ),
    ]
    story += [para(text, styles.text) for text in dynamic.paragraphs]
    technique = dynamic.technique
    inner: list[Flowable] = [para(technique.title, styles.sub)]
    inner += [para(text, styles.body) for text in technique.paragraphs]
    inner += [_named(item, styles) for item in technique.items]
    for sub in technique.subsections:
        inner += [para(sub.title, styles.sub), *[para(t, styles.body) for t in sub.paragraphs]]
    story += [Spacer(0, 2 * mm), _text_box(inner, context)]
    consider = dynamic.consider
    considered: list[Flowable] = [
        para(consider.title, styles.sub),
        para(consider.intro, styles.body),
    ]
    considered += [_named(item, styles) for item in consider.items]
    story += [Spacer(0, 3 * mm), _text_box(considered, context)]
    return story


def _named(item: NamedText, styles: Styles) -> Flowable:
    if item.name:
        return rich(f"<b>{esc(item.name)}:</b> {esc(item.text)}", styles.bullet)
    return para(item.text, styles.bullet, bullet="•")
