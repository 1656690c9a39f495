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
    Table,
)

from workbook.letters import Letter, Prompt
from workbook.render.document import Context
from workbook.render.fonts import BOLD
from workbook.render.layout import Layout
from workbook.render.styles import esc, para, rich, table_style

FIELD_FONT = "Helvetica"  # form fields must name one of the PDF's standard fonts


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
    )


def render(letter: Letter, context: Context, fillable: bool, prefix: str) -> list[Flowable]:
    """The flowables of one letter; ``prefix`` keeps form field names unique in a combined PDF."""
    look = _look(context)
    width, height = _frame(context.layout)
    slack = 4 * mm  # the frame rounds and pads a little more than the sum of the parts
    story = _page_one(letter, look, look.context.styles.body)
    if _measure(story, width) > height - slack:  # long names and titles: set the body smaller
        story = _page_one(letter, look, look.compact)
    # Page two is made once: measured with bare boxes, which then share the spare room.
    fields = _Fields(look, fillable, prefix)
    two = _page_two(letter, look, fields)
    spare = height - slack - _measure(two, width)
    fields.extra = max(0.0, spare) / _box_count(letter)
    return [*story, PageBreak(), *two]


def _frame(layout: Layout) -> tuple[float, float]:
    width, height = layout.paper
    return (
        width - layout.margin("left") - layout.margin("right"),
        height - layout.margin("top") - layout.margin("bottom"),
    )


def _page_one(letter: Letter, look: _Look, body: ParagraphStyle) -> list[Flowable]:
    styles = look.context.styles
    accent, _ = look.colours
    story: list[Flowable] = [
        _letterhead(letter, look),
        HRFlowable(width="100%", thickness=2, color=accent, spaceBefore=3 * mm, spaceAfter=6 * mm),
    ]
    for index, line in enumerate(letter.recipient):
        story.append(para(line, look.strong if index == 0 else look.address))
    story += [Spacer(0, 7 * mm), para(letter.subject, look.subject)]
    if letter.title:
        story.append(para(letter.title, styles.lead))
    else:
        story.append(Spacer(0, 3 * mm))
    story.append(para(letter.greeting, body))
    story += [para(text, body) for text in letter.body]
    story += [Spacer(0, 3 * mm), _details_and_programme(letter, look), Spacer(0, 5 * mm)]
    story += [para(text, body) for text in letter.closing]
    signature: list[Flowable] = [Spacer(0, 1 * mm), para(letter.regards, body), Spacer(0, 5 * mm)]
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


def _details_and_programme(letter: Letter, look: _Look) -> Flowable:
    """Practical details in a tinted panel beside the programme in brief."""
    context = look.context
    styles, layout = context.styles, context.layout
    label_width = max(_text_width(label, styles.label) for label, _ in letter.details) + 3 * mm
    facts = Table(
        [[para(label, styles.label), para(value, look.address)] for label, value in letter.details],
        colWidths=[label_width, None],
    )
    facts.setStyle(
        _tight([("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (0, -1), 1.5)])
    )
    details: list[Flowable] = [para(letter.details_heading, look.section), facts]
    rows: list[list[Flowable]] = []
    day_rows: list[tuple[object, ...]] = []
    for day in letter.programme:
        if len(letter.programme) > 1:  # a heading row per day, across both columns
            day_rows.append(("SPAN", (0, len(rows)), (1, len(rows))))
            rows.append([para(day.date, styles.cell_bold), para("", styles.cell)])
        for item in day.items:
            rows.append(
                [
                    para(item.clock, styles.muted if item.pause else styles.cell),
                    para(item.title, styles.muted if item.pause else styles.cell),
                ]
            )
    time_width = 22 * mm
    programme = Table(rows, colWidths=[time_width, None])
    programme.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, layout.colour("rule")),
                *day_rows,
            ]
        )
    )
    share = float(layout.value("letter", "details_width"))
    frame_width, _ = _frame(layout)
    gap = 7 * mm
    left = frame_width * share
    table = Table(
        [[details, [para(letter.programme_heading, look.section), programme]]],
        colWidths=[left, frame_width - left],
    )
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, 0), layout.colour("paper_tint")),
                ("LINEBEFORE", (0, 0), (0, 0), 2, layout.colour("accent")),
                ("LEFTPADDING", (0, 0), (0, 0), 4 * mm),
                ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm),
                ("TOPPADDING", (0, 0), (0, 0), 1 * mm),
                ("BOTTOMPADDING", (0, 0), (0, 0), 3 * mm),
                ("LEFTPADDING", (1, 0), (1, 0), gap),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("TOPPADDING", (1, 0), (1, 0), 0),
            ]
        )
    )
    return table


def _box_count(letter: Letter) -> int:
    """How many writing boxes share page 2's spare room."""
    return len(letter.resources.answers) + sum(len(p.answers) for p in letter.prompts)


def _page_two(letter: Letter, look: _Look, fields: _Fields) -> list[Flowable]:
    styles = look.context.styles
    story: list[Flowable] = [para(letter.prepare_heading, look.subject)]
    story += _prompt_head(letter.resources, look)
    kinds = letter.resource_kinds
    story.append(para(kinds.inspiration, styles.muted))
    story.append(_resource_ticks(letter, look, fields))
    story += _answers(letter.resources, look, fields)
    for prompt in letter.prompts:
        story += _prompt_head(prompt, look)
        story += _answers(prompt, look, fields)
    story += [Spacer(0, 4 * mm), _reply(letter, look, fields)]
    return story


def _prompt_head(prompt: Prompt, look: _Look) -> list[Flowable]:
    return [para(prompt.title, look.section), para(prompt.text, look.context.styles.body)]


def _answers(prompt: Prompt, look: _Look, fields: _Fields) -> list[Flowable]:
    story: list[Flowable] = []
    for number, question in enumerate(prompt.answers, 1):
        story.append(
            KeepTogether(
                [
                    para(question, look.prompt),
                    fields.box(f"{prompt.key}_{number}", question),
                ]
            )
        )
    return story


def _resource_ticks(letter: Letter, look: _Look, fields: _Fields) -> Flowable:
    """The kinds of resources as tick boxes, three to a row, then 'other' with a line."""
    styles, layout = look.context.styles, look.context.layout
    kinds = letter.resource_kinds
    tick = layout.mm("letter", "tick_mm")
    columns = 3
    cells: list[list[Flowable]] = []
    row: list[Flowable] = []
    for number, kind in enumerate(kinds.kinds, 1):
        row += [fields.tick(f"resource_{number}", kind), para(kind, styles.body)]
        if len(row) == 2 * columns:
            cells.append(row)
            row = []
    if row:
        row += [para("", styles.body)] * (2 * columns - len(row))
        cells.append(row)
    frame_width, _ = _frame(layout)
    cell = (frame_width - columns * (tick + 3 * mm)) / columns
    grid = Table(cells, colWidths=[tick + 3 * mm, cell] * columns)
    grid.setStyle(
        _tight(
            [
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (1, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    other_label = para(kinds.other, styles.body)
    label_width = _text_width(kinds.other, styles.body) + 3 * mm
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
    return KeepTogether([Spacer(0, 1.5 * mm), grid, other])


def _reply(letter: Letter, look: _Look, fields: _Fields) -> Flowable:
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
                    f'<font color="{accent}"><b>{esc(label)}:</b></font> {esc(value)}', look.address
                )
                for label, value in reply.facts
            ]
        ]
    )
    facts.setStyle(_tight([("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm)]))
    inner.append(facts)
    tick = layout.mm("letter", "tick_mm")
    choices: list[Flowable] = []
    for number, choice in enumerate(reply.choices, 1):
        choices += [fields.tick(f"reply_{number}", choice), para(choice, styles.body)]
    choice_row = Table([choices], colWidths=[tick + 3 * mm, None] * len(reply.choices))
    choice_row.setStyle(_tight([("TOPPADDING", (0, 0), (-1, -1), 3 * mm)]))
    inner.append(choice_row)
    for number, label in enumerate(reply.fields, 1):
        row = Table(
            [[para(label, styles.body), fields.line(f"reply_field_{number}", label)]],
            colWidths=[_text_width(label, styles.body) + 3 * mm, None],
        )
        row.setStyle(_tight([("TOPPADDING", (0, 0), (-1, -1), 2 * mm)]))
        inner.append(row)
    if reply.send_to:
        inner += [Spacer(0, 2 * mm), para(reply.send_to, styles.muted)]
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


def _measure(story: list[Flowable], width: float) -> float:
    total = 0.0
    for index, flowable in enumerate(story):
        if isinstance(flowable, KeepTogether):
            total += _measure(flowable._content, width)
            continue
        _, height = flowable.wrap(width, 10_000)
        before = flowable.getSpaceBefore() if index else 0
        total += before + height + flowable.getSpaceAfter()
    return total


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
    def __init__(self, fields: _Fields, name: str, tooltip: str) -> None:
        super().__init__()
        self.fields, self.name, self.tooltip = fields, name, tooltip
        self.size = fields.layout.mm("letter", "tick_mm")

    def wrap(self, *_: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        fields, canvas = self.fields, self.canv
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
        canvas.rect(0, -0.6 * mm, self.size, self.size, stroke=1, fill=1)
