"""The agenda: every chosen part on the clock, with purpose and materials."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from workbook.plan.agenda import Agenda
from workbook.plan.programme import Programme
from workbook.render.document import PORTRAIT, Block, Context, SectionEnd, SectionMark
from workbook.render.flow import keep_rows
from workbook.render.motif import chapter_opening
from workbook.render.pages.cover import facts_table
from workbook.render.pages.timeline import TimelineFlowable, number_colour, numbered
from workbook.render.styles import esc, para, rich, table_style
from workbook.render.tables import Table

NUMBER_COLUMN = 5 * mm  # beside the times: the number a narrow bar of the timeline carries


def render(page: Agenda, context: Context) -> Block:
    one_day = len(page.days) == 1
    lead = page.days[0].heading if one_day else page.subheading
    story: list[Flowable] = [
        *chapter_opening(context, page.heading, lead),
        Spacer(0, 2 * mm),
    ]
    return Block(PORTRAIT, story + agenda_story(page, context))


def render_programme(page: Programme, context: Context) -> Block:
    """The participants' page: the session's facts, then the same programme."""
    styles = context.styles
    story: list[Flowable] = [
        para(page.agenda.heading, styles.label),
        para(page.title, styles.chapter),
        facts_table(page.facts, context),
        Spacer(0, 3 * mm),
    ]
    # Tighter rows and no comparison with the guide's day: it is the participants' one page.
    return Block(PORTRAIT, story + agenda_story(page.agenda, context, compact=True))


def agenda_story(page: Agenda, context: Context, compact: bool = False) -> list[Flowable]:
    """Each day's timeline and table, then the total (against the guide's day)."""
    styles, layout = context.styles, context.layout
    # Several days share the page: tighter rows keep the programme to as few pages as may be.
    padding, gap = (3, 2 * mm) if compact or len(page.days) > 1 else (5, 4 * mm)
    story: list[Flowable] = []
    days: list[list[Flowable]] = []
    columns = page.columns if page.materials else page.columns[:3]
    widths = ["19%", "33%", "28%", "20%"] if page.materials else ["19%", "38%", "43%"]
    for day in page.days:
        head: list[Flowable] = []
        # the bars too narrow for their names, as the timeline (the frame's width) draws them
        numbers = numbered(day.timeline, styles.grid.frame, layout) if day.timeline else set()
        if len(page.days) > 1:
            head += [SectionMark(day.heading), para(day.heading, styles.section)]
        if day.timeline:
            head += [TimelineFlowable(day.timeline, context, numbers), Spacer(0, gap)]
        rows: list[list[Flowable]] = [[para(column, styles.label) for column in columns]]
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 1, layout.colour("accent")),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, layout.colour("rule")),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ]
        for index, row in enumerate(day.rows, 1):
            title: list[Flowable]
            if compact:  # one line less per row: the participants' agenda keeps to one page
                title = [rich(f"<b>{esc(row.title)}</b> · {esc(row.duration)}", styles.cell)]
            else:
                title = [para(row.title, styles.cell_bold), para(row.duration, styles.muted)]
            cells = [
                para(row.clock, styles.cell_bold),
                title,
                para(row.purpose, styles.cell),
                para(row.materials, styles.cell),
            ]
            cells = cells if page.materials else cells[:3]
            if numbers and day.timeline:  # the number its bar carries, in a column of its own
                colour = number_colour(day.timeline.bars[index - 1], layout)
                shown = str(index) if index - 1 in numbers else ""
                cells.insert(0, para(shown, styles.in_colour(styles.cell_bold, colour)))
            rows.append(cells)  # type: ignore[arg-type]
            if row.pause:
                commands.append(("BACKGROUND", (0, index), (-1, index), layout.colour("pause")))
        shares = widths
        if numbers:  # the numbers' column, narrow, before the others
            rows[0].insert(0, para("", styles.label))
            rest = styles.grid.frame - NUMBER_COLUMN
            shares = [NUMBER_COLUMN, *(rest * float(w.rstrip("%")) / 100 for w in widths)]
            commands.append(("LEFTPADDING", (1, 0), (1, -1), 0))
        table = Table(rows, colWidths=shares, repeatRows=1, splitInRow=1)
        table.setStyle(table_style(commands + keep_rows(len(rows))))
        # a day's heading and timeline never end a page without its table: a day that does
        # not fit in what is left of the page starts the next one
        days.append([*head, table])
    total = [para(page.total, styles.strong)]
    if not compact:
        total.append(para(page.guide_total, styles.muted))
    # the total never stands alone at the top of a page (a KeepTogether holds no other)
    days[-1] += [Spacer(0, gap), *total]
    for day_story in days:
        # a page that starts a day needs no "(continued)": the day has ended
        story += [KeepTogether(day_story), SectionEnd(), Spacer(0, gap)]
    return story[:-1]
