"""``workbook agenda``: the participants' programme on one page, for the partners."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from workbook.app.pack import Result, default_output
from workbook.app.prepare import Prepared, drawing_context, input_files, prepare
from workbook.files.outputs import check_outputs, check_target, safe_name, write_files
from workbook.plan.document import PackPlan
from workbook.plan.programme import build_programme
from workbook.render.pack import render_pack


def make_agenda(
    session_path: Path,
    output: Path | None = None,
    language: str | None = None,
    content_dirs: Sequence[Path] = (),
    strict: bool = False,
    paper: str | None = None,
    force: bool = False,
) -> Result:
    """The participants' agenda: one page with the session's facts and its programme.

    ``force`` replaces a file at the made-up name (no ``output``) the tool did not write."""
    p = prepare(session_path, language, content_dirs, strict, paper)
    plan = build_programme(p.session, p.schedule, p.content)
    made_up: list[Path] = []
    if output is None:
        output = session_path.parent / agenda_name(p, session_path, plan.title)
        made_up.append(output)
    check_outputs([output], input_files(p, session_path), made_up, force, session_path)
    check_target(output)
    pdf = render_agenda_pdf(p, plan, session_path)
    replaced = (output,) if output.exists() else ()
    write_files({output: pdf}, made_up, force, session_path)
    return Result(output, len(plan.pages), p.content, schedule=p.schedule, replaced=replaced)


def agenda_name(p: Prepared, session_path: Path, title: str) -> str:
    stem = default_output(session_path, p.session.date.isoformat(), title).stem
    return f"{stem}-{safe_name(p.content.ui.get('sections.agenda'))}.pdf"


def render_agenda_pdf(p: Prepared, plan: PackPlan, session_path: Path) -> bytes:
    """The participants' agenda in memory: what ``make_agenda`` writes and the web page sends."""
    out = io.BytesIO()
    render_pack(plan, drawing_context(p, session_path), out)
    return out.getvalue()


def agenda_in_memory(p: Prepared, session_path: Path) -> tuple[str, bytes]:
    """The agenda's file name and PDF as ``workbook agenda SESSION`` makes them (the web page)."""
    plan = build_programme(p.session, p.schedule, p.content)
    return agenda_name(p, session_path, plan.title), render_agenda_pdf(p, plan, session_path)
