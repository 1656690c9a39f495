"""What the page shows for a form's data: values, clock times, timeline, problems by field.

The clock times come from the CLI's schedule: the session is read and timed by the
pipeline exactly as ``workbook pack`` would, and its problems are shown beside the inputs
named by the paths they point at.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbook.core.errors import Problem, UserError
from workbook.web.form import LEAVE_OUT, entry_fields

if TYPE_CHECKING:
    from workbook.language.loading import Content
    from workbook.plan.words import Words
    from workbook.session.schedule import Schedule
    from workbook.web.workspace import Workspace


@dataclass
class Row:
    """One agenda entry as the form shows it."""

    index: int
    kind: str  # "part" (a guide part, lunch or break), "custom" or "day"
    part: str = ""
    title: str = ""
    minutes: str = ""
    guide_minutes: str = ""
    day: str = ""
    start: str = ""
    label: str = ""
    time: str = ""


@dataclass
class Bar:
    left: float
    width: float
    label: str
    time: str
    pause: bool


@dataclass
class TimelineDay:
    label: str
    bars: list[Bar]


@dataclass
class View:
    words: Words
    values: dict[str, str]
    facilitator: dict[str, str]
    partners: list[dict[str, str]]
    rows: list[Row]
    languages: list[tuple[str, str]]
    papers: list[tuple[str, str]]
    paper: str
    addable: list[tuple[str, str]]
    timeline: list[TimelineDay]
    total: str
    file: str
    logo: str | None
    fillable: bool = False
    materials: list[tuple[str, str, bool]] = field(default_factory=list)  # key, title, left out
    previews: list[str] = field(default_factory=list)  # the pack's pages, PNG in base64
    problems: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    general_warnings: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # every problem, at the top of the page

    def w(self, key: str, **context: object) -> str:
        return self.words.ui(f"web.{key}", **context)


def build_view(
    workspace: Workspace,
    data: dict[str, Any],
    paper: str | None,
    show_problems: bool,
    extra: list[Problem],
) -> View:
    from workbook.app.messages import messages_of
    from workbook.app.options import paper_choices
    from workbook.language.folders import discover
    from workbook.plan.words import Words

    content = workspace.content(data.get("language"))
    words = Words(content)
    timing = content.timing
    problems = list(extra)
    schedule: Schedule | None = None
    warnings: list[Problem] = []
    try:
        prepared = workspace.prepare(data, paper)
        schedule, warnings = prepared.schedule, list(prepared.schedule.warnings)
    except UserError as exc:
        problems += exc.problems
        schedule = _schedule_only(workspace, data, content)
    agenda = data.get("agenda") or list(timing.default_agenda)
    rows = [_row(index, entry, content) for index, entry in enumerate(agenda)]
    _clock(rows, schedule, words)
    paper_keys, default_paper = paper_choices()
    papers = [(name, words.ui(f"paper.{name}")) for name in paper_keys]
    used = {row.part for row in rows if row.kind == "part"}
    if workspace.saved_before:  # a SESSION that does not exist yet is written on Save
        file = words.ui("web.file", file=str(workspace.target))
    else:
        file = words.ui("web.new_file", file=str(workspace.target))
    view = View(
        words=words,
        values={key: str(data.get(key, "")) for key in ("title", "date", "start", "venue", "host")},
        facilitator=data.get("facilitator") or {},
        partners=data.get("partners") or [],
        rows=rows,
        languages=[
            (code, f.meta.name) for code, f in sorted(discover(workspace.content_dirs).items())
        ],
        papers=papers,
        paper=paper or default_paper,
        addable=[
            (key, _part_title(content, key))
            for key, part in timing.parts.items()
            if not part.pause and key not in used
        ],
        timeline=_timeline(schedule, content, words) if schedule else [],
        total=_total(schedule, words) if schedule else words.ui("web.no_times"),
        file=file,
        logo=workspace.logo_name,
    )
    view.values["language"] = content.code
    left_out = data.get("leave_out") or []
    materials = content.materials
    titles = {
        "name_cards": materials.cards.title,
        "sign_in": materials.sign_in.title,
        "record": materials.record.title,
        "credits": materials.credits.heading,
    }
    view.materials = [(key, titles[key], key in left_out) for key in LEAVE_OUT]
    # in the page's language, in the form's words rather than the file's
    said = messages_of(content)
    problems, warnings = said.problems(problems, page=True), said.problems(warnings, page=True)
    if show_problems or extra:  # a download's problems are the preparation's again: once
        problems = list(dict.fromkeys(problems))
        _place(view, problems, view.problems, view.general)
        view.summary = [_plain(problem) for problem in problems]
    _place(view, warnings, view.warnings, view.general_warnings)
    return view


def _row(index: int, entry: Any, content: Content) -> Row:
    fields = entry_fields(entry)
    kind = fields["kind"]
    minutes = "" if fields.get("minutes") is None else str(fields["minutes"])
    if kind == "day":
        return Row(index, kind, day=fields["day"], start=str(fields.get("start") or ""))
    if kind == "custom":
        return Row(index, kind, title=str(fields.get("title") or ""), minutes=minutes)
    part = fields["part"]
    timing = content.timing.parts.get(part)
    label = _part_title(content, part) if timing else part
    guide = str(timing.minutes) if timing else ""
    return Row(index, kind, part=part, minutes=minutes, guide_minutes=guide, label=label)


def _part_title(content: Content, key: str) -> str:
    parts = content.parts.parts
    part = parts.break_ if key == "break" else getattr(parts, key, None)
    return part.short_title if part is not None else key


def _clock(rows: list[Row], schedule: Schedule | None, words: Words) -> None:
    """Each row's clock times, from the schedule: its slots follow the non-day rows in order."""
    if schedule is None:
        return
    slots = iter(schedule.slots)
    for row in rows:
        if row.kind == "day":
            continue
        slot = next(slots, None)
        if slot is None:
            return
        row.time = words.span(slot.start, slot.end)


def _schedule_only(workspace: Workspace, data: dict[str, Any], content: Content) -> Schedule | None:
    """The clock times while other fields still have problems: only the date, the start and
    the agenda matter to them, so the rest is filled in for this one calculation."""
    from workbook.session.model import Session
    from workbook.session.schedule import build_schedule

    stand_in = {
        "venue": "-",
        "facilitator": {"name": "-"},
        "partners": [{"name": "-", "organisation": "-"}],
    }
    timed = {key: data[key] for key in ("date", "start", "agenda") if data.get(key)}
    if "agenda" in timed:  # a part of one's own just added has no title yet, but its minutes
        timed["agenda"] = [
            {**entry, "title": entry["title"] or "-"}
            if isinstance(entry, dict) and "title" in entry
            else entry
            for entry in timed["agenda"]
        ]
    try:
        return build_schedule(Session.model_validate({**stand_in, **timed}), content.timing)
    except (UserError, ValueError):
        return None


def _timeline(schedule: Schedule, content: Content, words: Words) -> list[TimelineDay]:
    days = []
    for day in schedule.days:
        total = max(day.minutes, 1)
        bars = [
            Bar(
                left=round(100 * _minutes(slot.start - day.start) / total, 3),
                width=round(100 * slot.minutes / total, 3),
                label=slot.custom_title or _part_title(content, slot.key),
                time=words.span(slot.start, slot.end),
                pause=slot.is_pause,
            )
            for slot in day.slots
        ]
        days.append(TimelineDay(words.day(day), bars))
    return days


def _minutes(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 60


def _total(schedule: Schedule, words: Words) -> str:
    return words.ui(
        "web.total",
        length=words.duration(schedule.minutes),
        guide=words.duration(schedule.guide_minutes),
    )


_INDEX = re.compile(r"\.(\d+)(?=\.|$)")


def input_name(problem_field: str) -> str:
    """A problem's field, ``partners.0.name``, as the form names it: ``partners[0].name``."""
    return _INDEX.sub(r"[\1]", problem_field)


def _place(
    view: View, problems: list[Problem], by_field: dict[str, list[str]], general: list[str]
) -> None:
    """Each problem beside the input it names, or beside its row, or at the top."""
    known = _names(view)
    for problem in problems:
        text = problem.message + (f" – {problem.hint}" if problem.hint else "")
        name = input_name(problem.field) if problem.field else ""
        while name and name not in known:
            name = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", name) if re.search(r"[.\[]", name) else ""
        if name:
            by_field.setdefault(name, []).append(text)
        else:
            general.append(problem.render() if problem.file is None else _plain(problem))


def _plain(problem: Problem) -> str:
    """A problem without its file and line: on the page, the file is the form."""
    subject = problem.label if problem.label is not None else problem.field and f"'{problem.field}'"
    text = f"{subject}: {problem.message}" if subject else problem.message
    return text + (f" – {problem.hint}" if problem.hint else "")


def _names(view: View) -> set[str]:
    names = {"language", "title", "date", "start", "venue", "host", "host_logo", "facilitator"}
    names.add("leave_out")
    names |= {"facilitator.name", "facilitator.email", "partners", "agenda"}
    for index in range(len(view.partners)):
        names.add(f"partners[{index}]")
        names |= {f"partners[{index}].{key}" for key in ("name", "organisation", "role", "email")}
    for row in view.rows:
        names.add(f"agenda[{row.index}]")
        names |= {f"agenda[{row.index}].{key}" for key in ("minutes", "title", "day", "start")}
    return names
