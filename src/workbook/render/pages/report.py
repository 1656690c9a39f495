"""The report for the partners, set on the pack's page system (layouts/README.md): an opening
band with the guide's circles, then its sections on the grid, each under a heading of the
``section`` level and named in the running head of the pages it continues on.

- the session's facts: labels in the side column, values in the text column;
- the ambitions: each under its dialogue's circles and title, in the dialogue's colour, the
  partners' words in the text column;
- the next steps by owner: the owner's name across the page, each step on the grid (its
  date and area in the side column, what is done in the text column); an owner is never
  parted from their first step, a step never split from its date;
- the documentation: each question as written, in bold, over the decision;
- the photos of the boards in the text column, each with its number and caption beside it
  in the side column, never parted;
- the guide's credit at the foot of the last page.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Image, KeepTogether, Spacer

from workbook.plan.report import Ambition, Report, ReportPhoto, StepRow
from workbook.render.document import PORTRAIT, Block, ChapterMark, Context, SectionMark
from workbook.render.flow import AtFoot, frame_height
from workbook.render.motif import Circles, opener
from workbook.render.pages.cover import kept_whole, too_wide_for_measure
from workbook.render.styles import grid_style, para, table_style
from workbook.render.tables import Table


def render_report(page: Report, context: Context) -> Block:
    styles = context.styles
    story: list[Flowable] = [
        ChapterMark(page.title),
        opener(
            context,
            para(page.title, styles.chapter),
            page.dates,
            all_strong=True,  # the report is about the whole process: all three in colour
            after=[para(page.session, styles.strong), para(page.lead, styles.lead)],
        ),
    ]
    story += _section(page.facts_title, _facts(page, context), context)
    story += _section(page.ambitions_title, _ambitions(page, context), context)
    story += _section(page.steps_title, _steps(page, context), context)
    story += _section(page.documentation_title, _decisions(page, context), context)
    if page.photos:
        photos = [_photo(photo, context) for photo in page.photos]
        story += _section(page.photos_title, photos, context)
    story.append(_credit(page, context))
    return Block(PORTRAIT, story)


def _section(title: str, pieces: Sequence[Flowable], context: Context) -> list[Flowable]:
    """A section's heading, kept with its first piece (and the mark that names it in the
    running heads of the pages it continues on), then its other pieces."""
    heading: list[Flowable] = [SectionMark(title), para(title, context.styles.section)]
    if not pieces:
        return heading
    return [_together([*heading, pieces[0]]), *pieces[1:]]


def _together(flowables: Sequence[Flowable]) -> KeepTogether:
    """``flowables`` kept on one page, a kept group among them opened into the whole (a
    group inside a group measures as taller than any page, and would push the whole on)."""
    content: list[Flowable] = []
    for flowable in flowables:
        content += flowable._content if isinstance(flowable, KeepTogether) else [flowable]
    return _Kept(content)


class _Kept(KeepTogether):  # type: ignore[misc]
    """A group kept on one page, measured with the space before its first piece (a
    heading's): ReportLab leaves it out, the frame does not, and a group measured a few
    points short splits after its heading."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = super().wrap(available_width, available_height)
        first = next((f for f in self._content if not isinstance(f, SectionMark)), None)
        if first is not None:
            self._H += first.getSpaceBefore()
        return width, height


def _empty(page: Report, context: Context) -> list[Flowable]:
    return [para(page.empty, context.styles.in_indent(context.styles.muted))]


def _grid_row(side: Sequence[Flowable], text: Sequence[Flowable], context: Context) -> Table:
    """One row on the grid: ``side`` in the side column, ``text`` in the text column."""
    grid = context.styles.grid
    table = Table([[list(side), "", list(text)]], colWidths=[grid.side, grid.gutter, grid.measure])
    table.setStyle(grid_style())
    return table


def _facts(page: Report, context: Context) -> list[Flowable]:
    """Each fact's label in the side column, its value in the text column: a table of a
    row each, so the heading keeps with the first alone and a page may end between two."""
    styles, layout = context.styles, context.layout
    grid = styles.grid
    rows: list[Flowable] = []
    for label, value in page.facts:
        spans = []
        if too_wide_for_measure(value, styles.body, context):
            # an address too wide for the text column even at the floor: the whole width,
            # under its label (as on the pack's cover), never broken inside
            cells = [
                [para(label, styles.kicker), "", ""],
                [kept_whole(value, styles.body, grid.frame, context), "", ""],
            ]
            spans = [("SPAN", (0, 1), (-1, 1))]
        else:
            cells = [
                [
                    para(label, styles.kicker),
                    "",
                    kept_whole(value, styles.body, grid.measure, context),
                ]
            ]
        row = Table(cells, colWidths=[grid.side, grid.gutter, grid.measure])
        row.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.4, layout.colour("rule")),  # under the fact
                    *spans,
                ]
            )
        )
        rows.append(row)
    return rows


def _ambitions(page: Report, context: Context) -> list[Flowable]:
    if not page.ambitions:
        return _empty(page, context)
    pieces: list[Flowable] = []
    for ambition in page.ambitions:
        pieces += _ambition(ambition, context)
    return pieces


def _ambition(ambition: Ambition, context: Context) -> list[Flowable]:
    """The dialogue's circles (its own in colour) beside its title in its colour, the
    partners' paragraphs under the title; the title keeps two lines of them."""
    styles, layout = context.styles, context.layout
    colour = layout.colour(f"dialogues.{ambition.dialogue}")
    circles = Circles(context, layout.mm("report", "motif_mm"), ambition.dialogue, False)
    title = para(ambition.title, styles.in_colour(styles.sub, colour))
    head = _grid_row([circles], [title], context)
    paragraphs = _paragraphs(ambition.text, context)
    return [KeepTogether([Spacer(0, 3 * mm), head, *paragraphs[:1]]), *paragraphs[1:]]


def _paragraphs(text: str, context: Context) -> list[Flowable]:
    """The partners' text as they wrote it, in the text column: a paragraph per
    blank-line-separated block."""
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    return [para(" ".join(block.split()), context.styles.text) for block in blocks]


def _steps(page: Report, context: Context) -> list[Flowable]:
    """The steps owner by owner: a header naming the columns, then each owner's name across
    the page over their steps. An owner's steps keep together where they fit on a page;
    a step is never split from its date."""
    if not page.steps:
        return _empty(page, context)
    styles, layout = context.styles, context.layout
    _, what, when, area = page.columns
    header = _grid_row(
        [para(f"{when} · {area}", styles.kicker)], [para(what, styles.kicker)], context
    )
    pieces: list[Flowable] = []
    groups: list[list[StepRow]] = []
    for row in page.steps:
        if groups and groups[-1][0].who == row.who:
            groups[-1].append(row)
        else:
            groups.append([row])
    for group in groups:
        owner = para(group[0].who, styles.strong)
        rows = [_step(row, context, index > 0) for index, row in enumerate(group)]
        rule = HRFlowable(
            width="100%", thickness=0.8, color=layout.colour("accent"), spaceBefore=5, spaceAfter=0
        )
        pieces.append(_Kept([rule, Spacer(0, 2), owner, *rows]))
    # the columns' names stay with the first owner
    pieces[0] = _together([header, pieces[0]])
    return pieces


def _step(row: StepRow, context: Context, ruled: bool) -> Table:
    """A step on the grid, a light rule over it but the owner's first (their name's rule)."""
    styles, layout = context.styles, context.layout
    grid = styles.grid
    side = [
        para(row.when, styles.side_bold if row.date else styles.side),
        para(row.area, styles.side),
    ]
    what = para(row.what, styles.body)
    # a step is never split from its date; only one too tall for half a page may be
    tall = what.wrap(grid.measure, frame_height(layout))[1] > frame_height(layout) / 2
    table = Table(
        [[side, "", what]],
        colWidths=[grid.side, grid.gutter, grid.measure],
        splitInRow=1 if tall else 0,
    )
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 4),
                ("RIGHTPADDING", (1, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *([("LINEABOVE", (0, 0), (-1, -1), 0.4, layout.colour("rule"))] if ruled else []),
            ]
        )
    )
    return table


def _decisions(page: Report, context: Context) -> list[Flowable]:
    """Each of the guide's questions as written, in bold in the text column, over what the
    partners decided; a question keeps two lines of its answer."""
    if not page.decisions:
        return _empty(page, context)
    styles = context.styles
    pieces: list[Flowable] = []
    for question, decision in page.decisions:
        paragraphs = _paragraphs(decision, context)
        asked = para(question, styles.in_indent(styles.question))
        pieces += [KeepTogether([Spacer(0, 2 * mm), asked, *paragraphs[:1]]), *paragraphs[1:]]
    return pieces


def _photo(photo: ReportPhoto, context: Context) -> Flowable:
    """A photo in the text column, scaled to its width and no taller than the layout
    allows, its number and caption beside it in the side column: one piece, never parted."""
    from reportlab.lib.utils import ImageReader

    layout, styles = context.layout, context.styles
    most = layout.mm("report", "photo_max_height_mm")
    pixels_w, pixels_h = ImageReader(photo.path).getSize()
    scale = min(styles.grid.measure / pixels_w, most / pixels_h)
    image = Image(photo.path, width=pixels_w * scale, height=pixels_h * scale)
    image.hAlign = "LEFT"
    side: list[Flowable] = [para(photo.label, styles.kicker)]
    if photo.caption:
        side.append(para(photo.caption, styles.side))
    row = _grid_row(side, [image], context)
    return KeepTogether([Spacer(0, 4 * mm), row])


def _credit(page: Report, context: Context) -> Flowable:
    """The guide's credit at the foot of the last page, under a rule, in the text column."""
    styles, layout = context.styles, context.layout
    # across the page, as the cover's (drawn at the foot, a rule takes no alignment)
    rule = HRFlowable(width="100%", thickness=0.5, color=layout.colour("rule"), spaceAfter=2 * mm)
    return AtFoot([rule, *[para(text, styles.in_indent(styles.muted)) for text in page.credit]])
