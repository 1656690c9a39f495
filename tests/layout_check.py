"""Reads a rendered PDF back with positions and lists what the eye would call a layout fault.

Generic on purpose: it knows nothing of the page kinds, so a page added later is checked
the day it is merged. Every rule works on what is printed (words with their boxes, sizes,
fonts and colours; rules, boxes and curves), never on how the page was built. The few
measures it needs (the type floor, the heading scale, the measure, the least fill) are read
from the layout (layouts/default.yaml), so the check and the pages agree on them.

The rules, each with the fault it is for (tests/render/test_layout_check.py plants each):
type under 9 pt, margin, overlap, text over a line, ellipsis (a name cut), e-mail broken,
footer (the dates not whole), page count; and for composition:
- near-empty: a page filled less than a quarter, except a document's last page;
- heading last / heading stranded: a heading ends a page, or has less than two lines of
  what it heads under it before the page ends;
- running head: a page opens a section of its own under a head that names another;
- heading case: one heading level set both in capitals and in mixed case;
- measure: running text in lines of more than 75 characters;
- table split: a table's header at a page's foot with fewer than two rows, or its end on a
  page with fewer than two rows under the repeated header;
- block split: a block of labelled lines (signatures) split across two pages;
- side column alone: a page ends with a line in the side column (a step's time) whose text
  is on the next page (not a caption beside its picture, which ends no lower).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber

from workbook.render.layout import load_layout

MM = 72 / 25.4
_LAYOUT = load_layout()
MIN_SIZE = float(_LAYOUT.size("min"))  # the type floor of the quality bar
_HEADINGS = _LAYOUT.data["headings"]
# bold at the smallest heading level or more heads a section (the kicker is a label, not a
# heading); bold at a part's size or more opens a section of its own
HEADING_SIZE = float(_HEADINGS["sub"]["size"])
OPENING_SIZE = float(_HEADINGS["part"]["size"])
DISPLAY = float(_HEADINGS["chapter"]["size"]) + 1  # larger: a title or a name card, not a heading
BODY_SIZE = float(_LAYOUT.size("body"))
MEASURE = 75  # characters: the most a line of running text holds (60-75)
LEAST_FILL = float(_LAYOUT.value("grid", "least_fill"))
FOOTER_ZONE = 16 * MM  # above the sheet's lower edge: the footer, not the page's text
HEAD_ZONE = 16 * MM  # below the sheet's top edge: the running head
SIDE = float(_LAYOUT.mm("grid", "gutter_mm"))  # used with the margins to find the side column


@dataclass(frozen=True)
class Fault:
    page: int  # 1-based
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.rule}: {self.detail}"


@dataclass
class Expect:
    """What the checked document must hold whole: values the facilitator typed."""

    whole: Sequence[str] = ()  # names and organisations: never cut with an ellipsis
    # titles that may be shortened at a word, with an ellipsis (a poster's strip, a footer)
    shortened: Sequence[str] = ()
    emails: Sequence[str] = ()  # never broken across lines
    footer: Sequence[str] = ()  # in the footer of every page, whole (the dates)
    margin_mm: float = 10.0
    pages: int | None = None  # exactly this many pages, when the document promises it
    ignore: set[str] = field(default_factory=set)  # rules that do not apply to this document
    # the last page of each document the file holds (a pack holds several print jobs):
    # those may be filled less than a quarter; None: only the file's last page
    ends: Sequence[int] | None = None


@dataclass(frozen=True)
class Reading:
    faults: list[Fault]
    boxes: list[list[float]]  # per page, the heights (mm) of drawn shapes over 10 mm tall


@dataclass
class _Page:
    """What the document-wide rules need of a page once it has been read."""

    first_heading: bool = False
    last_heading: bool = False
    tail_rows: tuple[float, float, int] | None = None  # a labelled block ending the page
    head_rows: tuple[float, float, int] | None = None  # a labelled block starting the page
    headers: list[tuple[float, str, int]] = field(default_factory=list)  # top, words, rows
    top_text: float = 0.0
    height: float = 0.0
    side_last: bool = False
    headings: list[tuple[tuple[float, bool, str], str]] = field(default_factory=list)


def check_pdf(path: Path, expect: Expect) -> list[Fault]:
    return read_pdf(path, expect).faults


def read_pdf(path: Path, expect: Expect) -> Reading:
    """The faults of a PDF, and its tall shapes (a letter's writing boxes), in one reading."""
    faults: list[Fault] = []
    boxes: list[list[float]] = []
    read: list[_Page] = []
    with pdfplumber.open(path) as pdf:
        count = len(pdf.pages)
        if expect.pages is not None and count != expect.pages:
            faults.append(Fault(1, "page count", f"{count} pages, not {expect.pages}"))
        ends = set(expect.ends) if expect.ends is not None else set()
        ends.add(count)
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words(
                extra_attrs=["size", "fontname", "non_stroking_color"], use_text_flow=False
            )
            found, about = check_page(page, words, number, expect, number in ends or count == 1)
            faults += found
            read.append(about)
            boxes.append([c["height"] / MM for c in page.curves if c["height"] > 10 * MM])
            page.close()
    faults += _across(read, expect)
    faults = [f for f in faults if f.rule not in expect.ignore]
    return Reading(faults, boxes)


def _across(read: list[_Page], expect: Expect) -> list[Fault]:
    """The rules that look at two pages together, and at every heading of the document."""
    faults: list[Fault] = []
    for number, (page, following) in enumerate(pairwise(read), 1):
        # A heading ends a page and the next page goes on without one: the heading was
        # parted from what it heads. (A page that ends in bold, like a board's questions or
        # a total, followed by a page that starts with its own heading, is a page that ended.)
        if page.last_heading and not following.first_heading:
            faults.append(Fault(number, "heading last", "its text is on the next page"))
        if page.tail_rows and following.head_rows:
            (x0, x1, before), (u0, u1, after) = page.tail_rows, following.head_rows
            if abs(x0 - u0) < 2 and abs(x1 - u1) < 2:
                faults.append(
                    Fault(number, "block split", f"{before} lines here, {after} on the next page")
                )
        faults += _table_split(number, page, following)
        if page.side_last and not following.first_heading:
            faults.append(Fault(number, "side column alone", "its text is on the next page"))
    levels: dict[tuple[float, bool, str], dict[bool, str]] = {}
    for page in read:
        for level, text in page.headings:
            levels.setdefault(level, {}).setdefault(_capitals(text), text)
    for level, seen in levels.items():
        if len(seen) == 2:
            faults.append(
                Fault(1, "heading case", f"{level[0]} pt: {seen[True]!r} and {seen[False]!r}")
            )
    return faults


def check_page(
    page: Any, words: list[dict[str, Any]], number: int, expect: Expect, last: bool
) -> tuple[list[Fault], _Page]:
    chars = page.chars
    height = float(page.height)
    body = [w for w in words if HEAD_ZONE <= w["bottom"] < height - FOOTER_ZONE]
    head = [w for w in words if w["bottom"] < HEAD_ZONE]
    footer = [w for w in words if w["bottom"] >= height - FOOTER_ZONE]
    faults = [Fault(number, rule, detail) for rule, detail in _small_type(chars)]
    faults += [Fault(number, "margin", d) for d in _outside(words, page, expect.margin_mm)]
    faults += [Fault(number, "overlap", d) for d in _overlaps(words)]
    faults += [Fault(number, "text over a line", d) for d in _crossed(body, page.edges)]
    if not last:
        faults += [Fault(number, "near-empty", d) for d in _near_empty(body, page, height)]
    lines = _lines(words)
    faults += [Fault(number, "ellipsis", d) for d in _cut(lines, expect.whole, expect.shortened)]
    faults += [Fault(number, "e-mail broken", d) for d in _broken_emails(words, expect.emails)]
    faults += [Fault(number, "measure", d) for d in _measure(_lines(body, gap=1))]
    faults += [Fault(number, "running head", d) for d in _wrong_head(head, body, page)]
    faults += [Fault(number, "heading stranded", d) for d in _stranded(body, page, height)]
    if expect.footer:
        text = " ".join(w["text"] for w in footer)
        for value in expect.footer:
            if _squash(value) not in _squash(text):
                faults.append(Fault(number, "footer", f"{value!r} not whole in {text!r}"))
    return faults, _about(page, body, height)


def _small_type(chars: Iterable[dict[str, Any]]) -> Iterable[tuple[str, str]]:
    small = [c for c in chars if c["text"].strip() and float(c["size"]) < MIN_SIZE - 0.05]
    if small:
        sample = "".join(c["text"] for c in small[:40])
        yield "type under 9 pt", f"{min(c['size'] for c in small):.2f} pt: {sample!r}"


def _outside(words: Sequence[dict[str, Any]], page: Any, margin_mm: float) -> Iterable[str]:
    edge = margin_mm * MM - 0.5
    for w in words:
        if (
            w["x0"] < edge
            or w["top"] < edge
            or w["x1"] > float(page.width) - edge
            or w["bottom"] > float(page.height) - edge
        ):
            yield f"{w['text']!r} at ({w['x0']:.0f}, {w['top']:.0f})"


def _core(w: dict[str, Any]) -> tuple[float, float, float, float]:
    """The word's box without the air a font puts above and below the letters."""
    h = w["bottom"] - w["top"]
    return w["x0"] + 0.5, w["top"] + 0.1 * h, w["x1"] - 0.5, w["bottom"] - 0.1 * h


def _overlaps(words: Sequence[dict[str, Any]]) -> Iterable[str]:
    boxes = sorted((_core(w), w["text"]) for w in words)
    for i, ((x0, t0, x1, b0), text) in enumerate(boxes):
        for (u0, s0, _u1, c0), other in boxes[i + 1 :]:
            if u0 >= x1:
                break
            if s0 < b0 and t0 < c0:
                yield f"{text!r} over {other!r} at ({x0:.0f}, {t0:.0f})"


def _crossed(words: Sequence[dict[str, Any]], edges: Iterable[dict[str, Any]]) -> Iterable[str]:
    """A rule or a box's edge running through a word: the text left its box or was drawn
    over a line."""
    for e in edges:
        horizontal = abs(e["top"] - e["bottom"]) < 0.5
        vertical = abs(e["x0"] - e["x1"]) < 0.5
        if not (horizontal or vertical):
            continue
        for w in words:
            x0, top, x1, bottom = _core(w)
            if horizontal and top < e["top"] < bottom and min(x1, e["x1"]) - max(x0, e["x0"]) > 1:
                yield f"{w['text']!r} crossed at y={e['top']:.0f}"
            elif (
                vertical
                and x0 + 0.5 < e["x0"] < x1 - 0.5
                and min(bottom, e["bottom"]) - max(top, e["top"]) > 1
            ):
                yield f"{w['text']!r} crossed at x={e['x0']:.0f}"


def _lines(words: Sequence[dict[str, Any]], gap: float = 3) -> list[list[dict[str, Any]]]:
    """Words grouped into printed lines: the same baseline and no gap between them wider
    than ``gap`` times the type's size (a column's edge is wider than a word space)."""
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        last = lines[-1][-1] if lines else None
        if (
            last is not None
            and abs(last["bottom"] - w["bottom"]) < 1.5
            and w["x0"] - last["x1"] < gap * float(w["size"])
        ):
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


def _is_heading(line: Sequence[dict[str, Any]], size: float = HEADING_SIZE) -> bool:
    return all("Bold" in w["fontname"] and float(w["size"]) >= size - 0.05 for w in line)


def _text(line: Sequence[dict[str, Any]]) -> str:
    return " ".join(w["text"] for w in line)


def _drawn(page: Any, height: float) -> list[dict[str, Any]]:
    """The shapes of the page's body: rules, boxes, curves, images."""
    return [
        o
        for o in (*page.rects, *page.lines, *page.curves, *page.images)
        if o["top"] >= HEAD_ZONE and o["bottom"] < height - FOOTER_ZONE
    ]


def _about(page: Any, words: list[dict[str, Any]], height: float) -> _Page:
    """What the rules across pages need of this page: whether its first and last lines are
    headings (a last line with a box or rule drawn under it is not an end), its headings by
    level, labelled blocks and table headers at its ends, and a side column's last line."""
    about = _Page()
    if not words:
        return about
    lines = sorted(_lines(words), key=lambda line: line[0]["bottom"])
    lowest = lines[-1][0]["bottom"]
    drawn = _drawn(page, height)
    below = [o for o in drawn if o["top"] > lowest + 1]
    about.first_heading = _is_heading(lines[0])
    about.last_heading = _is_heading(lines[-1]) and not below
    for line in lines:
        text = _text(line)
        if _is_heading(line) and sum(c.isalpha() for c in text) >= 2:
            colour = str(line[0].get("non_stroking_color"))
            about.headings.append(((round(float(line[0]["size"]) * 2) / 2, True, colour), text))
    rules = sorted(
        (o for o in page.lines if abs(o["top"] - o["bottom"]) < 0.5 and o["width"] > 40 * MM),
        key=lambda o: o["top"],
    )
    about.tail_rows = _labelled_block(lines, rules, last=True)
    about.head_rows = _labelled_block(lines, rules, last=False)
    about.headers = _table_headers(lines, rules)
    about.top_text = min(line[0]["top"] for line in lines)
    about.height = height
    side = float(_LAYOUT.margin("left")) + 30 * MM  # a line ending this far in is in the side
    last_line = lines[-1]
    level = [w for w in words if abs(w["bottom"] - last_line[0]["bottom"]) < 3]
    # a picture in the text column reaching as low as the line (a caption's figure), or text
    # beside a line of the side column's last block: what it goes with is on this page
    bottom = last_line[0]["bottom"]
    figure = [o for o in page.images if o["x0"] >= side and o["bottom"] >= bottom - 1]
    block = [last_line]
    for line in reversed([line for line in lines if max(w["x1"] for w in line) < side][:-1]):
        if block[-1][0]["top"] - line[0]["bottom"] > float(line[0]["size"]):
            break
        block.append(line)
    figure += [
        w
        for w in words
        if w["x0"] >= side
        and any(w["top"] < line[0]["bottom"] and line[0]["top"] < w["bottom"] for line in block)
    ]
    about.side_last = (
        max(w["x1"] for w in level) < side
        and not below
        and not figure
        and not _is_heading(last_line)
        and len(lines) > 3
    )
    return about


def _labelled_block(
    lines: list[list[dict[str, Any]]], rules: list[dict[str, Any]], last: bool
) -> tuple[float, float, int] | None:
    """A run of labelled lines (a small label right above a rule it names: signatures) at the
    page's end (or start) with nothing after (before) it: its rules' extent and its count."""
    pairs = []
    for line in lines:
        if float(line[0]["size"]) > MIN_SIZE + 0.6:
            continue
        bottom = line[0]["bottom"]
        under = [r for r in rules if 0 < r["top"] - bottom < 12 * MM]
        # the nearest rule, the heaviest of those drawn at the same height
        nearest = min(
            under, key=lambda r: (round(r["top"]), -float(r.get("linewidth") or 0)), default=None
        )
        if nearest is not None and float(nearest.get("linewidth") or 0) < 0.9:  # not a header
            pairs.append((line, nearest))
    if not pairs:
        return None
    ordered = lines if last else lines[::-1]
    end_line = ordered[-1]
    run = pairs if last else pairs[::-1]
    if run[-1][0] is not end_line:
        return None
    x0, x1 = run[-1][1]["x0"], run[-1][1]["x1"]
    count = sum(1 for _, rule in run if abs(rule["x0"] - x0) < 2 and abs(rule["x1"] - x1) < 2)
    return x0, x1, count


def _table_headers(
    lines: list[list[dict[str, Any]]], rules: list[dict[str, Any]]
) -> list[tuple[float, str, int]]:
    """Each table header on the page (bold labels right over a heavy rule): where its rule
    is, its words, and the rows (light rules as wide) under it on the page."""
    found: list[tuple[float, str, int]] = []
    for rule in rules:
        if float(rule.get("linewidth") or 0) < 0.9:
            continue
        over = [
            line
            for line in lines
            if 0 <= rule["top"] - line[-1]["bottom"] < 8 * MM
            and all("Bold" in w["fontname"] for w in line)
        ]
        if not over:
            continue
        rows = [
            r
            for r in rules
            if r["top"] > rule["top"] + 1
            and abs(r["x0"] - rule["x0"]) < 2
            and abs(r["x1"] - rule["x1"]) < 2
            and float(r.get("linewidth") or 0) < 0.9
        ]
        found.append((rule["top"], _text(over[-1]), len(rows)))
    return sorted(found)


def _table_split(number: int, page: _Page, following: _Page) -> list[Fault]:
    """A table split across ``page`` and ``following`` (the header repeated at the top of
    the next page) with fewer than two rows on either page."""
    if not page.headers or not following.headers:
        return []
    top, words, rows = following.headers[0]
    if top - following.top_text > 20 * MM or all(w != words for _, w, _ in page.headers):
        return []  # the next page does not go on with a table of this page
    faults = []
    _, _, before = next(h for h in reversed(page.headers) if h[1] == words)
    if before < 2:
        faults.append(Fault(number, "table split", f"header {words!r} with {before} rows"))
    if rows < 2:
        faults.append(Fault(number + 1, "table split", f"the end of {words!r}: {rows} row"))
    return faults


def _near_empty(words: Sequence[dict[str, Any]], page: Any, height: float) -> Iterable[str]:
    things = [*words, *_drawn(page, height)]
    top_margin = min((t["top"] for t in things), default=0.0)
    lowest = max((t["bottom"] for t in things), default=0.0)
    frame = height - FOOTER_ZONE - top_margin
    if frame > 0 and (lowest - top_margin) < LEAST_FILL * frame:
        sample = " ".join(w["text"] for w in words[:12])
        share = (lowest - top_margin) / frame
        down = (lowest - top_margin) / MM
        yield f"filled {share:.0%}, content ends {down:.0f} mm down: {sample!r}"


def _stranded(words: Sequence[dict[str, Any]], page: Any, height: float) -> Iterable[str]:
    """A heading with less than two lines' room of what it heads under it on its page."""
    lines = sorted(_lines(words), key=lambda line: line[0]["bottom"])
    if not lines:
        return
    last = lines[-1]
    lowest = max(
        [w["bottom"] for w in last]
        + [o["bottom"] for o in _drawn(page, height) if o["top"] > last[0]["bottom"] - 1]
    )
    for index, line in enumerate(lines):
        if not _is_heading(line) or index == len(lines) - 1 or line[0]["size"] > DISPLAY:
            continue
        following = [other for other in lines[index + 1 :] if not _is_heading(other)]
        if any(_is_heading(other) for other in lines[index + 1 :]):
            continue  # not the page's last heading
        room = lowest - line[0]["bottom"]
        if len(following) < 2 and room < 2 * BODY_SIZE * 1.35:
            yield f"{_text(line)!r} with {len(following)} line under it"


def _measure(lines: Sequence[Sequence[dict[str, Any]]]) -> Iterable[str]:
    """Running text (regular body type) in lines longer than the measure."""
    for line in lines:
        if not all(
            "Regular" in w["fontname"] and abs(float(w["size"]) - BODY_SIZE) < 0.3 for w in line
        ):
            continue
        text = _text(line)
        if len(text) > MEASURE + 3:  # a ragged line may run a word over the measure's middle
            yield f"{len(text)} characters: {text[:50]!r}…"


def _wrong_head(
    head: Sequence[dict[str, Any]], body: Sequence[dict[str, Any]], page: Any
) -> Iterable[str]:
    """A running head over a page that opens a section of its own, naming another."""
    if not head or not body:
        return
    shown = _squash(_text(sorted(head, key=lambda w: w["x0"]))).lower()
    top = min(w["top"] for w in body)
    for line in sorted(_lines(body), key=lambda line: line[0]["bottom"]):
        if line[0]["top"] > top + 45 * MM:
            break
        if _is_heading(line, OPENING_SIZE):
            title = _squash(_text(line)).lower()
            if title not in shown:
                yield f"{_text(head)!r} over {_text(line)!r}"
            return


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _cut(
    lines: Sequence[Sequence[dict[str, Any]]], whole: Sequence[str], shortened: Sequence[str] = ()
) -> Iterable[str]:
    """An ellipsis right after the start of something the facilitator typed (but not a
    title shortened at a word, where a title may be)."""
    for line in lines:
        text = " ".join(w["text"] for w in line)
        for match in re.finditer("…", text):
            cut = text[: match.start()].rstrip()
            if any(title.startswith(cut) for title in shortened):
                continue
            before = cut[-14:]
            if len(before) >= 4 and any(before in value for value in whole):
                yield text


def _broken_emails(words: Sequence[dict[str, Any]], emails: Sequence[str]) -> Iterable[str]:
    for w in words:
        text = w["text"].strip(".,;:()")
        for email in emails:
            # a piece of an address: it holds its '@' or a dot between letters
            piece = "@" in text or re.search(r"\w\.\w", text)
            if piece and text != email and email not in text and text in email:
                yield f"{text!r} of {email!r}"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
