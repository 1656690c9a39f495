"""The booklet's "Before the session" page: who will come, what each partner wrote in reply
(resources, mandate, documentation, catering), and who has not replied; and the box that
points to it from the introductions' notes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, KeepTogether, Spacer

from workbook.plan.before import Answered, BeforeSession
from workbook.render.document import PORTRAIT, Block, Context
from workbook.render.flow import settled
from workbook.render.motif import chapter_opening
from workbook.render.styles import esc, para, rich, table_style
from workbook.render.tables import Table


def render(page: BeforeSession, context: Context) -> Block:
    """Who answered and what, then who has not; as many of the last answers keep with the
    list of those who have not as make the last page a quarter full."""
    return Block(
        PORTRAIT,
        settled(lambda keep: _story(page, context, keep), context.layout, len(page.answered)),
    )


def _story(page: BeforeSession, context: Context, keep: int) -> list[Flowable]:
    styles = context.styles
    story: list[Flowable] = [
        *chapter_opening(context, page.heading, page.lead, all_strong=False),
        para(page.summary, styles.in_indent(styles.strong)),
        Spacer(0, 2 * mm),
    ]
    cut = len(page.answered) - keep
    for answered in page.answered[:cut]:
        story += _partner(answered, context)
    # who has not answered: a short list, kept whole under its heading (its last name
    # never alone on a page), with the last answers before it where the page needs them
    ending: list[Flowable] = []
    for answered in page.answered[cut:]:
        ending += [f for f in _partner(answered, context) if not isinstance(f, CondPageBreak)]
    ending.append(para(page.waiting_title, styles.section))
    if page.waiting:
        ending += [
            para(f"{name} ({organisation})", styles.text_bullet, bullet="•")
            for name, organisation in page.waiting
        ]
    else:
        ending.append(para(page.everyone, styles.text))
    story.append(KeepTogether(ending))
    return story


def _partner(answered: Answered, context: Context) -> list[Flowable]:
    """The partner's name and whether they come, then each answer under what was asked.
    An answer flows on to the next page however long it is; a name or a question never
    stands alone at the foot of a page."""
    styles, layout = context.styles, context.layout
    colour = layout.colour("accent") if answered.attending else layout.colour("muted")
    hexed = "#" + colour.hexval()[2:]
    head = rich(
        f"<b>{esc(answered.name)}</b> · {esc(answered.organisation)} · "
        f'<font color="{hexed}"><b>{esc(answered.status)}</b></font>',
        styles.in_indent(styles.body),  # in the text column: a long organisation keeps its measure
    )
    rule = HRFlowable(
        width=styles.grid.measure,
        thickness=0.5,
        color=layout.colour("rule"),
        spaceAfter=2,
        hAlign="RIGHT",
    )
    story: list[Flowable] = [CondPageBreak(_ROOM), Spacer(0, 3 * mm), rule, head]
    for label, text in answered.answers:
        story += [CondPageBreak(_ROOM / 2), para(label, styles.in_indent(styles.label))]
        story += [para(line, styles.text) for line in text.splitlines() if line.strip()]
    return story


# The room a partner's name (half of it, a question) needs below it on a page, with the
# first lines of the answer; less, and it starts on the next page.
_ROOM = 32 * mm


def pointer(text: str, context: Context) -> Flowable:
    """A tinted box in the notes that says where the partners' answers are."""
    layout = context.layout
    box = Table(  # over the text column, as the notes' other boxes
        [[para(text, context.styles.body)]], colWidths=[context.styles.grid.measure], hAlign="RIGHT"
    )
    box.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), layout.colour("paper_tint")),
                ("LINEBEFORE", (0, 0), (0, -1), 2, layout.colour("accent")),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return KeepTogether([Spacer(0, 2 * mm), box, Spacer(0, 2 * mm)])
