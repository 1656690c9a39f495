"""Reads a rendered PDF back with positions and lists what the eye would call a layout fault.

Generic on purpose: it knows nothing of the page kinds, so a page added later is checked
the day it is merged. Every rule works on what is printed (words with their boxes, sizes
and fonts; rules, boxes and curves), never on how the page was built.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber

MM = 72 / 25.4
MIN_SIZE = 9.0  # the type floor of the quality bar (layouts/default.yaml `type.min`)
HEADING_SIZE = 14.5  # bold at this size or more heads a section (`type.h2`; h3 also sets questions)
FOOTER_ZONE = 16 * MM  # above the sheet's lower edge: the footer, not the page's text
NEAR_EMPTY = 0.15  # a page whose content ends in its top 15 % holds a stray remnant


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
    emails: Sequence[str] = ()  # never broken across lines
    footer: Sequence[str] = ()  # in the footer of every page, whole (the dates)
    margin_mm: float = 10.0
    pages: int | None = None  # exactly this many pages, when the document promises it
    ignore: set[str] = field(default_factory=set)  # rules that do not apply to this document


@dataclass(frozen=True)
class Reading:
    faults: list[Fault]
    boxes: list[list[float]]  # per page, the heights (mm) of drawn shapes over 10 mm tall


def check_pdf(path: Path, expect: Expect) -> list[Fault]:
    return read_pdf(path, expect).faults


def read_pdf(path: Path, expect: Expect) -> Reading:
    """The faults of a PDF, and its tall shapes (a letter's writing boxes), in one reading."""
    faults: list[Fault] = []
    boxes: list[list[float]] = []
    with pdfplumber.open(path) as pdf:
        if expect.pages is not None and len(pdf.pages) != expect.pages:
            faults.append(Fault(1, "page count", f"{len(pdf.pages)} pages, not {expect.pages}"))
        ends: list[tuple[bool, bool]] = []  # per page: (first line, last line) is a heading
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words(extra_attrs=["size", "fontname"], use_text_flow=False)
            faults += [
                f
                for f in check_page(page, words, number, expect, len(pdf.pages))
                if f.rule not in expect.ignore
            ]
            ends.append(_heading_ends(page, words))
            boxes.append([c["height"] / MM for c in page.curves if c["height"] > 10 * MM])
            page.close()
    # A heading ends a page and the next page goes on without one: the heading was parted
    # from what it heads. (A page that ends in bold, like a board's questions or a total,
    # followed by a page that starts with its own heading, is a page that ended.)
    for number, ((_, last), (first, _)) in enumerate(pairwise(ends), 1):
        if last and not first and "heading last" not in expect.ignore:
            faults.append(Fault(number, "heading last", "its text is on the next page"))
    return Reading(faults, boxes)


def check_page(
    page: Any, words: list[dict[str, Any]], number: int, expect: Expect, pages: int
) -> list[Fault]:
    chars = page.chars
    height = float(page.height)
    body = [w for w in words if w["bottom"] < height - FOOTER_ZONE]
    footer = [w for w in words if w["bottom"] >= height - FOOTER_ZONE]
    faults = [Fault(number, rule, detail) for rule, detail in _small_type(chars)]
    faults += [Fault(number, "margin", d) for d in _outside(words, page, expect.margin_mm)]
    faults += [Fault(number, "overlap", d) for d in _overlaps(words)]
    faults += [Fault(number, "text over a line", d) for d in _crossed(body, page.edges)]
    if pages > 1:
        faults += [Fault(number, "near-empty", d) for d in _near_empty(body, page, height)]
    lines = _lines(words)
    faults += [Fault(number, "ellipsis", d) for d in _cut(lines, expect.whole)]
    faults += [Fault(number, "e-mail broken", d) for d in _broken_emails(words, expect.emails)]
    if expect.footer:
        text = " ".join(w["text"] for w in footer)
        for value in expect.footer:
            if _squash(value) not in _squash(text):
                faults.append(Fault(number, "footer", f"{value!r} not whole in {text!r}"))
    return faults


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


def _lines(words: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into printed lines: the same baseline and no wide gap between them."""
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        last = lines[-1][-1] if lines else None
        if (
            last is not None
            and abs(last["bottom"] - w["bottom"]) < 1.5
            and w["x0"] - last["x1"] < 3 * float(w["size"])
        ):
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


def _is_heading(line: Sequence[dict[str, Any]]) -> bool:
    return all("Bold" in w["fontname"] and float(w["size"]) >= HEADING_SIZE - 0.05 for w in line)


def _heading_ends(page: Any, words: list[dict[str, Any]]) -> tuple[bool, bool]:
    """Whether the page's first and its last line of text (above the footer) are headings;
    a last line with a box or rule drawn under it is not an end."""
    height = float(page.height)
    words = [w for w in words if w["bottom"] < height - FOOTER_ZONE]
    if not words:
        return False, False
    lines = sorted(_lines(words), key=lambda line: line[0]["bottom"])
    lowest = lines[-1][0]["bottom"]
    below = [
        o
        for o in (*page.rects, *page.lines, *page.curves, *page.images)
        if o["top"] > lowest + 1 and o["bottom"] < height - FOOTER_ZONE
    ]
    return _is_heading(lines[0]), _is_heading(lines[-1]) and not below


def _near_empty(words: Sequence[dict[str, Any]], page: Any, height: float) -> Iterable[str]:
    things = [*words, *page.rects, *page.curves, *page.images]
    things += [line for line in page.lines if line["bottom"] < height - FOOTER_ZONE]
    top_margin = min((t["top"] for t in things), default=0.0)
    lowest = max((t["bottom"] for t in things if t["bottom"] < height - FOOTER_ZONE), default=0.0)
    frame = height - FOOTER_ZONE - top_margin
    if frame > 0 and (lowest - top_margin) < NEAR_EMPTY * frame:
        sample = " ".join(w["text"] for w in words[:12])
        yield f"content ends {(lowest - top_margin) / MM:.0f} mm down: {sample!r}"


def _cut(lines: Sequence[Sequence[dict[str, Any]]], whole: Sequence[str]) -> Iterable[str]:
    """An ellipsis right after the start of something the facilitator typed."""
    for line in lines:
        text = " ".join(w["text"] for w in line)
        for match in re.finditer("…", text):
            before = text[: match.start()].rstrip()[-14:]
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
