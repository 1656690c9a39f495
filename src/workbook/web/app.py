"""The page of ``workbook serve``: one form for the session file, and its PDFs as downloads.

Flask, because the pipeline is synchronous and CPU-bound (a request renders a PDF and
returns it), its test client needs nothing more, and Werkzeug's parser lets uploads be
limited and kept in memory. Every PDF comes from the pipeline functions the CLI calls.

A local server is still a server: any web site the user visits can make the browser send
requests to 127.0.0.1, so requests whose ``Host`` is not this server (DNS rebinding) and
state-changing requests from another origin are refused; and no path in a request reaches
the file system: the only file read or written is the session file (and its logo) named
when the server started.
"""

from __future__ import annotations

import base64
import io
import sys
import threading
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flask import Flask, Request, Response, render_template, request
from werkzeug.exceptions import HTTPException

from workbook.core.errors import Problem, UserError
from workbook.web import form as forms
from workbook.web.run import register as register_day
from workbook.web.workspace import Workspace

MAX_REQUEST = 4 * 1024 * 1024  # the form with a logo; a session file is at most 2 MiB
MAX_LOGO = 2 * 1024 * 1024
STATIC = ("page.css", "page.js")
DOWNLOADS = ("pack", "posters", "letters", "letters_zip", "agenda")
ON_PAGE = ("save", "previews")  # buttons answered with the page itself
PREVIEW_DPI = 60


class _InMemoryRequest(Request):
    """Uploads stay in memory (Werkzeug would spool a large one to a temporary file)."""

    max_content_length = MAX_REQUEST
    max_form_parts = 20_000  # a thousand partners, four fields each, and the agenda

    def _get_file_stream(self, *args: Any, **kwargs: Any) -> Any:
        return io.BytesIO()


def create_app(workspace: Workspace, debug: bool = False) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.request_class = _InMemoryRequest
    app.config["WORKSPACE"] = workspace
    app.config["PORT"] = None  # set by the server once it has bound a port
    static = {name: _package_file("static", name) for name in STATIC}

    @app.before_request
    def guard() -> Response | None:
        return _refused(app.config["PORT"])

    # One request at a time does pipeline work: ReportLab's font and style registries are
    # process-wide, and a double click must not render two packs into one another. Static
    # files are still served meanwhile (the server is threaded).
    work = threading.Lock()
    app.config["WORK"] = work  # the day's pages (web/run.py) render under the same lock
    register_day(app)

    @app.get("/")
    def page() -> Response:
        with work:
            return _page(workspace, workspace.data(), {}, show_problems=False)

    @app.post("/")
    def submit() -> Response:
        with work:
            return _submit(workspace, request.form.get("fillable") == "1")

    @app.get("/static/<name>")
    def asset(name: str) -> Response:
        if name not in static:  # a fixed set read at start: no path from a request is opened
            return Response("not found", status=404, mimetype="text/plain")
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        return Response(static[name], mimetype=f"{kind}; charset=utf-8")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        message = {
            413: f"The form is larger than {MAX_REQUEST // (1024 * 1024)} MiB. "
            f"A logo may be at most {MAX_LOGO // (1024 * 1024)} MiB.",
        }.get(exc.code or 0, exc.description or "")
        return _message(exc.code or 500, message)

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


def _submit(workspace: Workspace, fillable: bool) -> Response:
    """A posted form: a row added, moved or removed, the page updated, a download, or Save."""
    data = forms.read_form(request.form)
    paper = request.form.get("paper") or None
    upload = request.files.get("host_logo_file")
    problems: list[Problem] = []
    if upload is not None and upload.filename:
        problems += workspace.take_logo(upload.filename, upload.stream.read(MAX_LOGO + 1))
    if request.form.get("host_logo_remove"):
        workspace.drop_logo()
    operation = request.form.get("op", "")
    if operation:
        forms.apply_operation(data, operation, request.form.get("add_part"))
        return _page(workspace, data, {"paper": paper}, show_problems=False, extra=problems)
    action = next((name for name in (*DOWNLOADS, *ON_PAGE) if name in request.form), None)
    if problems or action is None:
        return _page(workspace, data, {"paper": paper}, extra=problems)
    try:
        if action == "save":
            saved = workspace.save(data)
            return _page(workspace, data, {"paper": paper, "saved": saved})
        if action == "previews":
            pages = _previews(workspace, data, paper)
            return _page(workspace, data, {"paper": paper, "previews": pages})
        name, body, kind = _download(workspace, data, action, paper, fillable)
    except UserError as exc:
        return _page(workspace, data, {"paper": paper}, extra=exc.problems, status=422)
    return Response(
        body,
        mimetype=kind,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _refused(port: int | None) -> Response | None:
    """403 for a request that did not come from this server's own page (see the module)."""
    hosts = {f"127.0.0.1:{port}", f"localhost:{port}"} if port else {"127.0.0.1", "localhost"}
    if request.host not in hosts:
        return _message(403, f"This server answers only at http://127.0.0.1:{port}/.")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        origin = request.headers.get("Origin")
        if origin is not None and origin.removeprefix("http://") not in hosts:
            return _message(403, "Requests from other web sites are refused.")
        if origin is None and request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
            return _message(403, "Requests from other web sites are refused.")
    return None


def _download(
    workspace: Workspace, data: dict[str, Any], action: str, paper: str | None, fillable: bool
) -> tuple[str, bytes, str]:
    """The file a button asks for: its name, its bytes and its media type."""
    from workbook.app.agenda import agenda_in_memory
    from workbook.app.invitations import letters_archive, letters_in_one
    from workbook.app.options import AUTO, PrintOptions
    from workbook.app.pack import pack_in_memory

    p = workspace.prepare(data, paper)
    target = workspace.target
    if action in ("pack", "posters"):  # as 'workbook pack SESSION' makes them
        made = pack_in_memory(p, target, PrintOptions(paper=paper, boards=AUTO))
        if action == "pack":
            return made.output.name, made.pack, "application/pdf"
        if made.boards is None or made.posters is None:
            raise UserError(
                Problem(
                    "the agenda has no joint boards to print as posters",
                    field="agenda",
                    hint="Include ambition, contribution, scaling or next_steps.",
                )
            )
        return made.boards.name, made.posters, "application/pdf"
    if action == "agenda":
        name, pdf = agenda_in_memory(p, target)
        return name, pdf, "application/pdf"
    logo = workspace.logo_bytes()
    if action == "letters":
        name, pdf = letters_in_one(p, target, logo, fillable)
        return name, pdf, "application/pdf"
    name, archive = letters_archive(p, target, logo, fillable)
    return name, archive, "application/zip"


def _previews(workspace: Workspace, data: dict[str, Any], paper: str | None) -> list[str]:
    """The pack's pages, as the pack button makes it, as PNGs (base64, for data: URLs):
    kept in the page, never on disk."""
    from workbook.app.previews import render_pngs

    _, pdf, _ = _download(workspace, data, "pack", paper, False)
    return [base64.b64encode(png).decode("ascii") for png in render_pngs(pdf, PREVIEW_DPI)]


def _page(
    workspace: Workspace,
    data: dict[str, Any],
    options: dict[str, Any],
    show_problems: bool = True,
    extra: Sequence[Problem] = (),
    status: int = 200,
) -> Response:
    from workbook.web.view import build_view

    view = build_view(workspace, data, options.get("paper"), show_problems, list(extra))
    view.fillable = request.form.get("fillable") == "1"
    view.previews = options.get("previews") or []
    if extra and status == 200:
        status = 422
    html = render_template("page.html", v=view, saved=options.get("saved"))
    return Response(html, status=status, mimetype="text/html")


def _message(status: int, text: str) -> Response:
    html = render_template("message.html", status=status, text=text)
    return Response(html, status=status, mimetype="text/html")


def _package_file(folder: str, name: str) -> bytes:
    return (Path(__file__).parent / folder / name).read_bytes()
