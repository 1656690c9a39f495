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
from workbook.web.reading import FileData, Unknown
from workbook.web.timeline import Timeline, timeline

if TYPE_CHECKING:
    from workbook.language.loading import Content
    from workbook.plan.words import Words
    from workbook.session.schedule import Schedule
    from workbook.web.conflict import Difference
    from workbook.web.workspace import Workspace


@dataclass
class Step:
    index: int
    text: str
    minutes: str
    time: str = ""


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
    purpose: str = ""
    materials: str = ""
    steps: list[Step] = field(default_factory=list)
    open: bool = False  # its details shown: it has some, or a problem in them


@dataclass
class Page:
    """How the page was asked for, and what it carries from one request to the next."""

    version: str  # of the file the form's data started from
    paper: str | None = None
    fillable: bool = False
    drop: list[str] = field(default_factory=list)
    logo: str | None = None  # the logo's name, as the form holds it
    token: str = ""  # an uploaded logo not saved yet
    saved: str | None = None
    anchor: str = ""
    previews: list[tuple[int, str]] = field(default_factory=list)  # number, PNG in base64
    previews_from: int = 0
    previews_total: int = 0
    conflict: list[Difference] = field(default_factory=list)
    theirs: str = ""  # the file's version the conflict was shown for
    conflict_problems: list[str] = field(default_factory=list)


@dataclass
class View:
    words: Words
    page: Page
    values: dict[str, str]
    facilitator: dict[str, str]
    partners: list[dict[str, str]]
    rows: list[Row]
    languages: list[tuple[str, str]]
    papers: list[tuple[str, str]]
    paper: str
    addable: list[tuple[str, str]]
    positions: list[tuple[str, str]]  # where a new agenda row may go
    timeline: Timeline | None
    total: str
    file: str
    letter: dict[str, str]
    letter_defaults: dict[str, str]
    materials: list[tuple[str, str, bool]] = field(default_factory=list)  # key, title, left out
    unknown: list[Unknown] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    general_warnings: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # every problem, at the top of the page
    unsaved: bool = False
    changed: bool = False  # the file changed on disk since the form's version
    current_version: str = ""
    logo_version: str = ""
    date_types: dict[str, str] = field(default_factory=dict)  # input types by name

    def w(self, name: str, /, **context: object) -> str:
        return self.words.ui(f"web.{name}", **context)

    def place(self, unknown: Unknown) -> str:
        """Where an unknown key is, as the form names the place: "Partnere 3 (Ahmed Yilmaz)"."""
        found = re.fullmatch(r"(partners|agenda)\[([0-9]+)\]\..*", unknown.path)
        if found is None:
            group = unknown.path.rpartition(".")[0]
            return self.w(group) if group else ""
        index = int(found.group(2))
        rows: list[Any] = self.partners if found.group(1) == "partners" else self.rows
        place = f"{self.w(found.group(1))} {index + 1}"
        if found.group(1) == "partners" and index < len(rows) and rows[index].get("name"):
            place += f" ({rows[index]['name']})"
        return place

    def label(self, name: str) -> str:
        """A field of the comparison as the form labels it (``facilitator.email``)."""
        group, _, key = name.partition(".")
        labels = {"host_logo": "logo", "letter": "letter", "leave_out": "leave_out"}
        if group == "letter":
            return f"{self.w('letter')}: {self.w('letter_' + key)}"
        if key:
            return f"{self.w(group)}: {self.w(key)}"
        return self.w(labels.get(group, group))


def build_view(
    workspace: Workspace,
    data: dict[str, Any],
    text: str,
    page: Page,
    found: FileData | None,
    extra: list[Problem],
    show_problems: bool = True,
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
        prepared = workspace.prepare(text, page.paper)
        schedule, warnings = prepared.schedule, list(prepared.schedule.warnings)
    except UserError as exc:
        problems += exc.problems
        schedule = _schedule_only(data, content)
    agenda = data.get("agenda") or list(timing.default_agenda)
    rows = [_row(index, entry, content) for index, entry in enumerate(agenda)]
    _clock(rows, schedule, words)
    paper_keys, default_paper = paper_choices()
    used = {row.part for row in rows if row.kind == "part"}
    key = "web.file" if workspace.saved_before else "web.new_file"
    languages = [
        (code, f.meta.name) for code, f in sorted(discover(workspace.content_dirs).items())
    ]
    language = str(data.get("language") or content.code)
    if language not in dict(languages):  # never shown as another language than the file's
        languages.insert(0, (language, words.ui("web.unknown_language", code=language)))
    view = View(
        words=words,
        page=page,
        values={key: str(data.get(key, "")) for key in ("title", "date", "start", "venue", "host")},
        facilitator=data.get("facilitator") or {},
        partners=data.get("partners") or [],
        rows=rows,
        languages=languages,
        papers=[(name, words.ui(f"paper.{name}")) for name in paper_keys],
        paper=page.paper or default_paper,
        addable=[
            (key, _part_title(content, key))
            for key, part in timing.parts.items()
            if not part.pause and key not in used
        ],
        positions=_positions(rows, words),
        timeline=timeline(schedule, content, words, _part_title) if schedule else None,
        total=_total(schedule, words) if schedule else words.ui("web.no_times"),
        file=words.ui(key, file=str(workspace.target)),
        letter={k: str(v) for k, v in (data.get("letter") or {}).items()},
        letter_defaults=_letter_defaults(content, data),
    )
    view.values["language"] = language
    view.values["start"] = _clock_value(view.values["start"])
    view.date_types = _input_types(view)
    left_out = data.get("leave_out") or []
    materials = content.materials
    titles = {
        "name_cards": materials.cards.title,
        "sign_in": materials.sign_in.title,
        "record": materials.record.title,
        "credits": materials.credits.heading,
        "circle_resources": words.ui("web.circle_resources"),
    }
    view.materials = [(key, titles[key], key in left_out) for key in LEAVE_OUT]
    if found is not None:
        view.unknown = [u for u in found.unknown if u.path not in page.drop]
        problems = _misread(view, data, found, problems)
    unknown = {u.path for u in found.unknown} if found else set()
    # in the page's language, in the form's words rather than the file's
    said = messages_of(content)
    problems, warnings = said.problems(problems, page=True), said.problems(warnings, page=True)
    if show_problems or extra:  # a download's problems are the preparation's again: once
        problems = list(dict.fromkeys(problems))
        view.summary = [_plain(problem) for problem in problems]
        placed = [p for p in problems if not (p.field and input_name(p.field) in unknown)]
        _place(view, placed, view.problems, view.general)
    _place(view, warnings, view.warnings, view.general_warnings)
    for row in view.rows:
        inside = f"agenda[{row.index}]."
        row.open = bool(row.purpose or row.materials or row.steps) or any(
            name.startswith((inside + "purpose", inside + "materials", inside + "steps"))
            for name in view.problems
        )
    return view


def _letter_defaults(content: Content, data: dict[str, Any]) -> dict[str, str]:
    """The language's opening and closing as a start for one's own: the placeholders kept,
    the title's either-or decided for this session."""
    from workbook.core.text import fill

    names = {name: f"{{{{ {name} }}}}" for name in ("name", "organisation", "host")}
    title = "{{ title }}" if data.get("title") else ""
    return {
        "opening": fill(content.ui.get("letter.invite"), **names, title=title),
        "closing": fill(content.ui.get("letter.looking_forward"), **names, title=title),
    }


def _misread(
    view: View, data: dict[str, Any], found: FileData, problems: list[Problem]
) -> list[Problem]:
    """A value YAML read as something else, said in the page's words beside its field (in
    place of the validation's, which speaks of quotes in YAML)."""
    shown = []
    for path, misread in found.misread.items():
        if _value_at(data, path) != misread.written:
            continue
        read_as = view.words.ui(f"web.read_as_{misread.read_as}")
        note = view.words.ui("web.misread", written=misread.written, read_as=read_as)
        shown.append(Problem(note, field=path.replace("[", ".").replace("]", "")))
    fields = {problem.field for problem in shown}
    keys = ("yaml_number", "yaml_true", "yaml_false")  # the validation's words for it
    kept = [p for p in problems if not (p.field in fields and p.key in keys)]
    return shown + kept


def _value_at(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for step in re.findall(r"[^.\[\]]+", path):
        if isinstance(node, list) and step.isascii() and step.isdigit():
            node = node[int(step)] if int(step) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(step)
        else:
            return None
    return node


def _input_types(view: View) -> dict[str, str]:
    """Native date and time inputs for values they can show; a value they cannot (a date
    that does not exist) keeps a text input, so it is shown as typed, never blanked."""
    types = {
        "date": "date" if _is_date(view.values["date"]) else "text",
        "start": "time" if _is_clock(view.values["start"]) else "text",
    }
    for row in view.rows:
        if row.kind == "day":
            types[f"agenda[{row.index}].day"] = "date" if _is_date(row.day) else "text"
            types[f"agenda[{row.index}].start"] = "time" if _is_clock(row.start) else "text"
    return types


def _is_date(text: str) -> bool:
    if not text:
        return True
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text, re.ASCII):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_clock(text: str) -> bool:
    return not text or re.fullmatch(r"[0-9]{2}:[0-9]{2}", text, re.ASCII) is not None


def _clock_value(text: str) -> str:
    """09:00 for 9:00 or 9.00, as a time input holds it; anything else as typed."""
    from workbook.session.model import parse_clock

    try:
        return parse_clock(text).strftime("%H:%M") if text else ""
    except ValueError:
        return text


def _row(index: int, entry: Any, content: Content) -> Row:
    fields = entry_fields(entry)
    kind = fields["kind"]
    minutes = "" if fields.get("minutes") is None else str(fields["minutes"])
    if kind == "day":
        start = _clock_value(str(fields.get("start") or ""))
        return Row(index, kind, day=fields["day"], start=start)
    if kind == "custom":
        steps = [Step(n, s["text"], s["minutes"]) for n, s in enumerate(fields["steps"])]
        return Row(
            index,
            kind,
            title=str(fields.get("title") or ""),
            minutes=minutes,
            purpose=fields["purpose"],
            materials=fields["materials"],
            steps=steps,
        )
    part = fields["part"]
    timing = content.timing.parts.get(part)
    label = _part_title(content, part) if timing else part
    guide = str(timing.minutes) if timing else ""
    return Row(index, kind, part=part, minutes=minutes, guide_minutes=guide, label=label)


def _part_title(content: Content, key: str) -> str:
    parts = content.parts.parts
    part = parts.break_ if key == "break" else getattr(parts, key, None)
    return part.short_title if part is not None else key


def _positions(rows: list[Row], words: Words) -> list[tuple[str, str]]:
    """Where a new row may go: its natural place (the guide's order, else the end), or
    before any row."""
    places = [("", words.ui("web.at_natural"))]
    for row in rows:
        name = row.label or row.title or row.day or "…"
        places.append((str(row.index), words.ui("web.before", item=f"{row.index + 1}. {name}")))
    places.append((str(len(rows)), words.ui("web.at_end")))
    return places


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
        for step, timed in zip(row.steps, slot.steps, strict=False):
            if timed.minutes:
                step.time = words.span(timed.start, timed.end)


def _schedule_only(data: dict[str, Any], content: Content) -> Schedule | None:
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
    agenda = timed.get("agenda") or []
    # a part of one's own just added has no title yet; and with steps that do not read, its
    # own minutes still place the rest
    for strip in (False, True):
        if agenda:
            timed["agenda"] = [_timed_only(entry, strip) for entry in agenda]
        try:
            return build_schedule(Session.model_validate({**stand_in, **timed}), content.timing)
        except (UserError, ValueError):
            continue
    return None


def _timed_only(entry: Any, strip: bool) -> Any:
    if isinstance(entry, dict) and "title" in entry:
        steps = {} if strip or "steps" not in entry else {"steps": entry["steps"]}
        return {"title": entry["title"] or "-", "minutes": entry.get("minutes"), **steps}
    return entry


def _total(schedule: Schedule, words: Words) -> str:
    return words.ui(
        "web.total",
        length=words.duration(schedule.minutes),
        guide=words.duration(schedule.guide_minutes),
    )


_INDEX = re.compile(r"\.([0-9]+)(?=\.|$)")


def input_name(problem_field: str) -> str:
    """A problem's field, ``partners.0.name``, as the form names it: ``partners[0].name``."""
    return _INDEX.sub(r"[\1]", problem_field)


def _place(
    view: View, problems: list[Problem], by_field: dict[str, list[str]], general: list[str]
) -> None:
    """Each problem beside the input it names, or beside its row, or at the top."""
    known = _names(view)
    for problem in problems:
        hint = _web_hint(problem.hint)
        text = problem.message + (f" – {hint}" if hint else "")
        name = input_name(problem.field) if problem.field else ""
        while name and name not in known:
            name = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", name) if re.search(r"[.\[]", name) else ""
        if name:
            by_field.setdefault(name, []).append(text)
        else:
            general.append(_plain(problem))


def _web_hint(hint: str | None) -> str | None:
    """The command line's hints that name its options or commands mean nothing here."""
    if not hint or re.search(r"(^|\s)-[a-z]\b|--[a-z]|'workbook |\\0", hint):
        return None
    return hint


def _plain(problem: Problem) -> str:
    """A problem without its file and line: on the page, the file is the form."""
    subject = problem.label if problem.label is not None else problem.field and f"'{problem.field}'"
    text = f"{subject}: {problem.message}" if subject else problem.message
    hint = _web_hint(problem.hint)
    return text + (f" – {hint}" if hint else "")


def _names(view: View) -> set[str]:
    names = {"language", "title", "date", "start", "venue", "host", "host_logo", "facilitator"}
    names |= {"leave_out", "letter", "letter.opening", "letter.closing"}
    names |= {"facilitator.name", "facilitator.email", "partners", "agenda"}
    for index in range(len(view.partners)):
        names.add(f"partners[{index}]")
        names |= {f"partners[{index}].{key}" for key in ("name", "organisation", "role", "email")}
    for row in view.rows:
        names.add(f"agenda[{row.index}]")
        keys = ("minutes", "title", "day", "start", "purpose", "materials")
        names |= {f"agenda[{row.index}].{key}" for key in keys}
        for step in row.steps:
            names |= {f"agenda[{row.index}].steps[{step.index}].{k}" for k in ("text", "minutes")}
    return names
