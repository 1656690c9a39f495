"""``workbook report``: the report for the partners from the session's record, as a PDF in
the session's language, an ``.ics`` with each dated next step, and the same report as
plain text to paste into an e-mail. The three are written together, or none.

The calendar is made with icalendar (RFC 5545 folding, escaping and line endings are
its job, not ours); its stamps and UIDs come from the inputs, so the same record gives
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbook.app.pack import default_output
from workbook.app.prepare import Prepared, drawing_context, input_files, prepare
from workbook.core.errors import Problem, UserError
from workbook.files.outputs import check_outputs, check_target, safe_name, write_files
from workbook.plan.document import PackPlan
from workbook.plan.report import Report, build_report, report_text
from workbook.plan.words import Words, session_title
from workbook.render.pack import render_pack
from workbook.session.record import Record, load_record, record_path


@dataclass(frozen=True)
class Made:
    """The report's three files, in memory, with their names."""

    pdf_name: str
    pdf: bytes
    ics_name: str
    ics: bytes  # empty when no next step has a date
    text_name: str
    text: str
    dated: int  # next steps in the calendar
    written: tuple[Path, ...] = field(default_factory=tuple)
    replaced: tuple[Path, ...] = field(default_factory=tuple)


def read_record(session_path: Path) -> Record:
    """The session's record, or a message that says how to make one."""
    path = record_path(session_path)
    if not path.exists():
        raise UserError(
            Problem(
                "there is no record of this session yet",
                file=path,
                hint=f"Type it in on the page: run 'workbook serve {session_path}' and open "
                "'/record' (the run view links to it), or write the file by hand with the keys "
                "ambitions, next_steps, documentation, agreed and photos.",
                key="no_record",
                values=(("session", str(session_path)),),
            )
        )
    record = load_record(path)
    if record.empty:
        raise UserError(
            Problem(
                "the record is empty: nothing to report yet",
                file=path,
                hint=f"Fill it in on the page of 'workbook serve {session_path}' at '/record'.",
                key="record_empty",
                values=(("session", str(session_path)),),
            )
        )
    return record


def report_files(
    session_path: Path,
    content_dirs: Sequence[Path] = (),
    language: str | None = None,
    paper: str | None = None,
    prepared: Prepared | None = None,
) -> Made:
    """The report's PDF, calendar and text, in memory (the page's buttons send them)."""
    p = prepared or prepare(session_path, language, content_dirs, False, paper)
    record = read_record(session_path)
    folder = record_path(session_path).parent
    _check_photos(record, folder)
    plan = build_report(p.session, p.schedule, p.content, record, folder)
    out = io.BytesIO()
    render_pack(plan, drawing_context(p, session_path), out)
    stem = report_stem(p, session_path)
    ics, dated = calendar(p, plan, record)
    return Made(
        pdf_name=f"{stem}.pdf",
        pdf=out.getvalue(),
        ics_name=f"{stem}.ics",
        ics=ics,
        text_name=f"{stem}.txt",
        text=report_text(plan),
        dated=dated,
    )


def make_report(
    session_path: Path,
    output: Path | None = None,
    content_dirs: Sequence[Path] = (),
    language: str | None = None,
    paper: str | None = None,
    force: bool = False,
) -> Made:
    """``workbook report SESSION``: the three files beside the session, or at ``output``
    (the PDF; the calendar and the text take its name). Those names the tool makes up
    replace only files it wrote for this session, unless ``force``."""
    p = prepare(session_path, language, content_dirs, False, paper)
    made = report_files(session_path, content_dirs, language, paper, p)
    pdf = output if output is not None else session_path.parent / made.pdf_name
    files = {pdf: made.pdf, pdf.with_suffix(".txt"): made.text.encode("utf-8")}
    if made.ics:
        files[pdf.with_suffix(".ics")] = made.ics
    made_up = [path for path in files if output is None or path != pdf]
    record = record_path(session_path)
    photos = [record.parent / photo.file for photo in read_record(session_path).photos]
    inputs = [*input_files(p, session_path), record, *photos]
    check_outputs(list(files), inputs, made_up, force, session_path)
    for path in files:
        check_target(path)
    replaced = tuple(path for path in files if path.exists())
    write_files(files, made_up, force, session_path)
    return Made(
        made.pdf_name,
        made.pdf,
        made.ics_name,
        made.ics,
        made.text_name,
        made.text,
        made.dated,
        tuple(files),
        replaced,
    )


def report_stem(p: Prepared, session_path: Path) -> str:
    title = session_title(p.session, Words(p.content))
    stem = default_output(session_path, p.session.date.isoformat(), title).stem
    return f"{stem}-{safe_name(p.content.ui.get('report.file'))}"


def _check_photos(record: Record, folder: Path) -> None:
    problems = []
    for photo in record.photos:
        path = (folder / photo.file).resolve()
        if folder.resolve() not in path.parents or not path.is_file():
            problems.append(
                Problem(
                    f"the photo '{photo.file}' is not in the record's folder",
                    file=folder / "record.yaml",
                    hint=f"Put the photo in {folder / 'photos'}, or remove it from 'photos:'.",
                    key="photo_elsewhere",
                    values=(("photo", str(photo.file)), ("photos", str(folder / "photos"))),
                )
            )
    if problems:
        raise UserError(problems)


def calendar(p: Prepared, plan: PackPlan, record: Record) -> tuple[bytes, int]:
    """An iCalendar of every dated next step as an all-day event; empty bytes when none has
    a date (a calendar must hold at least one event)."""
    from icalendar import Calendar, Event

    words = Words(p.content)
    page = plan.pages[0]
    assert isinstance(page, Report)
    title = session_title(p.session, words)
    areas = {q.key: q.title for q in p.content.next_steps.quadrants}
    # A stamp from the inputs, not the clock: same record, same bytes.
    stamp = dt.datetime.combine(p.session.date, dt.time(0), tzinfo=dt.UTC)
    cal = Calendar()
    cal.add("prodid", "-//workbook//report//EN")
    cal.add("version", "2.0")
    dated = 0
    for key, step in record.steps():
        if step.date is None:
            continue
        event = Event()
        seed = f"{title}|{p.session.date}|{key}|{step.who}|{step.what}|{step.date}"
        event.add("uid", hashlib.sha256(seed.encode()).hexdigest()[:32] + "@workbook")
        event.add("dtstamp", stamp)
        event.add("dtstart", step.date)
        event.add("dtend", step.date + dt.timedelta(days=1))
        event.add("summary", words.ui("report.event", who=step.who, what=step.what))
        note = words.ui(
            "report.event_note",
            title=title,
            date=words.dates(p.schedule),
            area=areas.get(key, key),
        )
        event.add("description", note)
        cal.add_component(event)
        dated += 1
    return (cal.to_ical() if dated else b""), dated
