"""The booklet's "Before the session" page: who will come, what each partner wrote in reply
(resources, mandate, documentation, catering), and who has not replied; and the box that
points to it from the introductions' notes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, KeepTogether, Spacer

from workbook.plan.before import Answered, BeforeSession
from workbook.render.document import PORTRAIT, Block, Context, SectionMark
from workbook.render.styles import esc, para, rich, table_style
from workbook.render.tables import Table


def render(page: BeforeSession, context: Context) -> Block:
    styles = context.styles
    story: list[Flowable] = [
        SectionMark(page.heading),
        para(page.heading, styles.h1),
        para(page.lead, styles.lead),
        para(page.summary, styles.strong),
        Spacer(0, 2 * mm),
    ]
    for answered in page.answered:
        story += _partner(answered, context)
    waiting: list[Flowable] = [para(page.waiting_title, styles.h2)]
    if page.waiting:
        waiting += [
            para(f"{name} ({organisation})", styles.bullet, bullet="•")
            for name, organisation in page.waiting
        ]
    else:
        waiting.append(para(page.everyone, styles.body))
    # who has not replied is read as one list: it keeps together (a list longer than a
    # page still flows on), so no page holds the end of a name alone
    story.append(KeepTogether(waiting))
    return Block(PORTRAIT, story)


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
        styles.body,
    )
    rule = HRFlowable(width="100%", thickness=0.5, color=layout.colour("rule"), spaceAfter=2)
    story: list[Flowable] = [CondPageBreak(_ROOM), Spacer(0, 3 * mm), rule, head]
    for label, text in answered.answers:
        story += [CondPageBreak(_ROOM / 2), para(label, styles.label)]
        story += [para(line, styles.body) for line in text.splitlines() if line.strip()]
    return story


# The room a partner's name (half of it, a question) needs below it on a page, with the
# first lines of the answer; less, and it starts on the next page.
_ROOM = 32 * mm


def pointer(text: str, context: Context) -> Flowable:
    """A tinted box in the notes that says where the partners' answers are."""
    layout = context.layout
    box = Table([[para(text, context.styles.body)]], colWidths=["100%"])
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
