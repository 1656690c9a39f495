"""The planning checklist: the guide's tasks, their deadlines counted back from the day, and
what to print with how many post-its each joint board holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from babel.lists import format_list

from workbook.core.typography import Rules
from workbook.language import model as cm
from workbook.language.loading import Content
from workbook.plan.words import DIALOGUES, Words, capital
from workbook.session.model import Session
from workbook.session.schedule import Schedule

if TYPE_CHECKING:
    from workbook.plan.passages import InvitationAdvice
    from workbook.plan.worksheets import Board


@dataclass(frozen=True)
class BoardCapacity:
    """How many square post-its each free field of each joint board holds, on the sheet the
    boards are printed on, and how many a field should hold for this group. Measured from
    the layout before the plan is made (``render.posters.capacities``)."""

    sheet: str  # a poster size or the pack's paper: a key of the language's paper names
    fields: dict[str, list[int]]  # by board key, in the boards' order
    need: int = 0
    # Boards no poster holds whole for this group, by key: printed a field per poster, on
    # posters of this size; their ``fields`` count each field on its own poster.
    apart: dict[str, str] = field(default_factory=dict)
    posters: bool = False  # ``sheet`` is a poster size (else the boards are in the pack only)
    largest: bool = False  # ``sheet`` is the largest poster size: there is no larger one
    fits: str | None = None  # the poster size to choose: the smallest that holds ``need``


@dataclass(frozen=True)
class PrintRow:
    item: str
    copies: int
    sheets: int
    board: str | None = None  # the joint board this row prints (see Board.key)
    post_its: int | None = None  # how many notes fit on it, as measured from the layout
    smallest: int | None = None  # how many fit in its smallest field


@dataclass(frozen=True)
class Checklist:
    heading: str
    title: str
    lead: str
    intro: str
    groups: list[cm.ChecklistGroup]
    print_title: str
    print_columns: tuple[str, str, str, str]
    print_rows: list[PrintRow]
    print_total: str
    print_hint: str
    deadlines_title: str = ""
    deadlines: list[tuple[str, str]] = field(default_factory=list)  # (date, task), earliest first
    capacity_warning: str = ""  # said when a board's smallest field holds too few notes
    size_name: str = ""  # the sheet the boards are counted on, as the language names it
    warnings: list[str] = field(default_factory=list)  # boards whose fields hold too few notes
    splits: list[str] = field(default_factory=list)  # boards printed a field per poster
    guide: cm.PrintGuide | None = None  # the print guide's words
    paper: str = "a4"  # the pack's sheet, a key of paper_names
    paper_names: dict[str, str] = field(default_factory=dict)
    handouts_item: str = ""
    agenda_item: tuple[str, int] = ("", 0)  # the participants' agenda and its copies
    jobs: list[Any] = field(default_factory=list)  # print_guide.PrintJob, once measured
    totals: list[Any] = field(default_factory=list)  # print_guide.Total: office sheets, posters
    hint: str = ""  # how to print posters without a plotter, when they are not tiled
    rules: Rules = field(default_factory=Rules)  # the language's, for the print guide's texts
    locale: str = "en"  # whose plural rules the print guide's counts follow
    invitation: InvitationAdvice | None = None  # the guide's advice on the invitation

    @property
    def total_sheets(self) -> int:
        return sum(row.sheets for row in self.print_rows)


def _worksheet_counts(session: Session, schedule: Schedule) -> list[tuple[str, int, int]]:
    """(kind, copies, sheets per copy) of everything to print for this session."""
    partners = len(session.partners)
    rows = [("notes", 1, 0), ("agenda", partners + 1, 1)]
    for key in DIALOGUES:
        if schedule.includes(key):
            rows.append((f"circle:{key}", partners, 1))
            if key == "ambition":
                rows.append(("extra_circle", partners, 1))
            rows.append((f"analysis:{key}", 1, 1))
            rows.append((f"reflection:{key}", 1, 1))
    if schedule.includes("next_steps"):
        rows.append(("next_steps", 1, 1))
    return rows


def build_checklist(
    session: Session,
    schedule: Schedule,
    content: Content,
    words: Words,
    boards: list[Board],
    capacity: BoardCapacity | None = None,
) -> Checklist:
    """The checklist; with ``capacity``, each board's row says how many notes fit on it,
    and a warning names each board whose smallest field holds fewer than the group needs."""
    fields = capacity.fields if capacity else {}
    board_size = capacity.sheet if capacity else "a4"
    dialogues = content.process.dialogues
    rows = []
    for kind, copies, sheets in _worksheet_counts(session, schedule):
        name, _, key = kind.partition(":")
        dialogue: cm.Dialogue = getattr(dialogues, key) if key else None  # type: ignore[assignment]
        if name == "circle":
            item = words.ui("planning.item_circle", circle=capital(dialogue.circle.name))
        elif name in ("analysis", "reflection"):
            item = words.ui(f"planning.item_{name}", question=dialogue.question)
        elif name == "next_steps":
            item = words.ui("planning.item_next_steps", title=content.next_steps.title)
        else:
            item = words.ui(f"planning.item_{name}")
        board = kind if name in ("analysis", "reflection", "next_steps") else None
        counts = fields.get(board) if board else None
        rows.append(
            PrintRow(
                item,
                copies,
                copies * sheets,
                board,
                post_its=None if counts is None else sum(counts),
                smallest=None if counts is None else min(counts, default=0),
            )
        )
    warning = content.materials.print_guide.warning
    size_name = words.ui(f"paper.{board_size}")
    titles = {row.board: row.item for row in rows if row.board}  # as the print list names them
    apart = capacity.apart if capacity else {}
    short = [
        (key, min(counts))
        for key, counts in fields.items()
        if capacity and counts and min(counts) < capacity.need
    ]
    warnings = []
    if capacity:  # the boards printed whole, then those printed a field per poster
        whole = [(titles[key], count) for key, count in short if key not in apart]
        alone = [(titles[key], count) for key, count in short if key in apart]
        warnings = [_advice(whole, capacity, content, words)] if whole else []
        if alone:  # even a field on a poster of its own, of the largest size, holds too few
            at = next(apart[key] for key, _ in short if key in apart)
            warnings.append(
                _advice(alone, replace(capacity, sheet=at, largest=True), content, words)
            )
    splits = [
        words.ui(
            "planning.apart",
            board=titles[key],
            count=len(session.partners),
            pieces=len(fields.get(key, [])),
            size=words.ui(f"paper.{at}"),
        )
        for key, at in apart.items()
        if key in titles
    ]
    planning = content.planning
    return Checklist(
        heading=words.ui("sections.planning"),
        title=planning.title,
        lead=words.ui("planning.lead"),
        intro=planning.intro,
        groups=planning.groups,
        print_title=words.ui("planning.print_title"),
        print_columns=(
            words.ui("planning.print_item"),
            words.ui("planning.print_copies"),
            words.ui("planning.print_sheets"),
            words.ui("planning.print_post_its", size=words.ui(f"paper.{board_size}")),
        ),
        print_rows=rows,
        print_total=words.ui("planning.print_total"),
        print_hint=words.ui("planning.print_hint"),
        deadlines_title=words.ui("planning.deadlines"),
        deadlines=_deadlines(schedule, content, words),
        capacity_warning=warning,
        size_name=size_name,
        warnings=warnings,
        splits=splits,
        guide=content.materials.print_guide,
        paper_names={key: words.ui(f"paper.{key}") for key in content.ui.root["paper"]},
        handouts_item=words.fill(
            content.materials.print_guide.handouts,
            count=sum(1 for k, _, _ in _worksheet_counts(session, schedule) if _per_partner(k)),
        ),
        agenda_item=(content.materials.print_guide.agenda, len(session.partners) + 1),
        rules=words.rules,
        locale=words.locale,
    )


def _advice(
    short: list[tuple[str, int]], capacity: BoardCapacity, content: Content, words: Words
) -> str:
    """One warning for every board whose smallest field holds fewer notes than the group
    needs, with advice that can be followed: print posters when there are none, a larger
    poster when there is one, else what to do in the room.

    A board too big for the largest poster is printed a field per poster
    (``BoardCapacity.apart``), and says so in a note of its own; it is advised about here
    only when even a field on a poster of its own holds too few."""
    guide = content.materials.print_guide
    boards = format_list(
        [words.fill(guide.warning_board, board=b, count=n) for b, n in short], locale=words.locale
    )
    size = words.ui(f"paper.{capacity.sheet}")
    if not capacity.posters:
        text = guide.warning_sheets
    elif capacity.largest or capacity.fits in (None, capacity.sheet):
        text = guide.warning_largest
    else:
        text = guide.warning
    return words.fill(text, size=size, need=capacity.need, boards=boards, fits=capacity.fits or "")


def _per_partner(kind: str) -> bool:
    return kind.startswith("circle:") or kind == "extra_circle"


def _deadlines(schedule: Schedule, content: Content, words: Words) -> list[tuple[str, str]]:
    """Each planning task dated by counting back from the first day, earliest first."""
    first = schedule.days[0].date
    by_date = sorted(content.timing.deadlines.items(), key=lambda item: -item[1])
    return [
        (words.date(deadline(first, days)), words.ui(f"deadlines.{key}")) for key, days in by_date
    ]


def deadline(first: dt.date, days: int) -> dt.date:
    """``days`` before ``first``, or the Friday before when that falls on a weekend: a room
    is confirmed and materials printed on a working day."""
    day = first - dt.timedelta(days=days)
    weekend = day.weekday() - 4  # Saturday 1, Sunday 2
    return day - dt.timedelta(days=weekend) if weekend > 0 else day
