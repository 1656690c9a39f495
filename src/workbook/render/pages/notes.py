"""The facilitator's notes: role and hosting, each part step by step, cultural translation."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    TableStyle,
)

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
from workbook.render.pages.before import pointer
from workbook.render.styles import Styles, esc, para, rich, table_style
from workbook.render.tables import Table


def render_intro(page: NotesIntro, context: Context) -> Block:
    styles = context.styles
    guide = page.facilitation
    story: list[Flowable] = [
        SectionMark(page.heading),
        para(page.heading, styles.h1),
        para(page.lead, styles.lead),
    ]
    for section in (guide.introduction, guide.who_for, guide.culture_focus, guide.role):
        story += _section(section, styles)
    hosting = guide.hosting
    story += [
        CondPageBreak(70 * mm),
        para(hosting.title, styles.h2),
        para(hosting.intro, styles.body),
    ]
    cells = [
        [para(aspect.name, styles.h3), para(aspect.text, styles.body)] for aspect in hosting.aspects
    ]
    grid = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    if grid and len(grid[-1]) == 1:
        grid[-1].append([])
    table = Table(grid, colWidths=["50%", "50%"])
    table.setStyle(_boxed(context))
    story.append(table)
    track = guide.keep_track
    story += [para(track.title, styles.h2), para(track.intro, styles.body)]
    # the last two sub-sections keep together: the notes never end on a stray remnant
    ending: list[Flowable] = []
    for part in (track.process, track.cultural):
        ending += [para(part.title, styles.h3), para(part.text, styles.body)]
    story.append(KeepTogether(ending))
    return Block(PORTRAIT, story)


def _section(section: Section, styles: Styles) -> list[Flowable]:
    heading = para(section.title, styles.h2)
    body = [para(text, styles.body) for text in section.paragraphs]
    return [KeepTogether([heading, body[0]]), *body[1:]] if body else [heading]


def _boxed(context: Context) -> TableStyle:
    layout = context.layout
    return table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), layout.colour("accent_light")),
            ("GRID", (0, 0), (-1, -1), 3, layout.colour("paper_tint")),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 7),
            ("RIGHTPADDING", (0, 0), (-1, -1), 7),
        ]
    )


LONG_STEP = 60 * mm  # a last step taller than this keeps only its last points with the tips


def _step(
    step: NoteStep, context: Context, upto: int | None = None, start: int | None = None
) -> Table:
    """A step in the shared columns: number, text and points, its clock times. ``upto`` /
    ``start`` draw only its first or its last points (a step split in two, the halves
    joined without a rule between them)."""
    styles, layout = context.styles, context.layout
    body: list[Flowable] = []
    if start is None:
        body.append(para(step.text, styles.body))
    items = step.items[start:] if start is not None else step.items[:upto]
    body += [para(item, styles.bullet, bullet="•") for item in items]
    first = start is None
    number = para(f"{step.number}.", styles.h3) if first and not step.is_break else ""
    when = para(step.when, styles.label) if first else ""
    table = Table([[number, body, when]], colWidths=[9 * mm, None, 36 * mm], splitInRow=1)
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 5 if first else 0),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]
    if step.is_break:  # the part's own break: a tinted row, as the agenda tints its pauses
        commands += [
            ("BACKGROUND", (0, 0), (-1, -1), layout.colour("pause")),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
    if upto is None:  # the rule closes the step
        commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.4, layout.colour("rule")))
    else:
        commands.append(("BOTTOMPADDING", (0, 0), (-1, -1), 0))
    table.setStyle(table_style(commands))
    return table


# The facts row: duration, purpose, materials (a part of one's own may have fewer).
_FACT_WIDTHS: dict[int, list[str]] = {
    1: ["100%"],
    2: ["22%", "78%"],
    3: ["22%", "44%", "34%"],
}


def render_part(page: PartNotes, context: Context) -> Block:
    styles, layout = context.styles, context.layout
    head = Table(
        [[para(page.label, styles.label), para(page.when, styles.label)]],
        colWidths=["70%", "30%"],
    )
    head.setStyle(
        table_style(
            [
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story: list[Flowable] = [SectionMark(page.title), head, para(page.title, styles.h1)]
    facts = Table(
        [[[para(label, styles.label), para(value, styles.body)] for label, value in page.facts]],
        colWidths=_FACT_WIDTHS.get(len(page.facts)),
    )
    facts.setStyle(_boxed(context))
    story += [facts, Spacer(0, 4 * mm)]
    if page.intro:
        story.append(para(page.intro, styles.body))
    if page.pointer:  # the partners' answers, on the "Before the session" page
        story.append(pointer(page.pointer, context))
    if page.steps:
        story.append(para(page.steps_label, styles.h2))
    if page.scaled:
        story.append(para(page.scaled, styles.muted))
    # One table per step, in shared columns, so the last step, the closing words and the
    # tips box keep together: no page holds a lone bullet or a lone box.
    tables = [_step(step, context) for step in page.steps]
    ending: list[Flowable] = []
    if page.outro:
        ending += [Spacer(0, 3 * mm), para(page.outro, styles.body)]
    if page.tips:
        tips: list[Flowable] = [para(page.tips_title or "", styles.h3)]
        tips += [para(tip, styles.bullet, bullet="•") for tip in page.tips]
        box = Table([[tips]], colWidths=["100%"])
        box.setStyle(_boxed(context))
        ending += [Spacer(0, 4 * mm), box]
    # The last lines of the steps keep together with the closing words and the tips: the
    # whole last step when it is short, else its last two points, so no page holds a lone
    # point or a lone box.
    if not page.steps:  # a part of one's own may have no steps: its ending stands alone
        story += [KeepTogether(ending)] if ending else []
        return Block(PORTRAIT, story)
    frame = layout.paper[0] - layout.margin("left") - layout.margin("right")
    last = page.steps[-1]
    if tables[-1].wrap(frame, 10_000)[1] > LONG_STEP and len(last.items) > 2:
        head, tail = _step(last, context, upto=-2), _step(last, context, start=-2)
        story += [*tables[:-1], head, KeepTogether([tail, *ending])]
    else:
        # with nothing after the steps, the last two keep together: no page of one step
        kept = 2 if not ending and len(tables) > 1 else 1
        story += [*tables[:-kept], KeepTogether([*tables[-kept:], *ending])]
    return Block(PORTRAIT, story)


def render_culture(page: CultureNotes, context: Context) -> Block:
    styles = context.styles
    culture = page.culture
    story: list[Flowable] = [
        SectionMark(page.heading),
        para(page.heading, styles.h1),
        para(culture.title, styles.h2),
    ]
    story += [para(text, styles.body) for text in culture.intro]
    dynamics = culture.dynamics
    story += [
        para(f"{d.question} – {d.summary}", styles.bullet, bullet="•")
        for d in (dynamics.roles, dynamics.good, dynamics.change)
    ]
    story += _section(culture.agreement, styles)
    for dynamic in (dynamics.roles, dynamics.good, dynamics.change):
        story += [PageBreak(), *_dynamic(dynamic, context)]
    return Block(PORTRAIT, story)


def _dynamic(dynamic: Dynamic, context: Context) -> list[Flowable]:
    styles = context.styles
    story: list[Flowable] = [
        SectionMark(dynamic.title),
        para(dynamic.title, styles.h1),
        para(f"{dynamic.question} – {dynamic.summary}", styles.lead),
    ]
    story += [para(text, styles.body) for text in dynamic.paragraphs]
    technique = dynamic.technique
    inner: list[Flowable] = [para(technique.title, styles.h3)]
    inner += [para(text, styles.body) for text in technique.paragraphs]
    inner += [_named(item, styles) for item in technique.items]
    for sub in technique.subsections:
        inner += [para(sub.title, styles.h3), *[para(t, styles.body) for t in sub.paragraphs]]
    story += [Spacer(0, 2 * mm), _box(inner, context)]
    consider = dynamic.consider
    considered: list[Flowable] = [
        para(consider.title, styles.h3),
        para(consider.intro, styles.body),
    ]
    considered += [_named(item, styles) for item in consider.items]
    story += [Spacer(0, 3 * mm), _box(considered, context)]
    return story


def _named(item: NamedText, styles: Styles) -> Flowable:
    if item.name:
        return rich(f"<b>{esc(item.name)}:</b> {esc(item.text)}", styles.bullet)
    return para(item.text, styles.bullet, bullet="•")


def _box(flowables: list[Flowable], context: Context) -> Table:
    table = Table([[flowables]], colWidths=["100%"])
    table.setStyle(_boxed(context))
    return table
