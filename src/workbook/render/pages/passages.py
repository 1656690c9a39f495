"""The guide's passages for the facilitator: the process model's introduction, the whole
session as the guide plans it, and the advice on the invitation (drawn in the planning
section by ``checklist``)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from workbook.plan.passages import InvitationAdvice, ProcessText, WholeSession
from workbook.render.document import PORTRAIT, Block, Context
from workbook.render.motif import chapter_opening
from workbook.render.pages.notes import _boxed
from workbook.render.styles import para, table_style
from workbook.render.tables import Table


def render_process_text(page: ProcessText, context: Context) -> Block:
    styles = context.styles
    story: list[Flowable] = [
        *chapter_opening(context, page.heading),
        para(page.subheading, styles.section),
        *[para(text, styles.text) for text in page.paragraphs],
    ]
    for dialogue in page.dialogues:
        story.append(
            KeepTogether([para(dialogue.heading, styles.sub), para(dialogue.text, styles.text)])
        )
    return Block(PORTRAIT, story)


def render_whole_session(page: WholeSession, context: Context) -> Block:
    styles, layout = context.styles, context.layout
    facts = Table(
        [[[para(label, styles.label), para(value, styles.body)] for label, value in page.facts]],
        colWidths=["30%", "36%", "34%"],
    )
    facts.setStyle(_boxed(context))
    rows = [
        [
            para(row.number, styles.cell_bold),
            para(row.title, styles.cell),
            para(row.minutes, styles.cell),
        ]
        for row in page.outline
    ]
    outline = Table(rows, colWidths=[10 * mm, None, 32 * mm])
    outline.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, layout.colour("rule")),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story: list[Flowable] = [
        *chapter_opening(context, page.heading, page.lead),
        para(page.label, styles.kicker),
        para(page.title, styles.part),
        facts,
        Spacer(0, 4 * mm),
        *[para(text, styles.text) for text in page.intro],
        KeepTogether([para(page.outline_title, styles.sub), outline]),
    ]
    return Block(PORTRAIT, story)


def invitation_story(advice: InvitationAdvice, context: Context) -> list[Flowable]:
    """The guide's advice on the invitation: why it matters, its three questions, and the
    letters that put them to the partners."""
    styles = context.styles
    story: list[Flowable] = [
        KeepTogether([para(advice.title, styles.section), para(advice.intro[0], styles.text)]),
        *[para(text, styles.text) for text in advice.intro[1:]],
    ]
    for section in advice.sections:
        body: list[Flowable] = [para(section.title, styles.sub)]
        body += [para(text, styles.text) for text in section.paragraphs]
        if section.list_lead:
            body.append(para(section.list_lead, styles.text))
        body += [para(item, styles.text_bullet, bullet="•") for item in section.items or []]
        story.append(KeepTogether(body))
    box = Table(
        [[para(advice.letters, styles.body)]], colWidths=[styles.grid.measure], hAlign="RIGHT"
    )
    box.setStyle(_boxed(context))
    story += [Spacer(0, 2 * mm), box]
    return story
