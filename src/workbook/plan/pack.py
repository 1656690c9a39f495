"""The document plan: which pages, in what order, with every word filled in.

This is the last stage that knows about sessions and languages; the renderers only
lay out what the plan hands them.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from typing import Any

from babel.dates import format_date, format_interval, format_time
from babel.lists import format_list

from workbook.core.text import fill
from workbook.language import model as cm
from workbook.language.loading import Content
from workbook.plan import room
from workbook.session.model import Partner, Session
from workbook.session.schedule import Day, Schedule, Slot

DIALOGUES = ("ambition", "contribution", "scaling")
# the pack's sections as the cover's contents lists them
CONTENTS = ("overview", "agenda", "notes", "culture", "planning", "worksheets")


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    facts: list[tuple[str, str]]
    partners_label: str
    partners: list[tuple[str, str]]
    contents_label: str
    contents: list[str]
    credit: str
    project: str
    organisations: list[str] = field(default_factory=list)  # per partner, for a compact list
    contents_keys: list[str] = field(default_factory=list)  # the sections ``contents`` names
    partners_apart: str = ""  # said on the cover when the list has a page of its own


@dataclass(frozen=True)
class OverviewDialogue:
    key: str
    number: str
    question: str
    circle: str
    centre: str
    questions: list[str]


@dataclass(frozen=True)
class Overview:
    heading: str
    lead: str
    figure_title: str
    stages_label: str
    stages: list[str]
    dialogues: list[OverviewDialogue]


@dataclass(frozen=True)
class AgendaRow:
    clock: str
    title: str
    purpose: str
    materials: str
    duration: str
    pause: bool


@dataclass(frozen=True)
class TimelineBar:
    """One agenda entry on the timeline, in minutes from the day's first full hour."""

    offset: int
    minutes: int
    label: str
    kind: str  # "part", "pause" or "custom"
    tone: str | None = None  # the dialogue whose colour the bar takes, if any


@dataclass(frozen=True)
class Timeline:
    first_hour: int  # minutes from midnight of the first clock mark
    hours: list[str]  # the clock marks' labels, one per hour from first_hour
    bars: list[TimelineBar]
    width_minutes: int = 0  # what the page's width stands for: the same for every day


@dataclass(frozen=True)
class AgendaDay:
    heading: str
    rows: list[AgendaRow]
    timeline: Timeline | None = None


@dataclass(frozen=True)
class Agenda:
    heading: str
    subheading: str
    columns: tuple[str, str, str, str]
    days: list[AgendaDay]
    total: str
    guide_total: str
    materials: bool = True  # the facilitator's agenda lists materials; the participants' not


@dataclass(frozen=True)
class Programme:
    """The participants' one-page agenda: the session's facts and its programme."""

    title: str
    facts: list[tuple[str, str]]
    agenda: Agenda


@dataclass(frozen=True)
class NotesIntro:
    heading: str
    lead: str
    facilitation: cm.Facilitation


@dataclass(frozen=True)
class NoteStep:
    number: int
    text: str
    items: list[str]
    when: str


@dataclass(frozen=True)
class PartNotes:
    label: str
    title: str
    when: str
    facts: list[tuple[str, str]]
    intro: str | None
    steps_label: str
    steps: list[NoteStep]
    outro: str | None
    tips_title: str | None
    tips: list[str]
    scaled: str | None = None  # says the steps' times were scaled to the facilitator's minutes


@dataclass(frozen=True)
class CultureNotes:
    heading: str
    culture: cm.Culture


@dataclass(frozen=True)
class PrintRow:
    item: str
    copies: int
    sheets: int
    board: str | None = None  # the joint board this row prints (see board_key)
    post_its: int | None = None  # how many notes fit on it, measured when rendering
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
    warnings: list[str] = field(default_factory=list)  # filled in when the notes are counted
    guide: cm.PrintGuide | None = None  # the print guide's words
    paper: str = "a4"  # the pack's sheet, a key of paper_names
    paper_names: dict[str, str] = field(default_factory=dict)
    handouts_item: str = ""
    agenda_item: tuple[str, int] = ("", 0)  # the participants' agenda and its copies
    jobs: list[Any] = field(default_factory=list)  # print_guide.PrintJob, once measured
    hint: str = ""  # how to print posters without a plotter, when they are not tiled

    @property
    def total_sheets(self) -> int:
        return sum(row.sheets for row in self.print_rows)


@dataclass(frozen=True)
class CircleSheet:
    dialogue: str
    stage: str
    question: str
    title: str
    centre: str
    opening: str | None
    sectors: list[tuple[str, str]]
    name_label: str
    organisation_label: str
    partner: tuple[str, str] | None
    note: str | None = None
    instruction: str | None = None  # what to do, alone or together, and for how long


@dataclass(frozen=True)
class AnalysisBoard:
    dialogue: str
    stage: str
    question: str
    note: str
    categories: list[tuple[str, str]]
    instruction: str | None = None


@dataclass(frozen=True)
class ReflectionSheet:
    dialogue: str
    stage: str
    question: str
    title: str | None
    fields: list[str]
    questions: list[str]
    instruction: str | None = None


@dataclass(frozen=True)
class NextStepsBoard:
    stage: str
    title: str
    quadrants: list[cm.Quadrant]
    instruction: str | None = None


@dataclass(frozen=True)
class TileWords:
    """Labels for a poster split across office sheets; filled in per sheet when drawn."""

    label: str
    cut: str
    glue: str
    overview: str
    how: str
    sheet: str
    names: dict[str, str]  # sheet and poster sizes by key: a4 -> "A4"
    legend: tuple[str, str, str] = ("", "", "")  # what the cut line, glue strip, number mean


Page = (
    Cover
    | Overview
    | Agenda
    | Programme
    | NotesIntro
    | PartNotes
    | CultureNotes
    | Checklist
    | CircleSheet
    | AnalysisBoard
    | ReflectionSheet
    | NextStepsBoard
    | room.Credits
    | room.NameCard
    | room.SignInSheet
    | room.SessionRecord
)


@dataclass(frozen=True)
class PackPlan:
    title: str
    footer: str
    page_label: str
    language: str
    author: str
    pages: list[Page] = field(default_factory=list)
    tiles: TileWords | None = None
    footer_date: str = ""  # the part of the footer that is never shortened
    continued: str = ""  # heads a page that continues a section: "{{ title }} (continued)"

    @property
    def boards(self) -> list[AnalysisBoard | ReflectionSheet | NextStepsBoard]:
        """The joint boards: the pages that can also be printed as posters."""
        return [
            p for p in self.pages if isinstance(p, AnalysisBoard | ReflectionSheet | NextStepsBoard)
        ]


def board_key(page: AnalysisBoard | ReflectionSheet | NextStepsBoard) -> str:
    """Names a joint board the same way in the print list and among the pages."""
    if isinstance(page, AnalysisBoard):
        return f"analysis:{page.dialogue}"
    if isinstance(page, ReflectionSheet):
        return f"reflection:{page.dialogue}"
    return "next_steps"


def board_title(page: AnalysisBoard | ReflectionSheet | NextStepsBoard) -> str:
    if isinstance(page, ReflectionSheet):
        return page.title or page.question
    if isinstance(page, AnalysisBoard):
        return page.question
    return page.title


def with_post_its(plan: PackPlan, fields: dict[str, list[int]], need: int = 0) -> PackPlan:
    """The plan with each board's row in the print list saying how many notes fit on it,
    and a warning for each board whose smallest field holds fewer than ``need``."""
    titles = {board_key(b): board_title(b) for b in plan.boards}
    pages: list[Page] = []
    for page in plan.pages:
        if isinstance(page, Checklist):
            rows = [
                replace(
                    r,
                    post_its=sum(fields[r.board]) if r.board in fields else None,
                    smallest=min(fields[r.board], default=0) if r.board in fields else None,
                )
                for r in page.print_rows
            ]
            warnings = [
                fill(
                    page.capacity_warning,
                    board=titles[key],
                    count=min(counts),
                    size=page.size_name,
                    need=need,
                )
                for key, counts in fields.items()
                if counts and min(counts) < need
            ]
            page = replace(page, print_rows=rows, warnings=warnings)
        pages.append(page)
    return replace(plan, pages=pages)


def capacity_warnings(plan: PackPlan) -> list[str]:
    return [w for page in plan.pages if isinstance(page, Checklist) for w in page.warnings]


class Words:
    """Looks up and fills the language's labels, and formats dates and times in its locale."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.locale = content.locale

    def ui(self, dotted: str, **context: object) -> str:
        return fill(self.content.ui.get(dotted), **context)

    def date(self, value: dt.date) -> str:
        return format_date(value, format="full", locale=self.locale)

    def authors(self) -> str:
        """The guide's authors as one list, joined as the language joins names (CLDR)."""
        return format_list([a.name for a in self.content.guide.authors], locale=self.locale)

    def clock(self, value: dt.datetime | dt.time) -> str:
        return _clock(value, self.locale)

    def dates(self, schedule: Schedule) -> str:
        """The session's date, or its first to last day written as CLDR writes a range."""
        first, last = schedule.days[0].date, schedule.days[-1].date
        if first == last:
            return self.date(first)
        return format_interval(first, last, "yMMMMd", locale=self.locale)

    def day(self, day: Day) -> str:
        """A day of the session with its hours: 'torsdag den 4. marts 2027 · 09.00–16.00'."""
        return self.ui("agenda.day", date=self.date(day.date), time=self.span(day.start, day.end))

    def span(self, start: dt.datetime, end: dt.datetime) -> str:
        return self.ui("agenda.clock", start=self.clock(start), end=self.clock(end))

    def duration(self, minutes: int) -> str:
        hours, rest = divmod(minutes, 60)
        if not hours:
            return self.ui("agenda.minutes", minutes=rest)
        if not rest:
            return self.ui("agenda.hours", hours=hours)
        return self.ui("agenda.hours_minutes", hours=hours, minutes=rest)


# A pack writes some 150 clock times, the same few dozen again and again (every partner's
# sheets, the agenda, the notes); CLDR formatting is 25 µs each.
@functools.lru_cache(maxsize=1024)
def _clock(value: dt.datetime | dt.time, locale: str) -> str:
    return format_time(value, format="short", locale=locale)


def session_title(session: Session, words: Words) -> str:
    return session.title or words.ui("pack.default_title")


def build_plan(
    session: Session,
    schedule: Schedule,
    content: Content,
    board_size: str = "a4",
    order: str = "partner",
) -> PackPlan:
    """The pack's pages; ``board_size`` names the sheet the joint boards are counted for,
    ``order`` whether the circles go partner by partner or dialogue by dialogue."""
    words = Words(content)
    title = session_title(session, words)
    pages: list[Page] = [
        _cover(session, schedule, content, words),
        _overview(content, words),
        _agenda(schedule, content, words),
        NotesIntro(words.ui("sections.notes"), words.ui("notes.lead"), content.facilitation),
        *[
            _part_notes(slot, content, words, len(schedule.days) > 1)
            for slot in schedule.slots
            if _is_guide_part(slot)
        ],
        CultureNotes(words.ui("sections.culture"), content.culture),
        _checklist(session, schedule, content, words, board_size),
        *_worksheets(session, schedule, content, words, order),
    ]
    pages += _room(session, schedule, content, words)
    if room.CREDITS in room.wanted(session):  # the booklet ends with the guide's thanks
        at = next(i for i, p in enumerate(pages) if isinstance(p, Checklist)) + 1
        pages.insert(at, room.credits(content))
    return PackPlan(
        title=title,
        footer=words.ui("pack.footer", title=title, date=words.dates(schedule)),
        page_label=content.ui.get("pack.page"),
        language=content.code,
        author=session.facilitator.name,
        pages=pages,
        tiles=_tile_words(content, words),
        footer_date=words.dates(schedule),
        continued=content.ui.get("pack.continued"),
    )


def _room(session: Session, schedule: Schedule, content: Content, words: Words) -> list[Page]:
    """Name cards, the sign-in sheet and the record, unless the session leaves them out."""
    wanted = room.wanted(session)
    pages: list[Page] = []
    if room.NAME_CARDS in wanted:
        pages += room.name_cards(session, content)
    if room.SIGN_IN in wanted:
        pages.append(room.sign_in(session, content))
    if room.RECORD in wanted:
        chosen = [key for key in DIALOGUES if schedule.includes(key)]
        pages.append(room.record(session, content, chosen, words.dates(schedule)))
    return pages


def build_programme(session: Session, schedule: Schedule, content: Content) -> PackPlan:
    """The participants' agenda (``workbook agenda``): the programme, no facilitator notes."""
    words = Words(content)
    title = session_title(session, words)
    agenda = replace(_agenda(schedule, content, words, numbered=False), materials=False)
    page = Programme(title, _session_facts(session, schedule, words), agenda)
    return PackPlan(
        title=title,
        footer=words.ui("pack.footer", title=title, date=words.dates(schedule)),
        page_label=content.ui.get("pack.page"),
        language=content.code,
        author=session.host or session.facilitator.name,
        pages=[page],
        footer_date=words.dates(schedule),
        continued=content.ui.get("pack.continued"),
    )


def _tile_words(content: Content, words: Words) -> TileWords:
    ui = content.ui
    return TileWords(
        label=ui.get("tiles.label"),
        cut=words.ui("tiles.cut"),
        glue=words.ui("tiles.glue"),
        overview=ui.get("tiles.overview"),
        how=content.materials.tiles.how,
        legend=(
            content.materials.tiles.cut,
            content.materials.tiles.glue,
            content.materials.tiles.number,
        ),
        sheet=ui.get("tiles.sheet"),
        names={key: words.ui(f"paper.{key}") for key in ui.root["paper"]},
    )


def _is_guide_part(slot: Slot) -> bool:
    return not slot.is_pause and slot.key != "custom"


def _part(content: Content, key: str) -> cm.GuidePart | cm.Pause:
    parts = content.parts.parts
    return parts.break_ if key == "break" else getattr(parts, key)


def slot_title(slot: Slot, content: Content) -> str:
    if slot.custom_title:
        return slot.custom_title
    return _part(content, slot.key).short_title


def programme_title(slot: Slot, content: Content) -> str:
    """A part's name for participants, without the guide's number ("Sub-session 2: ").

    The participants' agenda and the letters list only the chosen parts, so the guide's
    numbers would read as gaps ("Sub-session 2" after "Introduction"); the question alone
    reads well in every language, and is the title the facilitator's notes use too.
    """
    title = slot_title(slot, content)
    part = None if slot.custom_title else _part(content, slot.key)
    label = part.label if isinstance(part, cm.GuidePart) else None
    if label and title.startswith(label) and title[len(label) :].strip():
        return title[len(label) :].strip()
    return title


def _session_facts(session: Session, schedule: Schedule, words: Words) -> list[tuple[str, str]]:
    """Date(s), time, venue, host and facilitator, as the cover and the programme show them."""
    if len(schedule.days) == 1:
        facts = [
            (words.ui("cover.date"), words.date(session.date)),
            (
                words.ui("cover.time"),
                words.ui(
                    "cover.time_range",
                    start=words.clock(schedule.start),
                    end=words.clock(schedule.end),
                ),
            ),
        ]
    else:
        facts = [
            (words.ui("cover.day", number=number), words.day(day))
            for number, day in enumerate(schedule.days, 1)
        ]
    facts.append((words.ui("cover.venue"), session.venue))
    if session.host:
        facts.append((words.ui("cover.host"), session.host))
    facts.append((words.ui("cover.facilitator"), session.facilitator.name))
    if session.facilitator.email:  # a row of its own: an address is never broken
        facts.append((words.ui("letter.contact"), session.facilitator.email))
    return facts


def _cover(session: Session, schedule: Schedule, content: Content, words: Words) -> Cover:
    facts = _session_facts(session, schedule, words)
    guide = content.guide
    return Cover(
        title=session_title(session, words),
        subtitle=words.ui("pack.subtitle"),
        facts=facts,
        partners_label=words.ui("cover.partners"),
        partners=[(p.name, _affiliation(p)) for p in session.partners],
        organisations=[p.organisation for p in session.partners],
        contents_label=words.ui("cover.contents"),
        contents=[words.ui(f"sections.{key}") for key in CONTENTS],
        contents_keys=list(CONTENTS),
        credit=words.ui(
            "cover.credit",
            guide_title=guide.title,
            authors=words.authors(),
        ),
        project=words.ui("cover.project"),
        partners_apart=words.ui("cover.partners_apart", count=len(session.partners)),
    )


def _affiliation(partner: Partner) -> str:
    return ", ".join(p for p in (partner.organisation, partner.role) if p)


def _overview(content: Content, words: Words) -> Overview:
    process = content.process
    dialogues = []
    for number, key in enumerate(DIALOGUES, 1):
        dialogue: cm.Dialogue = getattr(process.dialogues, key)
        dialogues.append(
            OverviewDialogue(
                key=key,
                number=words.ui("overview.dialogue", number=number),
                question=dialogue.question,
                circle=words.ui("overview.circle", circle=dialogue.circle.name),
                centre=dialogue.circle.centre,
                questions=[s.question for s in dialogue.circle.sectors],
            )
        )
    stages = process.stages
    return Overview(
        heading=words.ui("sections.overview"),
        lead=words.ui("overview.lead"),
        figure_title=process.figure_title,
        stages_label=words.ui("overview.stages"),
        stages=[stages.individual, stages.analysis, stages.reflection],
        dialogues=dialogues,
    )


def _agenda(schedule: Schedule, content: Content, words: Words, numbered: bool = True) -> Agenda:
    """The agenda table and timeline; ``numbered``: with the guide's sub-session numbers,
    as the facilitator's pack, whose notes follow the guide, has them."""
    title = slot_title if numbered else programme_title
    days = []
    several = len(schedule.days) > 1
    for day in schedule.days:
        rows = []
        for slot in day.slots:
            part = None if slot.is_pause or slot.key == "custom" else _part(content, slot.key)
            rows.append(
                AgendaRow(
                    clock=words.span(slot.start, slot.end),
                    title=title(slot, content),
                    purpose=part.purpose if isinstance(part, cm.GuidePart) else "",
                    materials=part.materials if isinstance(part, cm.GuidePart) else "",
                    duration=words.duration(slot.minutes),
                    pause=slot.is_pause,
                )
            )
        heading = words.day(day)
        days.append(AgendaDay(heading, rows, _timeline(day, content, words, numbered)))
    widest = max(len(d.timeline.hours) - 1 for d in days if d.timeline) * 60
    days = [
        replace(d, timeline=replace(d.timeline, width_minutes=widest)) if d.timeline else d
        for d in days
    ]
    if several:
        total = words.ui(
            "agenda.total_days", duration=words.duration(schedule.minutes), days=len(schedule.days)
        )
    else:
        total = words.ui(
            "agenda.total", duration=words.duration(schedule.minutes), end=words.clock(schedule.end)
        )
    return Agenda(
        heading=words.ui("sections.agenda"),
        subheading=words.dates(schedule),
        columns=(
            words.ui("agenda.time"),
            words.ui("agenda.part"),
            words.ui("agenda.purpose"),
            words.ui("agenda.materials"),
        ),
        days=days,
        total=total,
        guide_total=words.ui("agenda.guide_total", duration=words.duration(schedule.guide_minutes)),
    )


def _timeline(day: Day, content: Content, words: Words, numbered: bool = True) -> Timeline:
    midnight = dt.datetime.combine(day.date, dt.time(0))
    first = int((day.start - midnight).total_seconds() // 3600) * 60
    last = -(-int((day.end - midnight).total_seconds()) // 3600) * 60  # round up to the hour
    bars = []
    for slot in day.slots:
        offset = int((slot.start - midnight).total_seconds() // 60) - first
        if slot.is_pause:
            kind, label, tone = "pause", slot_title(slot, content), None
        elif slot.key == "custom":
            kind, label, tone = "custom", slot_title(slot, content), None
        else:
            part = _part(content, slot.key)
            label = (part.label if isinstance(part, cm.GuidePart) else None) or part.short_title
            label = label.rstrip(": ") if numbered else programme_title(slot, content)
            dialogue = content.timing.parts[slot.key].dialogue
            kind, tone = "part", dialogue
        bars.append(TimelineBar(offset, slot.minutes, label, kind, tone))
    hours = [words.clock(dt.time((first // 60 + h) % 24)) for h in range((last - first) // 60 + 1)]
    return Timeline(first, hours, bars)


def _part_notes(slot: Slot, content: Content, words: Words, several_days: bool) -> PartNotes:
    part = _part(content, slot.key)
    assert isinstance(part, cm.GuidePart)
    steps = []
    for text, timing in zip(part.steps, slot.steps, strict=False):
        when = ""
        if timing.minutes:
            when = words.ui("notes.step_minutes", minutes=timing.minutes)
            when += " · " + words.span(timing.start, timing.end)
        body, items = (text.text, text.items) if isinstance(text, cm.Step) else (text, [])
        steps.append(NoteStep(timing.number, body, items, when))
    when = words.span(slot.start, slot.end)
    if several_days:
        when = words.ui("agenda.day", date=words.date(slot.start.date()), time=when)
    scaled = None
    if slot.rescaled and slot.guide_minutes and any(step.minutes for step in slot.steps):
        scaled = words.ui(
            "notes.scaled",
            minutes=words.duration(slot.minutes),
            guide=words.duration(slot.guide_minutes),
        )
    return PartNotes(
        label=part.label or "",
        title=part.title,
        when=when,
        scaled=scaled,
        facts=[
            (words.ui("notes.duration"), words.duration(slot.minutes)),
            (words.ui("notes.purpose"), part.purpose),
            (words.ui("notes.materials"), part.materials),
        ],
        intro=part.intro,
        steps_label=words.ui("notes.steps"),
        steps=steps,
        outro=part.outro,
        tips_title=part.tips_title,
        tips=part.tips,
    )


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


def with_board_size(plan: PackPlan, content: Content, board_size: str) -> PackPlan:
    """The plan with its checklist counting the joint boards for ``board_size``: what
    ``build_plan(..., board_size=...)`` gives, without planning every page again once the
    posters are sized."""
    words = Words(content)
    size_name = words.ui(f"paper.{board_size}")
    pages = [
        replace(
            page,
            print_columns=(
                *page.print_columns[:3],
                words.ui("planning.print_post_its", size=size_name),
            ),
            size_name=size_name,
        )
        if isinstance(page, Checklist)
        else page
        for page in plan.pages
    ]
    return replace(plan, pages=pages)


def _checklist(
    session: Session, schedule: Schedule, content: Content, words: Words, board_size: str
) -> Checklist:
    dialogues = content.process.dialogues
    rows = []
    for kind, copies, sheets in _worksheet_counts(session, schedule):
        name, _, key = kind.partition(":")
        dialogue: cm.Dialogue = getattr(dialogues, key) if key else None  # type: ignore[assignment]
        if name == "circle":
            item = words.ui("planning.item_circle", circle=_capital(dialogue.circle.name))
        elif name in ("analysis", "reflection"):
            item = words.ui(f"planning.item_{name}", question=dialogue.question)
        elif name == "next_steps":
            item = words.ui("planning.item_next_steps", title=content.next_steps.title)
        else:
            item = words.ui(f"planning.item_{name}")
        board = kind if name in ("analysis", "reflection", "next_steps") else None
        rows.append(PrintRow(item, copies, copies * sheets, board))
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
        capacity_warning=content.materials.print_guide.warning,
        size_name=words.ui(f"paper.{board_size}"),
        guide=content.materials.print_guide,
        paper_names={key: words.ui(f"paper.{key}") for key in content.ui.root["paper"]},
        handouts_item=fill(
            content.materials.print_guide.handouts,
            count=sum(1 for k, _, _ in _worksheet_counts(session, schedule) if _per_partner(k)),
        ),
        agenda_item=(content.materials.print_guide.agenda, len(session.partners) + 1),
    )


def _per_partner(kind: str) -> bool:
    return kind.startswith("circle:") or kind == "extra_circle"


def _deadlines(schedule: Schedule, content: Content, words: Words) -> list[tuple[str, str]]:
    """Each planning task dated by counting back from the first day, earliest first."""
    first = schedule.days[0].date
    by_date = sorted(content.timing.deadlines.items(), key=lambda item: -item[1])
    return [
        (words.date(first - dt.timedelta(days=days)), words.ui(f"deadlines.{key}"))
        for key, days in by_date
    ]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# The step of each part whose text a worksheet's instruction follows (1-based, as in
# content/timing.yaml): the individual circle, the joint analysis, the joint reflection.
_SHEET_STEPS = {"circle": 2, "analysis": 4, "reflection": 5, "next_steps": 2}


def _step_minutes(schedule: Schedule, part: str, sheet: str, words: Words) -> str:
    """The time the chosen agenda gives the step a worksheet is used in, as words."""
    number = _SHEET_STEPS[sheet]
    for slot in schedule.slots:
        if slot.key == part and len(slot.steps) >= number:
            return words.duration(slot.steps[number - 1].minutes or 0)
    return ""


def _instruction(schedule: Schedule, content: Content, words: Words, sheet: str, key: str) -> str:
    texts = content.materials.instructions
    source = getattr(texts, sheet) if sheet == "next_steps" else getattr(getattr(texts, sheet), key)
    part = "next_steps" if sheet == "next_steps" else key
    context: dict[str, object] = {"minutes": _step_minutes(schedule, part, sheet, words)}
    if key in DIALOGUES:
        dialogue: cm.Dialogue = getattr(content.process.dialogues, key)
        names = [c.name for c in dialogue.analysis.categories]
        context |= {
            "opening": dialogue.circle.opening or "",
            "common": names[0],
            "differences": names[1 % len(names)],
        }
    return fill(source, **context)


def _worksheets(
    session: Session, schedule: Schedule, content: Content, words: Words, order: str = "partner"
) -> list[Page]:
    process = content.process
    stages = process.stages
    chosen = [key for key in DIALOGUES if schedule.includes(key)]
    pages: list[Page] = []
    circles = {key: _instruction(schedule, content, words, "circle", key) for key in chosen}
    for partner in session.partners:
        for key in chosen:
            dialogue: cm.Dialogue = getattr(process.dialogues, key)
            sheet = _circle(key, dialogue, stages.individual, words, partner)
            sheet = replace(sheet, instruction=circles[key])
            pages.append(sheet)
            if key == "ambition":
                extra = _circle(key, dialogue, stages.individual, words, partner, extra=True)
                pages.append(replace(extra, instruction=circles[key]))
    if order == "dialogue":  # every partner's first circle, then every partner's second, ...
        pages.sort(key=lambda page: DIALOGUES.index(page.dialogue))  # type: ignore[union-attr]
    for key in chosen:
        dialogue = getattr(process.dialogues, key)
        pages.append(
            AnalysisBoard(
                dialogue=key,
                stage=stages.analysis,
                question=dialogue.question,
                note=words.ui("worksheets.post_its"),
                categories=[(c.name, c.definition) for c in dialogue.analysis.categories],
                instruction=_instruction(schedule, content, words, "analysis", key),
            )
        )
    for key in chosen:
        dialogue = getattr(process.dialogues, key)
        reflection = dialogue.reflection
        pages.append(
            ReflectionSheet(
                dialogue=key,
                stage=stages.reflection,
                question=dialogue.question,
                title=reflection.title,
                fields=[f.label for f in reflection.fields],
                questions=[q.text for q in reflection.questions],
                instruction=_instruction(schedule, content, words, "reflection", key),
            )
        )
    if schedule.includes("next_steps"):
        next_steps = content.next_steps
        pages.append(
            NextStepsBoard(
                stage=words.ui("worksheets.joint"),
                title=next_steps.title,
                quadrants=next_steps.quadrants,
                instruction=_instruction(schedule, content, words, "next_steps", "next_steps"),
            )
        )
    return pages


def _circle(
    key: str,
    dialogue: cm.Dialogue,
    stage: str,
    words: Words,
    partner: Partner,
    extra: bool = False,
) -> CircleSheet:
    circle = dialogue.circle
    sectors = [(s.name, s.prompt) for s in circle.sectors]
    return CircleSheet(
        dialogue=key,
        stage=stage,
        question=dialogue.question,
        title=_capital(circle.name),
        centre=circle.centre,
        opening=circle.opening,
        sectors=sectors,
        name_label=words.ui("worksheets.name"),
        organisation_label=words.ui("worksheets.organisation"),
        partner=(partner.name, partner.organisation),
        note=words.ui("worksheets.extra_circle") if extra else None,
    )


@dataclass(frozen=True)
class ProgrammeItem:
    clock: str
    title: str
    pause: bool
    start: str = ""  # the start alone, for a programme that must be brief (a letter's)


@dataclass(frozen=True)
class ProgrammeDay:
    """One day of the programme in brief, for readers who need times, not facilitation."""

    date: str
    span: str
    items: list[ProgrammeItem]


def programme_in_brief(schedule: Schedule, content: Content, words: Words) -> list[ProgrammeDay]:
    """The chosen agenda's parts with their clock times, day by day."""
    return [
        ProgrammeDay(
            date=words.date(day.date),
            span=words.ui(
                "cover.time_range", start=words.clock(day.start), end=words.clock(day.end)
            ),
            items=[
                ProgrammeItem(
                    words.span(slot.start, slot.end),
                    programme_title(slot, content),
                    slot.is_pause,
                    words.clock(slot.start),
                )
                for slot in day.slots
            ],
        )
        for day in schedule.days
    ]
