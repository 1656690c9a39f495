"""The partners' answers on the web page: ``/replies`` shows what they replied and takes
their filled-in letters (``workbook collect``'s work, for the saved session file), and the
form's "import" button fills its partners from a spreadsheet (``import_partners``).

Its own routes and template (``replies.html``, and ``replies_part.html`` in the main page),
so the page's other parts are not touched. Uploads stay in memory and are bounded; the only
file written is the replies file beside the session file the server was started with.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, render_template, request

from workbook.core.errors import Problem, UserError
from workbook.web.workspace import Workspace

if TYPE_CHECKING:
    from workbook.app.collect import Taken
    from workbook.app.messages import Messages


MAX_LETTERS = 40 * 1024 * 1024  # some two hundred letters at once
MAX_LETTER = 25 * 1024 * 1024
MAX_SHEET = 10 * 1024 * 1024


def register(app: Flask, workspace: Workspace, work: threading.Lock) -> None:
    @app.get("/replies")
    def replies() -> Response:
        with work:
            return _replies_page(workspace)

    @app.post("/replies")
    def take_letters() -> Response:
        request.max_content_length = MAX_LETTERS  # letters are larger than the form
        with work:
            return _take_letters(workspace)


def _take_letters(workspace: Workspace) -> Response:
    from workbook.app.collect import Letter, collect

    if not workspace.saved_before:
        return _replies_page(workspace, status=409)
    now = dt.datetime.now().replace(microsecond=0)  # an upload is the newest letter
    letters = []
    too_big: list[Problem] = []
    for upload in request.files.getlist("letters"):
        name = Path(upload.filename or "letter.pdf").name
        data = upload.stream.read(MAX_LETTER + 1)
        if len(data) > MAX_LETTER:
            limit = MAX_LETTER // (1024 * 1024)
            too_big.append(
                Problem(
                    f"is larger than {limit} MiB",
                    file=Path(name),
                    key="letter_too_big",
                    values=(("limit", limit),),
                )
            )
            continue
        if data:
            letters.append(Letter(name, data, now))
    if not letters:
        return _replies_page(workspace, problems=too_big, status=422)
    try:
        outcome = collect(workspace.target, letters)
    except UserError as exc:
        return _replies_page(workspace, problems=exc.problems, status=422)
    return _replies_page(
        workspace,
        read=outcome.read,
        notes=outcome.notes,
        problems=too_big + outcome.problems,
    )


def _replies_page(
    workspace: Workspace,
    read: list[Taken] | None = None,
    notes: list[Problem] | None = None,
    problems: list[Problem] | None = None,
    status: int = 200,
) -> Response:
    from workbook.app.messages import messages_of
    from workbook.plan.before import build_before
    from workbook.plan.words import Words
    from workbook.session.model import load_session
    from workbook.session.replies import Replies, load_replies, replies_path

    before = None
    told = list(problems or [])
    content = workspace.content(None)
    if workspace.saved_before:
        try:
            session, _ = load_session(workspace.target)
            content = workspace.content(session.language)
            replies = load_replies(replies_path(workspace.target)) or Replies()
            before = build_before(session, content, Words(content), replies)
        except UserError as exc:
            told += exc.problems
    said = messages_of(content)  # the page's language: the session's
    errors = [p.render() for p in said.problems(told)]
    html = render_template(
        "replies.html",
        w=lambda key, **values: Words(content).ui(f"web.{key}", **values),
        lang=content.code,
        before=before,
        saved=workspace.saved_before,
        file=replies_path(workspace.target).name,
        read=[taken.said(said) for taken in read or []],
        notes=[p.render() for p in said.problems(notes or [])],
        errors=errors,
    )
    if errors and status == 200:
        status = 422
    return Response(html, status=status, mimetype="text/html")


def import_partners(
    data: dict[str, Any], upload: Any, said: Messages | None = None
) -> list[Problem]:
    """The form's partners replaced by an uploaded spreadsheet's (``data`` changed in place),
    or the spreadsheet's problems, each with its row and column, beside the partners (said
    here in the page's language ``said``: the page shows them as they come)."""
    from workbook.session.partners_file import partners_in

    if upload is None or not upload.filename:
        return [
            Problem(
                "choose a spreadsheet (.csv or .xlsx) to import",
                field="partners",
                key="no_spreadsheet",
            )
        ]
    sheet = upload.stream.read(MAX_SHEET + 1)
    try:
        found = partners_in(sheet, Path(Path(upload.filename).name))
    except UserError as exc:
        told = said.problems(exc.problems) if said is not None else exc.problems
        return [Problem(p.render().splitlines()[0], field="partners", hint=p.hint) for p in told]

    data["partners"] = found.partners
    return []
