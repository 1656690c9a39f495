"""Materials for the room: name cards (table tents), the sign-in sheet, the record of the
session, and the credits page."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer

from workbook.plan.room import Credits, NameCard, SessionRecord, SignInSheet
from workbook.render.boxes import Sheet, TickBox, draw_in_box, fitted
from workbook.render.document import LANDSCAPE, PORTRAIT, Block, Context, SectionMark
from workbook.render.flow import FillRows, frame_height, keep_rows, settled
from workbook.render.motif import chapter_opening, opener
from workbook.render.pages.draw import style
from workbook.render.styles import esc, para, rich, table_style
from workbook.render.tables import Table


def render_card(page: NameCard, context: Context) -> Block:
    return Block(PORTRAIT, [Sheet(lambda c, w, h: _card(c, w, h, page, context))])


def _card(canvas: Canvas, width: float, height: float, page: NameCard, context: Context) -> None:
    """Both faces of the tent: the lower half as printed, the upper half turned round, so
    that folded along the middle each side reads the right way up across the table."""
    layout = context.layout
    half = height / 2
    canvas.setStrokeColor(layout.colour("rule"))
    canvas.setLineWidth(0.6)
    canvas.setDash(3, 3)
    canvas.line(0, half, width, half)
    canvas.setDash()
    canvas.setFont(style(context, "small").fontName, layout.size("small"))
    canvas.setFillColor(layout.colour("muted"))
    canvas.drawRightString(width, half + 2 * mm, page.fold)
    _face(canvas, context, page, width, half)
    canvas.saveState()
    canvas.translate(width, height)
    canvas.rotate(180)
    _face(canvas, context, page, width, half)
    canvas.restoreState()


def _face(canvas: Canvas, context: Context, page: NameCard, width: float, half: float) -> None:
    layout = context.layout
    accent = layout.colour("accent")
    name_size = float(layout.value("cards", "name_pt"))
    ink = layout.colour("ink")
    name_style = style(
        context, "h1", True, ink, TA_CENTER, points=name_size, leading=name_size * 1.15
    )
    org_style = style(context, "h2", colour=accent, align=TA_CENTER)
    inset = layout.mm("cards", "inset_mm")
    box_w = width - 2 * inset
    org_h = layout.size("h2") * 1.35 * 2
    # the name sits just above the face's middle, the organisation right under it; a name
    # too long for the room above the middle moves down before its type gets smaller
    least = float(layout.value("cards", "name_min_pt"))
    room = half - 2 * inset - org_h - 3 * mm
    _, used = fitted(page.name, name_style, box_w, room, least)
    base = min(half * 0.5, half - inset - used)
    draw_in_box(canvas, page.name, name_style, inset, base, box_w, room, least, "bottom")
    draw_in_box(
        canvas,
        page.organisation,
        org_style,
        inset,
        base - 3 * mm - org_h,
        box_w,
        org_h,
        layout.size("min"),
    )


def render_sign_in(page: SignInSheet, context: Context) -> Block:
    """The partners and the facilitator, a row each, then empty rows for those who come in
    their place: at least the plan's few, and as many more as fill the sheet."""
    styles, layout = context.styles, context.layout
    name, organisation, signature, photos = page.columns
    days = page.days or [""]
    heads: list[Flowable | list[Flowable]] = [
        [para(signature, styles.label), *([para(day, styles.label)] if day else [])] for day in days
    ]
    header: list[Flowable | list[Flowable] | str] = [
        para(name, styles.label),
        para(organisation, styles.label),
        *heads,
        para(photos, styles.label),
    ]
    tick = TickBox(layout.mm("cards", "tick_mm"), layout.colour("accent"))
    row_h = layout.mm("cards", "sign_row_mm")
    room = Spacer(0, row_h)  # the signature's room: a row grows with a long name, never less
    signing: list[Flowable | str] = [room, *[""] * (len(days) - 1)]
    # names and organisations break after their own hyphens, never inside a word
    bold, plain = _at_hyphens(styles.cell_bold), _at_hyphens(styles.cell)
    rows: list[list[Flowable | list[Flowable] | str]] = [header]
    for person, where in page.rows:
        rows.append([para(person, bold), para(where, plain), *signing, tick])
    rows += [["", "", *signing, tick] for _ in range(page.blank)]
    widths, orientation = _sign_in_widths(len(days))
    table = Table(rows, colWidths=widths, repeatRows=1)  # a row is never split: it is signed
    table.setStyle(_sign_style(layout, len(rows), len(days), header=True))

    def more(count: int) -> Table:
        blank = Table([["", "", *signing, tick] for _ in range(count)], colWidths=widths)
        blank.setStyle(_sign_style(layout, count, len(days), header=False))
        return blank

    story = [
        SectionMark(page.title),
        opener(context, para(page.title, styles.chapter), after=[para(page.lead, styles.lead)]),
        table,
        FillRows(more, frame_height(layout, landscape=orientation == LANDSCAPE)),
    ]
    return Block(orientation, story)


def _sign_style(layout: Any, rows: int, days: int, header: bool) -> Any:
    first = 1 if header else 0
    last = days + 2  # the photo consent's column
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, first), (-1, -1), "MIDDLE"),
        ("ALIGN", (last, first), (last, -1), "CENTER"),
        ("LINEBELOW", (0, first), (-1, -1), 0.5, layout.colour("rule")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ]
    if days > 1:  # each day's signature apart from the next
        commands.append(("LINEBEFORE", (2, first), (last, -1), 0.5, layout.colour("rule")))
    if header:
        commands += [
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("LINEBELOW", (0, 0), (-1, 0), 1, layout.colour("accent")),
        ]
        commands += keep_rows(rows)
    return table_style(commands)


def _at_hyphens(style: ParagraphStyle) -> ParagraphStyle:
    """``style``, breaking a line after a hyphen the text has (``Kragelund-`` /
    ``Wolverton``) rather than inside a word too long for a narrow column."""
    return ParagraphStyle(f"{style.name}-hyphens", parent=style, embeddedHyphenation=2)


def _sign_in_widths(days: int) -> tuple[list[str], str]:
    """The columns' shares of the sheet: name, organisation, a signature per day, photo
    consent; a session of three days or more signs on a landscape sheet, where each day's
    column keeps room for a signature and the names room for a line."""
    signatures, photos = {1: (25, 15), 2: (34, 12), 3: (42, 10)}.get(days, (52, 10))
    orientation = PORTRAIT if days <= 2 else LANDSCAPE
    person = (100 - signatures - photos) / 2
    day = signatures / days
    return [f"{person}%", f"{person}%", *[f"{day}%"] * days, f"{photos}%"], orientation


def render_record(page: SessionRecord, context: Context) -> Block:
    """The record: what was agreed, what comes next, the documentation and who was there.
    Who was there keeps together with the whole documentation section before it, and with
    as many of the pieces before that as make the last page a quarter full."""
    base = 1 + len(page.documentation)  # the section's heading and its questions
    pieces = len(_record_pieces(page, context))

    def build(extra: int) -> list[Flowable]:
        story = _record_pieces(page, context)  # afresh: a layout changes its flowables
        cut = len(story) - base - extra
        return [*story[:cut], KeepTogether([*story[cut:], *_present(page, context)])]

    most = max(0, pieces - base - 3)  # never the opening band and the first heading
    return Block(PORTRAIT, settled(build, context.layout, most, key=repr(page)))


def _record_pieces(page: SessionRecord, context: Context) -> list[Flowable]:
    styles, layout = context.styles, context.layout
    story: list[Flowable] = [
        SectionMark(page.title),
        opener(
            context,
            para(page.title, styles.chapter),
            after=[para(page.facts, styles.strong), para(page.lead, styles.lead)],
        ),
        para(page.ambitions_title, styles.section),
    ]
    for title in page.ambitions:
        story.append(KeepTogether([para(title, styles.sub), _lines(context, 3)]))
    story.append(para(page.next_steps_title, styles.section))
    for quadrant in page.quadrants:
        header = [para(c, styles.label) for c in page.columns]
        rows = [header] + [["", "", ""] for _ in range(3)]
        table = Table(
            rows,
            colWidths=["28%", "52%", "20%"],
            rowHeights=[None] + [layout.mm("cards", "record_row_mm")] * 3,
        )
        table.setStyle(
            table_style(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, layout.colour("rule")),
                    ("LINEBEFORE", (1, 0), (-1, -1), 0.5, layout.colour("rule")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        heading = [para(quadrant.title, styles.sub), para(quadrant.question, styles.question)]
        story.append(KeepTogether([*heading, table]))
    documentation: list[Flowable] = [
        para(page.documentation_title, styles.section),
        para(page.documentation_lead, styles.text),
    ]
    if page.asked:  # what the partners wrote in reply to their letters
        documentation.append(para(page.asked_title, styles.strong))
        for name, lines in page.asked:
            answers = " · ".join(esc(line) for line in lines)
            documentation.append(rich(f"<b>{esc(name)}</b>: {answers}", styles.text))
    story.append(KeepTogether(documentation))
    for question in page.documentation:
        story.append(KeepTogether([para(question, styles.question), _lines(context, 2)]))
    return story


def _present(page: SessionRecord, context: Context) -> list[Flowable]:
    """Who was there: the names in one run of text (a record records; nobody signs it), and
    a line for whoever else came."""
    styles = context.styles
    present: list[Flowable] = [
        Spacer(0, 4 * mm),
        para(page.signed, styles.strong),
        para(" · ".join(page.partners), styles.text),
    ]
    if page.others:
        present += [para(page.others, styles.small), _lines(context, 1)]
    return present


def render_credits(page: Credits, context: Context) -> Block:
    styles = context.styles
    story: list[Flowable] = [
        *chapter_opening(context, page.heading, page.lead),
        para(page.tool_name, styles.section),
    ]
    story += [para(text, styles.text) for text in page.purpose]
    story += [para(text, styles.text) for text in page.project]
    story.append(para(page.authors_title, styles.section))
    bios = page.bios or [""] * len(page.authors)
    for (name, position), bio in zip(page.authors, bios, strict=False):
        if bio.startswith(name):  # the guide's bios open with the name: set it in bold
            story.append(
                rich(f"<b>{esc(name)}</b>{esc(bio[len(name) :])}", styles.in_indent(styles.small))
            )
        else:
            story.append(para(f"{name} – {position}", styles.in_indent(styles.strong)))
            if bio:
                story.append(para(bio, styles.in_indent(styles.small)))
        story.append(Spacer(0, 1.5 * mm))
    thanks = [para(person, styles.text_bullet, bullet="•") for person in page.thanks]
    # a heading keeps with two lines of what it heads at least
    story += [KeepTogether([para(page.thanks_title, styles.section), *thanks[:2]]), *thanks[2:]]
    story.append(Spacer(0, 3 * mm))
    story += [para(text, styles.in_indent(styles.muted)) for text in page.closing]
    return Block(PORTRAIT, story)


def _lines(context: Context, count: int) -> Table:
    """Ruled lines to write on."""
    layout = context.layout
    height = layout.mm("cards", "record_row_mm")
    table = Table([[""]] * count, colWidths=["100%"], rowHeights=[height] * count)
    table.setStyle(table_style([("LINEBELOW", (0, 0), (-1, -1), 0.5, layout.colour("rule"))]))
    return table
