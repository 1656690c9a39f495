"""One way through: session file -> validated model -> document plan -> PDF."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from workbook.content import Content, font_files, load_content
from workbook.errors import UserError
from workbook.output import check_target, safe_name, write_atomically
from workbook.plan import build_plan
from workbook.render.document import make_context
from workbook.render.glyphs import check_glyphs
from workbook.render.layout import load_layout
from workbook.render.pack import render_pack
from workbook.schedule import build_schedule
from workbook.session import Session, load_session
from workbook.yamlio import Document


@dataclass(frozen=True)
class Result:
    output: Path
    pages: int
    content: Content


def default_output(session_path: Path, date: str, title: str) -> Path:
    return session_path.parent / f"{date}-{safe_name(title)}.pdf"


def make_pack(
    session_path: Path,
    output: Path | None = None,
    language: str | None = None,
    content_dirs: Sequence[Path] = (),
    strict: bool = False,
) -> Result:
    session, doc, content = load_inputs(session_path, language, content_dirs, strict)
    schedule = build_schedule(session, content.timing, doc)
    plan = build_plan(session, schedule, content)
    if output is None:
        output = default_output(session_path, session.date.isoformat(), plan.title)
    check_target(output)
    context = make_context(load_layout().with_fonts(font_files(content.folder)))
    missing = check_glyphs(content, session, session_path)
    if missing:
        raise UserError(missing)
    write_atomically(output, lambda out: render_pack(plan, context, out))
    return Result(output, len(plan.pages), content)


def load_inputs(
    session_path: Path, language: str | None, content_dirs: Sequence[Path], strict: bool
) -> tuple[Session, Document, Content]:
    """The session file and the language it asks for (or ``language``, which overrides it)."""
    session, doc = load_session(session_path)
    code = language or session.language
    try:
        content = load_content(code, content_dirs, strict=strict)
    except UserError as exc:
        if language is None:  # point at the session file's 'language:' line
            raise _locate_language(exc, doc) from None
        raise
    return session, doc, content


def _locate_language(error: UserError, doc: Document) -> UserError:
    line, column = doc.locate(("language",))
    problems = [
        replace(p, file=doc.path, line=line, column=column)
        if p.field == "language" and p.file is None
        else p
        for p in error.problems
    ]
    return UserError(problems)
