"""The day in ``workbook serve``: the run view (``/run``) and the room clock (``/room``).

Both show the same state, kept by ``app.day`` beside the session file; the pages ask for
it again every second (``/run/state``: the changing part as HTML, and as data), so the room
clock follows the run view without a reload and a page left open picks up a restart of the
server. Without JavaScript the buttons are plain forms and the page reloads.

The guards of ``app.py`` (Host, and Origin for what changes state) run before every route
here too: the blueprint is registered on the one app. No path from a request reaches the
file system.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
)

from workbook.core.errors import Problem, UserError
from workbook.web.workspace import Workspace

STATIC = ("run.css", "run.js")
day = Blueprint("day", __name__)
_static = {name: (Path(__file__).parent / "static" / name).read_bytes() for name in STATIC}


def register(app: Flask) -> None:
    from workbook.web import record_page

    app.register_blueprint(day)
    app.register_blueprint(record_page.page)
    app.extensions["workbook_days"] = {}


def _workspace() -> Workspace:
    workspace: Workspace = current_app.config["WORKSPACE"]
    return workspace


def clock_of(app: Flask) -> Any:
    """The app's clock: the computer's, or the one a test sets in ``config["CLOCK"]``."""
    from workbook.app.day import wall_clock

    return lambda: (app.config.get("CLOCK") or wall_clock)()


def day_run() -> Any:
    """The day of the session file the server works on (one per file: Save may name a new one)."""
    from workbook.app.day import DayRun

    workspace = _workspace()
    runs: dict[Path, DayRun] = current_app.extensions["workbook_days"]
    if workspace.target not in runs:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        runs[workspace.target] = DayRun(workspace.target, workspace.content_dirs, clock_of(app))
    return runs[workspace.target]


def work_lock() -> Any:
    return current_app.config["WORK"]


def words_for(content: Any) -> Any:
    from workbook.plan.words import Words

    return Words(content)


@day.get("/day-static/<name>")
def asset(name: str) -> Response:
    if name not in _static:  # a fixed set read at start: no path from a request is opened
        return Response("not found", status=404, mimetype="text/plain")
    kind = "text/css" if name.endswith(".css") else "text/javascript"
    return Response(_static[name], mimetype=f"{kind}; charset=utf-8")


@day.get("/run")
def run_page() -> Response:
    return _page("run.html")


@day.get("/room")
def room_page() -> Response:
    return _page("room.html")


@day.get("/run/state")
def state() -> Response:
    try:
        view, words = _view()
    except UserError as exc:
        return _problem_json(exc.problems)
    return _state_json(view, words)


@day.post("/run/<action>")
def act(action: str) -> Response:
    from workbook.app.day import ACTIONS

    if action not in ACTIONS:
        return Response("not found", status=404, mimetype="text/plain")
    unit = request.form.get("unit") or None
    try:
        snapshot = day_run().act(action, unit)
        view, words = _view(snapshot)
    except UserError as exc:
        if _wants_json():
            return _problem_json(exc.problems)
        return _page("run.html", problems=exc.problems, status=409)
    if _wants_json():
        return _state_json(view, words)
    return redirect("/run", code=303)  # type: ignore[return-value]


@day.get("/run/programme")
def programme() -> Response:
    """The participants' programme for the rest of the day, as it now runs."""
    from workbook.app.agenda import agenda_name, render_agenda_pdf
    from workbook.plan.programme import build_programme
    from workbook.plan.run import retimed_schedule

    try:
        with work_lock():
            snapshot = day_run().snapshot()
            p = snapshot.prepared
            schedule = retimed_schedule(snapshot.progress, p.schedule) or p.schedule
            plan = build_programme(p.session, schedule, p.content)
            pdf = render_agenda_pdf(p, plan, day_run().session)
            name = agenda_name(p, day_run().session, plan.title)
    except UserError as exc:
        return _page("run.html", problems=exc.problems, status=409)
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _view(snapshot: Any = None) -> tuple[Any, Any]:
    from workbook.plan.run import build_run_view

    if snapshot is None:
        snapshot = day_run().snapshot()
    content = snapshot.prepared.content
    view = build_run_view(snapshot.progress, content, snapshot.revision)
    return view, words_for(content)


def _page(template: str, problems: list[Problem] | None = None, status: int = 200) -> Response:
    try:
        view, words = _view()
        days = _days(day_run().snapshot().prepared, words)
    except UserError as exc:
        view, words, days = None, words_for(page_content()), []
        problems = [*(problems or []), *exc.problems]
    html = render_template(
        template,
        v=view,
        w=words.ui,
        lang=words.content.code,
        days=days,
        problems=[plain_problem(p, words.content) for p in problems or []],
        remaining=remaining_text,
    )
    return Response(html, status=status, mimetype="text/html")


def _days(p: Any, words: Any) -> list[tuple[str, str]]:
    return [(d.date.isoformat(), words.date(d.date)) for d in p.schedule.days]


def _state_json(view: Any, words: Any) -> Response:
    run = render_template("run_live.html", v=view, w=words.ui, remaining=remaining_text)
    room = render_template("room_live.html", v=view, w=words.ui, remaining=remaining_text)
    data = {"view": dataclasses.asdict(view), "run": run, "room": room}
    response = jsonify(data)
    response.headers["Cache-Control"] = "no-store"
    return response


def _problem_json(problems: list[Problem]) -> Response:
    content = page_content()
    response = jsonify({"problems": [plain_problem(p, content) for p in problems]})

    response.status_code = 409
    return response


def _wants_json() -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def page_content() -> Any:
    """The language the day's pages speak: the session's, also where it cannot be prepared
    (its 'language:' as written; the page's own default where none is)."""
    workspace = _workspace()
    try:
        return day_run().prepared().content
    except UserError:
        found = workspace.current().found
        code = found.data.get("language") if found and isinstance(found.data, dict) else None
        return workspace.content(code if isinstance(code, str) else None)


def plain_problem(problem: Problem, content: Any = None) -> str:
    """A problem as the day's pages show it: with its file where it has one; in the
    language of ``content`` (a loaded language) where given."""
    if content is not None:
        from workbook.app.messages import messages_of

        problem = messages_of(content).problem(problem)
    text = problem.render() if problem.file is not None else problem.message
    if problem.file is None and problem.hint:
        text += f" – {problem.hint}"
    return text


def remaining_text(seconds: int) -> str:
    """The countdown as the clock shows it: 12:05, or -03:20 when over."""
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes:02d}:{rest:02d}"
