"""An invitation letter: the letter itself on page 1, the guide's prompts and a reply on page 2.

Writing boxes share out whatever room page 2 has left, so the partner gets as much space
as the page allows. With ``fillable`` the boxes and tick boxes become PDF form fields.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    Spacer,
)

from workbook.plan.letters import Letter, Prompt
from workbook.render.document import Context
from workbook.render.fitting import room_left
from workbook.render.fonts import BOLD
from workbook.render.layout import Layout
from workbook.render.styles import esc, para, rich, table_style
from workbook.render.tables import Table

# ReportLab's form fields name one of the PDF's standard fonts, which show only Western
# European letters; ``render.form_font`` then gives every text field the body font, embedded.
FIELD_FONT = "Helvetica"
IDENTIFIER = "letter_identifier"  # the hidden field matching a returned letter to its partner


@dataclass(frozen=True)
class _Look:
    """The letter's own styles, derived from the pack's."""

    context: Context
    sender: ParagraphStyle
    subject: ParagraphStyle
    section: ParagraphStyle
    prompt: ParagraphStyle
    address: ParagraphStyle
    strong: ParagraphStyle
    compact: ParagraphStyle
    between: ParagraphStyle  # the body halfway to the compact size: the first step down
    brief: ParagraphStyle  # the compact body with its paragraphs closer: the last step

    @property
    def colours(self) -> tuple[Color, Color]:
        layout = self.context.layout
        return layout.colour("accent"), layout.colour("rule")


def _look(context: Context) -> _Look:
    styles, layout = context.styles, context.layout
    subject = layout.size("h2") * 1.2
    address = ParagraphStyle("address", parent=styles.body, spaceAfter=0)
    return _Look(
        context=context,
        sender=ParagraphStyle(
            "sender",
            parent=styles.h2,
            spaceBefore=0,
            spaceAfter=0,
            textColor=layout.colour("accent_dark"),
        ),
        subject=ParagraphStyle(
            "subject", parent=styles.h1, fontSize=subject, leading=subject * 1.25, spaceAfter=2
        ),
        section=ParagraphStyle(
            "section", parent=styles.h3, textColor=layout.colour("accent"), spaceBefore=8
        ),
        prompt=ParagraphStyle("prompt", parent=styles.small, spaceBefore=3, spaceAfter=1.5),
        address=address,
        strong=ParagraphStyle("strong", parent=address, fontName=BOLD),
        compact=ParagraphStyle(
            "compact",
            parent=styles.body,
            fontSize=styles.small.fontSize,
            leading=styles.small.leading,
            spaceAfter=3,
        ),
        between=ParagraphStyle(
            "between",
            parent=styles.body,
            fontSize=(styles.body.fontSize + styles.small.fontSize) / 2,
            leading=(styles.body.leading + styles.small.leading) / 2,
            spaceAfter=4,
        ),
        brief=ParagraphStyle(
            "brief",
            parent=styles.body,
            fontSize=styles.small.fontSize,
            leading=styles.small.leading,
            spaceAfter=1.5,
        ),
    )


def render(letter: Letter, context: Context, fillable: bool, prefix: str) -> list[Flowable]:
    """The flowables of one letter; ``prefix`` keeps form field names unique in a combined PDF.

    A letter is always two pages. Page 1 gives way in steps until it holds the letter with
    its closing and signature: less space between blocks, then smaller type down to the
    floor, then a brief programme (start times only, rows closer). A programme too long
    even for that (beside the longest details on Letter paper, some 18 lines: the stress
    corpus's three days just fit) stays out of the letter, and page 1 says so: page 2
    cannot take it, its writing boxes already share all its room (on Letter paper a few
    millimetres over their 30 mm).
    """
    look = _look(context)
    fields = _Fields(look, fillable, prefix)
    story: list[Flowable] = []
    for step in _steps(look):
        story = _page_one(letter, look, step)
        if room_left(story, context.layout) is not None:
            break
    # Page two is laid out with bare boxes, which then share the room left over; its text
    # gives way (down to the floor) until each box has the room to answer in.
    layout = context.layout
    target = layout.mm("letter", "answer_target_mm") - layout.mm("letter", "answer_mm")
    for text in (look.context.styles.body, look.between, look.compact):
        two = _page_two(letter, look, fields, text)
        spare = room_left(two, layout)
        if spare is not None and spare / _box_count(letter) >= target:
            break
    fields.extra = max(0.0, (spare or 0.0) - 1) / _box_count(letter)
    return [*story, PageBreak(), *two]


@dataclass(frozen=True)
class _Step:
    """One way page 1 gives way: the body's style, the share of the air between blocks,
    whether the programme is brief (start times only, paragraphs closer) and whether it
    is left out, too long for the letter."""

    body: ParagraphStyle
    air: float
    brief: bool = False
    apart: bool = False


def _steps(look: _Look) -> list[_Step]:
    """Page 1's ways of giving way, in order. At no air the programme's rows close up too.
    Without the programme the page starts again from its loosest: it has the room."""
    styles = (look.context.styles.body, look.between, look.compact)
    ways = [(body, air) for body in styles for air in (1.0, 0.6, 0.3)] + [(look.compact, 0.0)]
    return [
        *(_Step(body, air) for body, air in ways),
        _Step(look.brief, 0.0, brief=True),
        *(_Step(body, air, apart=True) for body, air in ways),
    ]


def _frame(layout: Layout) -> tuple[float, float]:
    width, height = layout.paper
    return (
        width - layout.margin("left") - layout.margin("right"),
        height - layout.margin("top") - layout.margin("bottom"),
    )


def _page_one(letter: Letter, look: _Look, step: _Step) -> list[Flowable]:
    styles = look.context.styles
    body, air = step.body, step.air
    accent, _ = look.colours
    story: list[Flowable] = [
        _letterhead(letter, look),
        HRFlowable(
            width="100%",
            thickness=2,
            color=accent,
            spaceBefore=3 * mm * air,
            spaceAfter=max(3, 6 * air) * mm,  # clear of the recipient's name at every step
        ),
    ]
    address = _sized(look.address, body)
    for index, line in enumerate(letter.recipient):
        story.append(para(line, _sized(look.strong, body) if index == 0 else address))
    # the subject keeps some air above it at every step: it must not read as the address
    story += [Spacer(0, max(2, 7 * air) * mm), para(letter.subject, look.subject)]
    if letter.title:
        story.append(para(letter.title, styles.lead))
    else:
        story.append(Spacer(0, 3 * mm * air))
    story.append(para(letter.greeting, body))
    story += [para(text, body) for text in letter.body]
    story += [Spacer(0, 3 * mm * air), *_details_and_programme(letter, look, address, step)]
    story.append(Spacer(0, 5 * mm * air))
    story += [para(text, body) for text in letter.closing]
    signature: list[Flowable] = [
        Spacer(0, 1 * mm),
        para(letter.regards, body),
        Spacer(0, 5 * mm * air),
    ]
    for index, line in enumerate(letter.signature):
        signature.append(para(line, look.strong if index == 0 else look.address))
    return [*story, KeepTogether(signature)]


def _image(logo: Path | bytes) -> str | io.BytesIO:
    """A file name, or a fresh stream over an uploaded logo (the web page keeps it in memory)."""
    return io.BytesIO(logo) if isinstance(logo, bytes) else str(logo)


def _letterhead(letter: Letter, look: _Look) -> Flowable:
    layout = look.context.layout
    logo: Flowable = Spacer(0, 0)
    logo_width = 0.0
    if letter.logo is not None:
        most_w, most_h = layout.mm("letter", "logo_width_mm"), layout.mm("letter", "logo_height_mm")
        pixels_w, pixels_h = ImageReader(_image(letter.logo)).getSize()
        scale = min(most_w / pixels_w, most_h / pixels_h)
        logo_width = pixels_w * scale
        logo = Image(_image(letter.logo), width=logo_width, height=pixels_h * scale)
        logo.hAlign = "RIGHT"
    head = Table(
        [[para(letter.sender, look.sender), logo]],
        colWidths=[None, logo_width + 6 * mm if logo_width else 0],
    )
    head.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return head


def _details_and_programme(
    letter: Letter, look: _Look, address: ParagraphStyle, step: _Step
) -> list[Flowable]:
    """Practical details in a tinted panel beside the programme in brief (or, when the
    programme is too long for the letter, alone across the page, saying so). The
    contact's e-mail address is never broken: when the panel is too narrow for it, it gets a
    line of its own under the panel."""
    context = look.context
    styles, layout = context.styles, context.layout
    apart = step.apart
    share = 1.0 if apart else float(layout.value("letter", "details_width"))
    frame_width, _ = _frame(layout)
    pad = 4 * mm
    left = frame_width * share
    labels = [label for label, _ in letter.details]
    if letter.contact:
        labels.append(letter.contact[0])
    label_width = max(_text_width(label, styles.label) for label in labels) + 3 * mm
    value_width = left - 2 * pad - label_width
    rows = list(letter.details)
    contact_below = None
    if letter.contact:
        if _text_width(letter.contact[1], address) <= value_width:
            rows.append(letter.contact)
        else:
            contact_below = letter.contact
    facts = Table(
        [[para(label, styles.label), para(value, address)] for label, value in rows],
        colWidths=[label_width, None],
    )
    facts.setStyle(
        _tight([("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (0, -1), 1.5)])
    )
    details: list[Flowable] = [para(letter.details_heading, look.section), facts]
    if apart:  # the details give each day's times
        details.append(para(letter.programme_apart, styles.muted))
    cells: list[object] = [details]
    widths = [left]
    if not apart:
        cells.append(_programme(letter, look, step))
        widths.append(frame_width - left)
    table = Table([cells], colWidths=widths)
    gap = 7 * mm
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, 0), layout.colour("paper_tint")),
                ("LINEBEFORE", (0, 0), (0, 0), 2, layout.colour("accent")),
                ("LEFTPADDING", (0, 0), (0, 0), pad),
                ("RIGHTPADDING", (0, 0), (0, 0), pad),
                ("TOPPADDING", (0, 0), (0, 0), 1 * mm),
                ("BOTTOMPADDING", (0, 0), (0, 0), 3 * mm),
                ("LEFTPADDING", (1, 0), (1, 0), gap),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("TOPPADDING", (1, 0), (1, 0), 0),
            ]
        )
    )
    story: list[Flowable] = [table]
    if contact_below:
        label, address = contact_below
        gap = (1 if step.brief else 2) * mm
        story += [Spacer(0, gap), _email_line(label, address, look, frame_width), Spacer(0, gap)]
    return story


def _sized(style: ParagraphStyle, body: ParagraphStyle) -> ParagraphStyle:
    """``style`` at the body's size, when the letter has had to set its body smaller."""
    if style.fontSize <= body.fontSize:
        return style
    return ParagraphStyle(
        f"{style.name}-{body.fontSize}", parent=style, fontSize=body.fontSize, leading=body.leading
    )


def _email_line(label: str, address: str, look: _Look, width: float) -> Flowable:
    """'Contact: address' on a line of its own, the address at a size that keeps it whole
    (never under the type floor)."""
    styles, layout = look.context.styles, look.context.layout
    accent = "#" + layout.colour("accent").hexval()[2:]
    head = f'<font color="{accent}"><b>{esc(label)}</b></font> '
    style = look.address
    floor = layout.size("min")
    size = style.fontSize
    room = width - _text_width(label + " ", styles.label)
    while size > floor and stringWidth(address, style.fontName, size) > room:
        size = max(floor, size - 0.5)
    line = ParagraphStyle("email", parent=style, fontSize=size, leading=size * 1.3)
    return rich(f"{head}{esc(address)}", line)


def _programme(letter: Letter, look: _Look, step: _Step) -> list[Flowable]:
    """The programme in brief: each part with its clock times, a heading row per day. A
    brief programme gives each part's start only: the next row's start is its end, and the
    details give each day's end."""
    styles, layout = look.context.styles, look.context.layout
    rows: list[list[Flowable]] = []
    day_rows: list[tuple[object, ...]] = []
    cell, muted, bold = styles.cell, styles.muted, styles.cell_bold
    if step.brief:  # the rows' lines closer too
        cell, muted, bold = (_closer(style, layout) for style in (cell, muted, bold))
    for day in letter.programme:
        if len(letter.programme) > 1:  # a heading row per day, across both columns
            day_rows.append(("SPAN", (0, len(rows)), (1, len(rows))))
            rows.append([para(day.date, bold), para("", cell)])
        for item in day.items:
            style = muted if item.pause else cell
            rows.append(
                [para(item.start if step.brief else item.clock, style), para(item.title, style)]
            )
    if step.brief:
        starts = [item.start for day in letter.programme for item in day.items]
        time_width = max((_text_width(start, styles.cell) for start in starts), default=0) + 3 * mm
    else:
        time_width = 22 * mm
    # the rows' padding above and below, in points: a brief programme's rows close up most
    above, below = (0.5, 1.0) if step.brief else (1 + step.air, 1 + 1.5 * step.air)
    programme = Table(rows, colWidths=[time_width, None])
    programme.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), above),
                ("BOTTOMPADDING", (0, 0), (-1, -1), below),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, layout.colour("rule")),
                *day_rows,
            ]
        )
    )
    return [para(letter.programme_heading, look.section), programme]


def _closer(style: ParagraphStyle, layout: Layout) -> ParagraphStyle:
    leading = style.fontSize * float(layout.value("letter", "brief_leading"))
    return ParagraphStyle(f"{style.name}-brief", parent=style, leading=leading)


def _box_count(letter: Letter) -> int:
    """How many rows of writing boxes share page 2's spare room (a prompt's questions
    stand side by side)."""
    return sum(1 for p in (letter.resources, *letter.prompts) if p.answers)


def _page_two(letter: Letter, look: _Look, fields: _Fields, text: ParagraphStyle) -> list[Flowable]:
    styles = look.context.styles
    tight = text.fontSize <= look.compact.fontSize  # the last step: headings close up too
    heading = look.sender if tight else look.subject
    story: list[Flowable] = [para(letter.prepare_heading, heading)]
    story += _prompt_head(letter.resources, look, text)
    kinds = letter.resource_kinds
    story.append(para(kinds.inspiration, styles.muted))
    story.append(_resource_ticks(letter, look, fields, text))
    story += _answers(letter.resources, look, fields, tight)
    for prompt in letter.prompts:
        story += _prompt_head(prompt, look, text)
        story += _answers(prompt, look, fields, tight)
    story += [Spacer(0, (2 if tight else 4) * mm), _reply(letter, look, fields, text)]
    return story


def _prompt_head(prompt: Prompt, look: _Look, text: ParagraphStyle) -> list[Flowable]:
    section = look.section
    if text.fontSize <= look.compact.fontSize:
        section = ParagraphStyle("section-tight", parent=section, spaceBefore=3, spaceAfter=1)
    return [para(prompt.title, section), para(prompt.text, text)]


def _answers(prompt: Prompt, look: _Look, fields: _Fields, tight: bool) -> list[Flowable]:
    """A writing box under each question; several questions share a row, side by side, so
    every box keeps the height to answer in."""
    label = (
        ParagraphStyle("prompt-tight", parent=look.prompt, spaceBefore=1.5)
        if tight
        else look.prompt
    )
    cells = [
        [para(question, label), fields.box(f"{prompt.key}_{number}", question)]
        for number, question in enumerate(prompt.answers, 1)
    ]
    if len(cells) == 1:
        return [KeepTogether(cells[0])]
    gap = 5 * mm
    share = (_frame(look.context.layout)[0] - gap * (len(cells) - 1)) / len(cells)
    row = Table([cells], colWidths=[share + gap] * (len(cells) - 1) + [share])
    row.setStyle(_tight([("RIGHTPADDING", (0, 0), (-2, -1), gap)]))
    row.hAlign = "LEFT"
    return [row]


def _resource_ticks(letter: Letter, look: _Look, fields: _Fields, text: ParagraphStyle) -> Flowable:
    """The kinds of resources as tick boxes, three to a row, then 'other' with a line."""
    layout = look.context.layout
    kinds = letter.resource_kinds
    tick = layout.mm("letter", "tick_mm")
    pad = 1.5 if text.fontSize <= look.compact.fontSize else 2  # the rows close up at 9 pt
    columns = 3
    cells: list[list[Flowable]] = []
    row: list[Flowable] = []
    for number, kind in enumerate(kinds.kinds, 1):
        row += [fields.tick(f"resource_{number}", kind), para(kind, text)]
        if len(row) == 2 * columns:
            cells.append(row)
            row = []
    if row:
        row += [para("", text)] * (2 * columns - len(row))
        cells.append(row)
    frame_width, _ = _frame(layout)
    cell = (frame_width - columns * (tick + 3 * mm)) / columns
    grid = Table(cells, colWidths=[tick + 3 * mm, cell] * columns)
    grid.setStyle(
        _tight(
            [
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (1, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    other_label = para(kinds.other, text)
    label_width = _text_width(kinds.other, text) + 3 * mm
    other = Table(
        [
            [
                fields.tick(f"resource_{len(kinds.kinds) + 1}", kinds.other),
                other_label,
                fields.line("resource_other", kinds.other),
            ]
        ],
        colWidths=[tick + 3 * mm, label_width, None],
    )
    other.setStyle(_tight([("TOPPADDING", (0, 0), (-1, -1), 2)]))
    return KeepTogether([Spacer(0, (0.5 if pad < 2 else 1.5) * mm), grid, other])


def _reply(letter: Letter, look: _Look, fields: _Fields, text: ParagraphStyle) -> Flowable:
    """A reply slip with the partner's name filled in: attending or not, and food wishes."""
    context = look.context
    styles, layout = context.styles, context.layout
    reply = letter.reply
    accent = "#" + layout.colour("accent").hexval()[2:]
    inner: list[Flowable] = [para(reply.heading, look.section)]
    facts = Table(
        [
            [
                rich(
                    f'<font color="{accent}"><b>{esc(label)}:</b></font> {esc(value)}',
                    _sized(look.address, text),
                )
                for label, value in reply.facts
            ]
        ]
    )
    facts.setStyle(_tight([("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm)]))
    inner.append(facts)
    tick = layout.mm("letter", "tick_mm")
    choices: list[Flowable] = []
    for key, choice in reply.choices:  # one or the other: a radio group on screen
        choices += [fields.choice("reply", key, choice), para(choice, text)]
    choice_row = Table([choices], colWidths=[tick + 3 * mm, None] * len(reply.choices))
    choice_row.setStyle(
        _tight(
            [
                (
                    "TOPPADDING",
                    (0, 0),
                    (-1, -1),
                    (1.5 if text.fontSize <= look.compact.fontSize else 3) * mm,
                )
            ]
        )
    )
    inner.append(choice_row)
    for number, label in enumerate(reply.fields, 1):
        row = Table(
            [[para(label, text), fields.line(f"reply_field_{number}", label)]],
            colWidths=[_text_width(label, text) + 3 * mm, None],
        )
        row.setStyle(_tight([("TOPPADDING", (0, 0), (-1, -1), 2 * mm)]))
        inner.append(row)
    inner += [Spacer(0, 1 * mm), para(reply.send_to, styles.muted)]
    if fields.fillable and letter.identifier:
        inner.append(_Hidden(fields, IDENTIFIER, letter.identifier))
    panel = Table([[inner]])
    panel.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 1, layout.colour("accent")),
                ("BACKGROUND", (0, 0), (-1, -1), layout.colour("paper_tint")),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    return panel


def _text_width(text: str, style: ParagraphStyle) -> float:
    return float(stringWidth(text, style.fontName, style.fontSize))


def _tight(extra: list[tuple[object, ...]]) -> object:
    return table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            *extra,
        ]
    )


class _Fields:
    """Makes writing boxes, lines and tick boxes: drawn for paper, or as form fields."""

    def __init__(self, look: _Look, fillable: bool, prefix: str) -> None:
        layout = look.context.layout
        self.layout = layout
        self.fillable = fillable
        self.prefix = prefix
        self.extra = 0.0  # room added to each writing box, set once the page is measured
        self.accent, self.rule = look.colours

    def box(self, name: str, tooltip: str) -> Flowable:
        height = self.layout.mm("letter", "answer_mm")
        return _Box(self, f"{self.prefix}{name}", tooltip, height, multiline=True)

    def line(self, name: str, tooltip: str) -> Flowable:
        return _Box(self, f"{self.prefix}{name}", tooltip, self.layout.mm("letter", "line_mm"))

    def tick(self, name: str, tooltip: str) -> Flowable:
        return _Tick(self, f"{self.prefix}{name}", tooltip)

    def choice(self, group: str, value: str, tooltip: str) -> Flowable:
        """One button of a radio group: ticking one clears the others."""
        return _Tick(self, f"{self.prefix}{group}", tooltip, radio=value)


class _Box(Flowable):
    """Room to write: ruled lines on paper, a multi-line text field on screen."""

    def __init__(
        self, fields: _Fields, name: str, tooltip: str, height: float, multiline: bool = False
    ) -> None:
        super().__init__()
        self.fields, self.name, self.tooltip = fields, name, tooltip
        self.base, self.multiline = height, multiline
        self.height = height

    def wrap(self, available_width: float, _: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.base + self.fields.extra if self.multiline else self.base
        return self.width, self.height

    def draw(self) -> None:
        fields, canvas = self.fields, self.canv
        layout = fields.layout
        if fields.fillable:
            canvas.acroForm.textfield(
                name=self.name,
                tooltip=self.tooltip,
                x=0,
                y=0,
                width=self.width,
                height=self.height,
                relative=True,
                fillColor=white,
                borderColor=fields.rule,
                textColor=layout.colour("ink"),
                borderWidth=0.8,
                fontName=FIELD_FONT,
                fontSize=float(layout.value("letter", "field_size")),
                fieldFlags="multiline" if self.multiline else "",
                maxlen=2000 if self.multiline else 200,
            )
            return
        canvas.saveState()
        canvas.setStrokeColor(fields.rule)
        if not self.multiline:  # a single line to write on
            canvas.setLineWidth(0.6)
            canvas.line(0, 1.5 * mm, self.width, 1.5 * mm)
            canvas.restoreState()
            return
        canvas.setFillColor(white)
        canvas.setLineWidth(0.8)
        radius = layout.mm("letter", "radius_mm")
        canvas.roundRect(0, 0, self.width, self.height, radius, stroke=1, fill=1)
        spacing = layout.mm("letter", "line_mm")
        canvas.setLineWidth(0.3)
        y = self.height - spacing
        while y > spacing * 0.5:
            canvas.line(2 * mm, y, self.width - 2 * mm, y)
            y -= spacing
        canvas.restoreState()


class _Tick(Flowable):
    def __init__(self, fields: _Fields, name: str, tooltip: str, radio: str = "") -> None:
        super().__init__()
        self.fields, self.name, self.tooltip = fields, name, tooltip
        self.radio = radio  # the export value of a radio button; "" for a tick box
        self.size = fields.layout.mm("letter", "tick_mm")

    def wrap(self, *_: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        fields, canvas = self.fields, self.canv
        if fields.fillable and self.radio:
            canvas.acroForm.radio(
                name=self.name,
                value=self.radio,
                tooltip=self.tooltip,
                x=0,
                y=-0.6 * mm,
                size=self.size,
                relative=True,
                buttonStyle="circle",
                shape="circle",
                fillColor=white,
                borderColor=fields.accent,
                textColor=fields.layout.colour("ink"),
                borderWidth=0.9,
                fieldFlags="noToggleToOff radio",
            )
            return
        if fields.fillable:
            canvas.acroForm.checkbox(
                name=self.name,
                tooltip=self.tooltip,
                x=0,
                y=-0.6 * mm,
                size=self.size,
                relative=True,
                buttonStyle="check",
                fillColor=white,
                borderColor=fields.accent,
                textColor=fields.layout.colour("ink"),
                borderWidth=0.9,
                fieldFlags="",
            )
            return
        canvas.setStrokeColor(fields.accent)
        canvas.setFillColor(white)
        canvas.setLineWidth(0.9)
        if self.radio:  # on paper too, a round box: one or the other
            half = self.size / 2
            canvas.circle(half, half - 0.6 * mm, half, stroke=1, fill=1)
            return
        canvas.rect(0, -0.6 * mm, self.size, self.size, stroke=1, fill=1)


class _Hidden(Flowable):
    """A hidden, read-only text field holding ``value``; it takes no room on the page."""

    def __init__(self, fields: _Fields, name: str, value: str) -> None:
        super().__init__()
        self.fields, self.name, self.value = fields, f"{fields.prefix}{name}", value

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.acroForm.textfield(
            name=self.name,
            value=self.value,
            x=0,
            y=0,
            width=1,
            height=1,
            relative=True,
            borderWidth=0,
            fillColor=None,
            borderColor=None,
            annotationFlags="hidden",
            fieldFlags="readOnly",
            maxlen=0,
            fontName=FIELD_FONT,
            fontSize=1,
        )
