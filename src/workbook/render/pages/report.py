"""The report for the partners: one flowing section, the photos of the boards at the end."""

from __future__ import annotations

from reportlab.platypus import Flowable, Image, KeepTogether, Spacer

from workbook.plan.report import Report
from workbook.render.document import PORTRAIT, Block, Context
from workbook.render.styles import para, table_style
from workbook.render.tables import Table


def render_report(page: Report, context: Context) -> Block:
    styles, layout = context.styles, context.layout
    story: list[Flowable] = [
        para(page.title, styles.h1),
        para(page.subtitle, styles.strong),
        para(page.lead, styles.lead),
        para(page.facts_title, styles.h2),
    ]
    label = layout.mm("report", "facts_label_mm")
    facts = Table(
        [[para(k, styles.label), para(v, styles.body)] for k, v in page.facts],
        colWidths=[label, None],
    )
    facts.setStyle(
        table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    story.append(facts)
    story.append(para(page.ambitions_title, styles.h2))
    for title, text in page.ambitions:
        story.append(KeepTogether([para(title, styles.h3), *_paragraphs(text, context)]))
    if not page.ambitions:
        story.append(para(page.empty, styles.muted))
    story.append(para(page.steps_title, styles.h2))
    if page.steps:
        story.append(_steps(page, context))
    else:
        story.append(para(page.empty, styles.muted))
    story.append(para(page.documentation_title, styles.h2))
    for question, decision in page.decisions:
        story.append(KeepTogether([para(question, styles.h3), *_paragraphs(decision, context)]))
    if not page.decisions:
        story.append(para(page.empty, styles.muted))
    if page.photos:
        story.append(para(page.photos_title, styles.h2))
        story += [_photo(photo.path, photo.label, photo.caption, context) for photo in page.photos]
    story.append(Spacer(0, 12))
    story += [para(text, styles.muted) for text in page.credit]
    return Block(PORTRAIT, story)


def _paragraphs(text: str, context: Context) -> list[Flowable]:
    """The partners' text as they wrote it: a paragraph per blank-line-separated block."""
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    return [para(" ".join(block.split()), context.styles.body) for block in blocks]


def _steps(page: Report, context: Context) -> Table:
    styles, layout = context.styles, context.layout
    rows: list[list[Flowable]] = [[para(c, styles.label) for c in page.columns]]
    for row in page.steps:
        rows.append(
            [
                para(row.who, styles.cell_bold),
                para(row.what, styles.cell),
                para(row.when, styles.cell),
                para(row.area, styles.cell),
            ]
        )
    table = Table(rows, colWidths=["20%", "37%", "19%", "24%"], repeatRows=1, splitInRow=1)
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, layout.colour("accent")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.5, layout.colour("rule")),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _photo(path: str, label: str, caption: str, context: Context) -> Flowable:
    """A photo scaled to the text's width, no taller than the layout allows, its label and
    caption under it, kept on one page."""
    from reportlab.lib.utils import ImageReader

    layout, styles = context.layout, context.styles
    width = layout.paper[0] - layout.margin("left") - layout.margin("right")
    most = layout.mm("report", "photo_max_height_mm")
    pixels_w, pixels_h = ImageReader(path).getSize()
    scale = min(width / pixels_w, most / pixels_h)
    image = Image(path, width=pixels_w * scale, height=pixels_h * scale)
    image.hAlign = "LEFT"
    text = f"{label}: {caption}" if caption else label
    return KeepTogether([Spacer(0, 6), image, Spacer(0, 3), para(text, styles.muted)])
