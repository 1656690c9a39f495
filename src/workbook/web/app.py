"""The page of ``workbook serve``: one form for the session file, and its PDFs as downloads.

Flask, because the pipeline is synchronous and CPU-bound (a request renders a PDF and
returns it), its test client needs nothing more, and Werkzeug's parser lets uploads be
limited and kept in memory. Every PDF comes from the pipeline functions the CLI calls.

The page always shows the file as it is now: every GET reads it again, every form carries
the version it started from, and a save over a newer file is refused and shown as both
sides, field by field (``conflict``). ``/state`` tells the page's script when the file or
its logo changed on disk. No path in a request reaches the file system: the only files
read or written are the session file (and its logo) named when the server started.
"""

from __future__ import annotations

import copy
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from workbook.core.errors import Problem, UserError
from workbook.files.saving import ABSENT
from workbook.web import conflict as conflicts
from workbook.web import form as forms
from workbook.web import operations, replies
from workbook.web.downloads import DOWNLOADS, download, previews
from workbook.web.reading import FileData
from workbook.web.run import register as register_day
from workbook.web.security import MAX_REQUEST, InMemoryRequest, refusal, secured
from workbook.web.view import Page, View, build_view
from workbook.web.workspace import MAX_LOGO, Conflict, Current, Workspace

STATIC = ("page.css", "page.js")
ON_PAGE = ("save", "merge", "compare", "previews")  # buttons answered with the page itself


def create_app(workspace: Workspace, debug: bool = False) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.request_class = InMemoryRequest
    app.config["WORKSPACE"] = workspace
    app.config["PORT"] = None  # set by the server once it has bound a port
    static = {name: _package_file("static", name) for name in STATIC}

    @app.before_request
    def guard() -> Response | None:
        refused = refusal(app.config["PORT"])
        return _message(403, refused) if refused else None

    app.after_request(secured)

    # One request at a time does pipeline work: ReportLab's font and style registries are
    # process-wide, and a double click must not render two packs into one another. Static
    # files and /state are still served meanwhile (the server is threaded), and a request's
    # body is read whole before the lock is taken, so a slow client never holds it.
    work = threading.Lock()
    app.config["WORK"] = work  # the day's pages (web/run.py) render under the same lock
    register_day(app)
    replies.register(app, workspace, work)  # the partners' answers: routes of their own

    @app.get("/")
    def page() -> Response:
        current = workspace.current()
        if current.problems:
            return _blocked(workspace, current)
        assert current.found is not None
        saved = str(workspace.target.name) if request.args.get("saved") else None
        state = Page(version=current.version, logo=current.found.logo, saved=saved)
        data = copy.deepcopy(current.found.data)
        with work:
            return _page(workspace, data, current.text, state, current.found, current)

    @app.get("/state")
    def state() -> Response:
        """The file's and its logo's versions now, for the page to notice a change."""
        current = workspace.current()
        return jsonify(version=current.version, logo=workspace.logo_version(current.found))

    @app.post("/")
    def submit() -> Response:
        posted, files = request.form, request.files  # read whole before the lock
        with work:
            return _submit(workspace, posted, files)

    @app.get("/static/<name>")
    def asset(name: str) -> Response:
        if name not in static:  # a fixed set read at start: no path from a request is opened
            return Response("not found", status=404, mimetype="text/plain")
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        return Response(static[name], mimetype=f"{kind}; charset=utf-8")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        message, lang = exc.description or "", None
        if exc.code == 413:  # a facilitator's upload: said in the page's language
            form, logo = MAX_REQUEST // (1024 * 1024), MAX_LOGO // (1024 * 1024)
            english = f"The form is larger than {form} MiB. A logo may be at most {logo} MiB."
            message, lang = _said(workspace, "form_too_large", english, form=form, logo=logo)
        return _message(exc.code or 500, message, lang)

    @app.errorhandler(Exception)
    def bug(exc: Exception) -> Response:
        if debug:
            traceback.print_exc(file=sys.stderr)
        return _message(
            500,
            f"internal error: {type(exc).__name__}: {exc}. This is a bug in workbook, not in "
            "your session. Run 'workbook --debug serve' and report the traceback it prints.",
        )

    return app


def _posted_page(posted: MultiDict[str, str], found: FileData | None) -> Page:
    """What the form carries from request to request: its version, the keys removed, the
    logo (an upload not saved yet, or removed), the paper and the previews' place."""
    state = Page(
        version=posted.get("version", ""),
        paper=posted.get("paper") or None,
        fillable=posted.get("fillable") == "1",
        drop=forms.read_drop(posted),
        theirs=posted.get("theirs", ""),
    )
    state.token = posted.get("logo_upload", "")
    state.logo = None if posted.get("logo_removed") == "1" else (found.logo if found else None)
    state.previews_from = max(0, (forms.number(posted.get("previews_from", "")) or 1) - 1)
    return state


def _submit(workspace: Workspace, posted: MultiDict[str, str], files: Any) -> Response:
    """A posted form: a row added, moved or removed, the page updated, a download, or Save."""
    data = forms.read_form(posted)
    current = workspace.current()
    found = workspace.found_at(posted.get("version", ""), current)
    state = _posted_page(posted, found)
    base = workspace.text_at(state.version) or current.text
    problems: list[Problem] = []
    upload = files.get("host_logo_file")
    if upload is not None and upload.filename:
        token, problems = workspace.take_logo(upload.filename, upload.stream.read(MAX_LOGO + 1))
        state.token = token or state.token
    if posted.get("host_logo_remove"):
        state.token, state.logo = "", None
    taken = workspace.upload(state.token)
    if taken is not None:
        state.logo = taken.name
    elif state.token:
        state.token = ""  # an upload this server no longer holds (it restarted)
    if "import_partners" in posted:  # a spreadsheet's partners in place of the form's
        from workbook.app.messages import messages_of

        said = messages_of(workspace.content(data.get("language")))
        problems += replies.import_partners(data, files.get("partners_file"), said)

        state.anchor = "s-partners"
        text = workspace.text(data, base, state.logo, state.drop)
        return _page(workspace, data, text, state, found, current, problems)
    operation = posted.get("op", "")
    if operation:
        asked = operations.Request(operation, posted.get("add_part"), posted.get("add_at"))
        order = tuple(workspace.content(data.get("language")).timing.default_agenda)
        state.anchor = operations.apply(data, state.drop, asked, found or FileData({}), order)
        text = workspace.text(data, base, state.logo, state.drop)
        return _page(workspace, data, text, state, found, current, problems)
    action = next((name for name in (*DOWNLOADS, *ON_PAGE) if name in posted), None)
    if "previews_from" in posted:  # the previews' next or previous pages
        action = "previews"
    if action in ("save", "merge", "compare"):
        return _save(workspace, posted, data, state, found, current, action, problems)
    text = workspace.text(data, base, state.logo, state.drop)
    if problems or action is None:
        return _page(workspace, data, text, state, found, current, problems)
    try:
        prepared = workspace.prepare(text, state.paper)
        if action == "previews":
            state.previews, state.previews_total = previews(
                workspace, prepared, state.paper, state.previews_from
            )
            state.anchor = "previews"
            return _page(workspace, data, text, state, found, current)
        logo = _logo_bytes(workspace, state) if action in ("letters", "letters_zip") else None
        name, body, kind = download(workspace, prepared, action, state.paper, state.fillable, logo)
    except UserError as exc:
        return _page(workspace, data, text, state, found, current, exc.problems, status=422)
    return Response(
        body, mimetype=kind, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _logo_bytes(workspace: Workspace, state: Page) -> bytes | None:
    """The logo for the letters: the upload, else the file's own, read and checked here."""
    taken = workspace.upload(state.token)
    if taken is not None:
        return taken.image
    image, problems = workspace.logo_file(state.logo)
    if problems:
        raise UserError(problems)
    return image


def _save(
    workspace: Workspace,
    posted: MultiDict[str, str],
    data: dict[str, Any],
    state: Page,
    found: FileData | None,
    current: Current,
    action: str,
    problems: list[Problem],
) -> Response:
    """Save over the version the page started from (``save``), or over the file's newer
    version with the fields chosen side by side (``merge``); ``compare`` only shows them."""
    base = workspace.text_at(state.version) or current.text
    text = workspace.text(data, base, state.logo, state.drop)
    if problems:
        return _page(workspace, data, text, state, found, current, problems)
    version, logo = state.version, state.logo
    if action == "merge":
        if state.theirs != current.version or (current.found is None and current.exists):
            return _conflict(workspace, data, state, found, current)  # changed again
        theirs = _with_logo(current.found.data if current.found else {}, current)
        picks = {name: posted.get(f"pick.{name}", conflicts.MINE) for name in conflicts.FIELDS}
        data = conflicts.merged(_with_logo(data, logo=state.logo), theirs, picks)
        logo = data.pop("host_logo", None)
        if logo != state.logo:
            state.token = ""
        version, base = current.version, current.text
    elif action == "compare":
        return _conflict(workspace, data, state, found, current)
    elif state.version != current.version:
        if current.found is None or _differ(workspace, data, state, current):
            return _conflict(workspace, data, state, found, current)
        version, base = current.version, current.text  # only comments changed: keep them
    upload = workspace.upload(state.token)
    drop = state.drop

    def make_text(written: str | None) -> str:
        return workspace.text(data, base, written or logo, drop)

    try:
        workspace.save(make_text, version, upload)
    except Conflict as exc:
        return _conflict(workspace, data, state, found, exc.current)
    except UserError as exc:
        return _page(workspace, data, text, state, found, current, exc.problems, status=422)
    # then the page as the file is now: a reload reads it again, and never posts again
    return Response("", status=303, headers={"Location": "/?saved=1"})


def _differ(workspace: Workspace, data: dict[str, Any], state: Page, current: Current) -> bool:
    """Does any field of the form differ from the file as it is now?"""
    assert current.found is not None
    mine = _with_logo(data, logo=state.logo)
    theirs = _with_logo(current.found.data, current)
    return bool(conflicts.differences(mine, theirs, None, lambda name, value, other: ""))


def _with_logo(
    data: dict[str, Any], current: Current | None = None, logo: str | None = None
) -> dict[str, Any]:
    found = current.found if current is not None else None
    return {**data, "host_logo": found.logo if found is not None else logo}


def _conflict(
    workspace: Workspace,
    data: dict[str, Any],
    state: Page,
    found: FileData | None,
    current: Current,
) -> Response:
    """The page with both sides: the facilitator's form as it is, and beside it every field
    in which the file on disk now differs, each with the side proposed to keep."""
    state.theirs = current.version
    theirs = _with_logo(current.found.data, current) if current.found else {}
    base = _with_logo(found.data, logo=found.logo) if found is not None else None
    content = workspace.content(data.get("language"))
    mine = _with_logo(data, logo=state.logo)
    from workbook.plan.words import Words

    state.conflict = conflicts.differences(mine, theirs, base, _shower(content, Words(content)))
    if current.problems:
        state.conflict_problems = [problem.render() for problem in current.problems]
    base_text = workspace.text_at(state.version) or current.text
    text = workspace.text(data, base_text, state.logo, state.drop)
    state.anchor = "conflict"
    return _page(workspace, data, text, state, found, current, status=409)


def _shower(content: Any, words: Any) -> Any:
    """How a field's value reads in the comparison: text as it is; of the partners, those the
    other side does not have, whole; the agenda in order."""
    from workbook.web.view import _part_title

    def shown(name: str, value: Any, other: Any) -> str:
        if value is None:
            return "–"
        if name == "partners":
            own = [p for p in value if p not in (other or [])]
            text = "; ".join(", ".join(p[k] for k in forms.PARTNER if p.get(k)) for p in own)
            same = len(value) - len(own)
            return text + (" " + words.ui("web.same_rows", count=same) if same else "")
        if name == "agenda":
            return " · ".join(
                entry.get("title")
                or entry.get("day")
                or _part_title(content, entry.get("part", "?"))
                for entry in value
            )
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return str(value)

    return shown


def _page(
    workspace: Workspace,
    data: dict[str, Any],
    text: str,
    state: Page,
    found: FileData | None,
    current: Current,
    extra: list[Problem] | None = None,
    status: int = 200,
) -> Response:
    view = build_view(workspace, data, text, state, found, list(extra or []))
    view.current_version = current.version
    view.logo_version = workspace.logo_version(current.found)
    view.changed = state.version != current.version
    view.unsaved = _unsaved(data, state, found)
    if extra and status == 200:
        status = 422
    html = render_template("page.html", v=view)
    return Response(html, status=status, mimetype="text/html")


def _unsaved(data: dict[str, Any], state: Page, found: FileData | None) -> bool:
    """Does the form hold anything the file at its version does not?"""
    if state.drop or state.token or found is None or state.logo != found.logo:
        return True
    return any(
        conflicts.value(data, name) != conflicts.value(found.data, name)
        for name in conflicts.FIELDS
        if name != "host_logo"
    )


def _blocked(workspace: Workspace, current: Current) -> Response:
    """The file cannot be shown as a form (broken YAML, not a mapping, not readable): say
    why; the page reloads by itself once it is fixed."""
    from workbook.app.messages import messages_of
    from workbook.plan.words import Words

    words = Words(workspace.content(None))
    told = messages_of(words.content).problems(current.problems)
    lines = [problem.render() for problem in told]
    html = render_template(
        "message.html",
        status=409,
        text="\n".join(lines),
        heading=words.ui("web.blocked"),
        lead=words.ui("web.blocked_lead"),
        lang=words.content.code,
        version=current.version,
        logo=workspace.logo_version(None),
        file=words.ui("web.file", file=str(workspace.target)),
    )
    return Response(html, status=409, mimetype="text/html")


def _said(workspace: Workspace, name: str, english: str, **values: object) -> tuple[str, str]:
    """``say.<name>`` in the language of the session file, or ``english``; and the code of
    the language it is said in (the page's ``<html lang>``)."""
    from workbook.app.messages import ENGLISH, messages_of

    try:
        found = workspace.current().found
        code = found.data.get("language") if found else None
        said = messages_of(workspace.content(code if isinstance(code, str) else None))
    except UserError:  # no language can be read: as it came
        return english, ENGLISH
    return said.say(name, english, **values), said.code


def _message(status: int, text: str, lang: str | None = None) -> Response:
    html = render_template(
        "message.html", status=status, text=text, heading=None, lead=None, lang=lang
    )
    return Response(html, status=status, mimetype="text/html")


def _package_file(folder: str, name: str) -> bytes:
    return (Path(__file__).parent / folder / name).read_bytes()


__all__ = ["ABSENT", "MAX_REQUEST", "View", "create_app"]
