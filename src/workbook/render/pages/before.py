"""The booklet's "Before the session" page: who will come, what each partner wrote in reply
(resources, mandate, documentation, catering), and who has not replied; and the box that
points to it from the introductions' notes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

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
    story.append(para(page.waiting_title, styles.h2))
    if page.waiting:
        story += [
            para(f"{name} ({organisation})", styles.bullet, bullet="•")
            for name, organisation in page.waiting
        ]
    else:
        story.append(para(page.everyone, styles.body))
    return Block(PORTRAIT, story)


def _partner(answered: Answered, context: Context) -> list[Flowable]:
    """The partner's name and whether they come, above their answers, a row each."""
    styles, layout = context.styles, context.layout
    colour = layout.colour("accent") if answered.attending else layout.colour("muted")
    hexed = "#" + colour.hexval()[2:]
    head = rich(
        f"<b>{esc(answered.name)}</b> · {esc(answered.organisation)} · "
        f'<font color="{hexed}"><b>{esc(answered.status)}</b></font>',
        styles.body,
    )
    if not answered.answers:
        return [KeepTogether([Spacer(0, 3 * mm), head])]
    rows = [[para(label, styles.label), _text(text, context)] for label, text in answered.answers]
    table = Table(rows, colWidths=["32%", "68%"], splitByRow=1)
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, layout.colour("rule")),
            ]
        )
    )
    # together on a page when they fit one; a longer reply runs on, row by row
    return [KeepTogether([Spacer(0, 3 * mm), head, Spacer(0, 1 * mm), table])]


def _text(text: str, context: Context) -> Flowable:
    """A partner's answer, its own line breaks kept."""
    return rich("<br/>".join(esc(line) for line in text.splitlines()), context.styles.body)


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
