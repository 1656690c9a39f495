"""The record typed in (``/record`` of ``workbook serve``): a form for the record's fields,
the same record as YAML, photos of the boards, and the report made from it.

The record and its photos live beside the session file (``app.record``); every save names
the version of the file the page showed, and a file changed since is never replaced. The
photos are served by their name in the record, and only from the record's photos folder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request

from workbook.core.errors import Problem, UserError
from workbook.web.workspace import Workspace

page = Blueprint("record", __name__)
MAX_UPLOAD = 120 * 1024 * 1024  # a dozen phone photos at once
BLANK_ROWS = 2  # empty rows under each quadrant's steps, to type new ones into
_STEP = re.compile(r"^steps\.([a-z_]{1,40})\.(\d{1,3})\.(who|what|when)$")
_DECISION = re.compile(r"^documentation\.(\d{1,2})\.(question|decision)$")
_PHOTO = re.compile(r"^photos\.(\d{1,3})\.(file|caption|remove)$")


@dataclass
class Quadrant:
    key: str
    title: str
    question: str
    rows: list[dict[str, str]]


@dataclass
class RecordView:
    title: str
    lead: str
    facts: str
    file: str
    base: str
    ambitions: list[tuple[str, str, str]]  # dialogue key, its title, the text
    ambitions_title: str
    columns: tuple[str, str, str]
    next_steps_title: str
    quadrants: list[Quadrant]
    documentation_title: str
    documentation_lead: str
    decisions: list[tuple[str, str]]  # question, decision
    people: list[tuple[str, bool]]  # partner names, ticked
    others: str
    photos: list[tuple[str, str]]  # file, caption
    yaml: str
    problems: list[str] = field(default_factory=list)
    saved: str = ""


def _workspace() -> Workspace:
    workspace: Workspace = current_app.config["WORKSPACE"]
    return workspace


def _record_file() -> Any:
    from workbook.app.record import RecordFile

    return RecordFile(_workspace().target)


def _prepared() -> Any:
    from workbook.web.run import day_run

    return day_run().prepared()


@page.get("/record")
def show() -> Response:
    return _render()


@page.post("/record")
def save() -> Response:
    request.max_content_length = MAX_UPLOAD  # photos: more than the planning form's limit
    try:
        p = _prepared()
        record = read_form(request.form)
        uploads = [
            (upload.filename, upload.stream.read())
            for upload in request.files.getlist("photo_files")
            if upload.filename
        ]
        _record_file().save(record, request.form.get("base", ""), header(p), uploads)
    except UserError as exc:
        return _render(problems=exc.problems, form=request.form, status=409)
    return _render(saved=True)


@page.post("/record/yaml")
def save_yaml() -> Response:
    text = request.form.get("yaml", "").replace("\r\n", "\n")
    try:
        _record_file().save_text(text, request.form.get("base", ""))
    except UserError as exc:
        return _render(problems=exc.problems, yaml=text, status=409)
    return _render(saved=True)


@page.get("/record/photo/<path:name>")
def photo(name: str) -> Response:
    found = _record_file().photo_file(f"photos/{name}")
    if found is None:
        return Response("not found", status=404, mimetype="text/plain")
    return Response(found.read_bytes(), mimetype="image/jpeg")


@page.get("/record/<kind>")
def download(kind: str) -> Response:
    """The report from the saved record: the PDF, the calendar, or the text for an e-mail."""
    from workbook.app.report import report_files

    if kind not in ("report", "calendar", "text"):
        return Response("not found", status=404, mimetype="text/plain")
    try:
        with current_app.config["WORK"]:
            made = report_files(_workspace().target, _workspace().content_dirs)
    except UserError as exc:
        return _render(problems=exc.problems, status=409)
    if kind == "calendar" and not made.ics:  # a calendar must hold at least one event
        problem = Problem(
            "no next step has a date, so there is no calendar to make",
            hint="Give a step a date such as 2027-04-01 in its last column, and save.",
            key="no_dated_step",
        )
        return _render(problems=[problem], status=409)
    name, body, media = {
        "report": (made.pdf_name, made.pdf, "application/pdf"),
        "calendar": (made.ics_name, made.ics, "text/calendar; charset=utf-8"),
        "text": (made.text_name, made.text.encode("utf-8"), "text/plain; charset=utf-8"),
    }[kind]
    return Response(
        body, mimetype=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def header(p: Any) -> str:
    from workbook.plan.words import Words, session_title

    words = Words(p.content)
    title = session_title(p.session, words)
    return words.ui("record.header", title=title, date=words.dates(p.schedule))


def read_form(form: Mapping[str, str]) -> Any:
    """The record the posted form describes, validated."""
    from pydantic import ValidationError

    from workbook.core.validation import problems_from
    from workbook.core.yamlio import parse
    from workbook.session.record import Record

    try:
        return Record.model_validate(form_data(form))
    except ValidationError as exc:
        doc = parse("{}", _record_file().path)
        problems = problems_from(exc, doc, Record)
        # the record file's place is not the form's: the problem as said, without it
        raise UserError(
            [replace(p, file=None, line=None, column=None, excerpt=None) for p in problems]
        ) from None


def form_data(form: Mapping[str, str]) -> dict[str, Any]:
    """The record the posted form describes, in the record file's shape (empty rows and
    fields left out)."""
    data: dict[str, Any] = {}
    ambitions = {
        key: value.strip()
        for key in ("ambition", "contribution", "scaling")
        if (value := form.get(f"ambitions.{key}", "")).strip()
    }
    if ambitions:
        data["ambitions"] = ambitions
    steps: dict[str, dict[int, dict[str, str]]] = {}
    decisions: dict[int, dict[str, str]] = {}
    photos: dict[int, dict[str, str]] = {}
    for name, value in form.items():
        if match := _STEP.match(name):
            row = steps.setdefault(match.group(1), {}).setdefault(int(match.group(2)), {})
            row[match.group(3)] = value.strip()
        elif match := _DECISION.match(name):
            decisions.setdefault(int(match.group(1)), {})[match.group(2)] = value.strip()
        elif match := _PHOTO.match(name):
            photos.setdefault(int(match.group(1)), {})[match.group(2)] = value.strip()
    next_steps = {}
    for key, rows in steps.items():
        filled = [
            {k: v for k, v in row.items() if v}
            for _, row in sorted(rows.items())
            if any(row.values())
        ]
        if filled:
            next_steps[key] = filled
    if next_steps:
        data["next_steps"] = next_steps
    documentation = [
        row for _, row in sorted(decisions.items()) if row.get("decision") and row.get("question")
    ]
    if documentation:
        data["documentation"] = documentation
    getlist = getattr(form, "getlist", None)
    agreed = list(getlist("agreed")) if getlist else []
    agreed += [line.strip() for line in form.get("others", "").splitlines() if line.strip()]
    if agreed:
        data["agreed"] = list(dict.fromkeys(agreed))
    kept = [
        {k: v for k, v in row.items() if k in ("file", "caption") and v}
        for _, row in sorted(photos.items())
        if row.get("file") and not row.get("remove")
    ]
    if kept:
        data["photos"] = kept
    return data


def _render(
    problems: list[Problem] | None = None,
    form: Mapping[str, str] | None = None,
    yaml: str | None = None,
    saved: bool = False,
    status: int = 200,
) -> Response:
    from workbook.web.run import page_content, plain_problem, words_for

    problems = list(problems or [])
    record_file = _record_file()
    try:
        p = _prepared()
    except UserError as exc:
        words = words_for(page_content())
        html = render_template(
            "record.html",
            r=None,
            w=words.ui,
            lang=words.content.code,
            problems=[plain_problem(x, words.content) for x in [*problems, *exc.problems]],
        )
        return Response(html, status=409, mimetype="text/html")
    words = words_for(p.content)
    try:
        record, text, base = record_file.read()
    except UserError as exc:  # a hand edit broke it: show the YAML to mend
        from workbook.session.record import Record

        record, base = Record(), _raw_version(record_file.path)
        text = record_file.path.read_text("utf-8", errors="replace")
        problems += exc.problems
        status = 409
    data = record.model_dump(mode="json")
    if form is not None:  # what was typed stays on the page, whatever its problems
        data, base = form_data(form), form.get("base", base)
    view = build_record_view(p, data, base, yaml if yaml is not None else text, words)
    view.file = words.ui("record.file", file=str(record_file.path))
    view.problems = [plain_problem(x, p.content) for x in problems]
    if saved:
        view.saved = words.ui("record.saved", file=str(record_file.path))
    html = render_template("record.html", r=view, w=words.ui, lang=p.content.code, problems=[])
    return Response(html, status=status, mimetype="text/html")


def _raw_version(path: Any) -> str:
    from workbook.app.record import version

    try:
        return version(path.read_bytes())
    except OSError:
        return ""


def build_record_view(p: Any, data: dict[str, Any], base: str, text: str, words: Any) -> RecordView:
    """The page's view of a record given in the record file's shape (``data``)."""
    from workbook.plan import room
    from workbook.plan.words import DIALOGUES

    chosen = [key for key in DIALOGUES if p.schedule.includes(key)]
    sheet = room.record(p.session, p.content, chosen, words.dates(p.schedule))
    quadrants = []
    for quadrant, words_of in zip(p.content.next_steps.quadrants, sheet.quadrants, strict=True):
        rows = [
            {key: str(step.get(key) or "") for key in ("who", "what", "when")}
            for step in (data.get("next_steps") or {}).get(quadrant.key, [])
        ]
        rows += [{"who": "", "what": "", "when": ""} for _ in range(BLANK_ROWS)]
        quadrants.append(Quadrant(quadrant.key, words_of.title, words_of.question, rows))
    answered = {d["question"]: d["decision"] for d in data.get("documentation") or []}
    decisions = [(q, answered.pop(q, "")) for q in sheet.documentation]
    decisions += list(answered.items())  # a question written by hand stays
    names = [partner.name for partner in p.session.partners]
    agreed = data.get("agreed") or []
    people = [(name, name in agreed) for name in names]
    others = "\n".join(name for name in agreed if name not in names)
    return RecordView(
        title=sheet.title,
        lead=words.ui("record.lead"),
        facts=sheet.facts,
        file="",
        base=base,
        ambitions=[
            (key, title, (data.get("ambitions") or {}).get(key, ""))
            for key, title in zip(chosen, sheet.ambitions, strict=True)
        ],
        ambitions_title=sheet.ambitions_title,
        columns=sheet.columns,
        next_steps_title=sheet.next_steps_title,
        quadrants=quadrants,
        documentation_title=sheet.documentation_title,
        documentation_lead=sheet.documentation_lead,
        decisions=decisions,
        people=people,
        others=others,
        photos=[(photo["file"], photo.get("caption") or "") for photo in data.get("photos") or []],
        yaml=text,
    )
