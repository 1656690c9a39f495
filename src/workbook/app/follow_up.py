"""``workbook follow-up``: the session file for the next meeting of the same partners.

The new file is the first one carried over (comments and all, through ruamel.yaml's round
trip): the same partners, language, venue, host and facilitator, on the new date, its
agenda opened by a part of its own that reviews the record's next steps (``review:``, a
sheet of its own in the pack), the rest of the first agenda after it, and comments that
say what was carried over. It is checked as ``workbook pack`` checks it before it is
written, so it renders as it is.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbook.app.prepare import Prepared, input_files, prepare
from workbook.app.report import read_record
from workbook.core import yamlio
from workbook.core.errors import Problem, UserError
from workbook.files.outputs import check_outputs, check_target, write_files
from workbook.plan.words import Words, session_title
from workbook.session.model import validate_session
from workbook.session.record import Record, record_path


@dataclass(frozen=True)
class FollowUp:
    output: Path
    items: int  # next steps carried into the review


def make_follow_up(
    session_path: Path,
    date: dt.date,
    output: Path | None = None,
    content_dirs: Sequence[Path] = (),
    force: bool = False,
) -> FollowUp:
    p = prepare(session_path, None, content_dirs, False, None)
    record = read_record(session_path)
    if output is None:
        output = session_path.with_name(f"{session_path.stem}-{date.isoformat()}.yaml")
    check_outputs([output], [*input_files(p, session_path), record_path(session_path)])
    check_target(output)
    if output.exists() and not force:
        raise UserError(
            Problem(
                "already exists; a session file is not replaced",
                file=output,
                hint="Choose another name with -o, or add --force to replace it.",
                key="follow_up_exists",
            )
        )
    text = follow_up_text(p, session_path, record, date, output)
    try:  # as 'workbook pack' will read it: a follow-up that would not render is a bug here
        validate_session(yamlio.parse(text, output))
    except UserError as exc:
        raise UserError(
            [
                Problem(
                    f"the follow-up would not be valid: {x.message}",
                    field=x.field,
                    key="follow_up_invalid",
                    values=(("problem", x),),
                )
                for x in exc.problems
            ]
        ) from None
    write_files({output: text.encode("utf-8")})
    return FollowUp(output, len(record.steps()))


def follow_up_text(
    p: Prepared, session_path: Path, record: Record, date: dt.date, output: Path
) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Quoted

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    tree = yaml.load(yamlio.read_text(session_path, "session file"))
    words = Words(p.content)
    shift = date - p.session.date
    tree["date"] = date
    logo = tree.get("host_logo")
    if logo:  # relative to the session file: to the new file's folder
        found = session_path.parent / str(logo)
        tree["host_logo"] = os.path.relpath(found.resolve(), output.parent.resolve())
    review = CommentedMap()
    review["title"] = Quoted(words.ui("follow_up.review"))
    review["minutes"] = p.content.timing.follow_up.review_minutes
    items = CommentedSeq()
    for _, step in record.steps():
        item = CommentedMap()
        # quoted as the example writes text: PyYAML would read a plain 'yes' as true
        item["who"], item["what"] = Quoted(step.who), Quoted(step.what)
        if step.when is not None:
            item["when"] = step.when if isinstance(step.when, dt.date) else Quoted(step.when)
        items.append(item)
    review["review"] = items
    agenda = tree.get("agenda")
    entries: list[Any] = list(agenda) if agenda else list(p.content.timing.default_agenda)
    # a follow-up of a follow-up reviews this record's steps, not the earlier ones again
    entries = [e for e in entries if not (hasattr(e, "items") and "review" in e)]
    for entry in entries:
        if hasattr(entry, "items") and "day" in entry:  # later days move with the date
            entry["day"] = _as_date(entry["day"]) + shift
    new_agenda = CommentedSeq([review, *entries])
    if agenda is not None:
        tree["agenda"] = new_agenda
    else:
        tree.insert(len(tree), "agenda", new_agenda)
    out = io.StringIO()
    yaml.dump(tree, out)
    title = session_title(p.session, words)
    first = words.dates(p.schedule)
    lines = out.getvalue().splitlines()
    notes = {
        "partners:": words.ui("follow_up.partners"),
        "agenda:": words.ui("follow_up.agenda"),
    }
    body = []
    for line in lines:
        note = notes.pop(line.split("#")[0].strip(), None) if not line.startswith(" ") else None
        if note:
            body.append(f"# {note}")
        body.append(line)
    head = [
        f"# {words.ui('follow_up.top', title=title, date=first)}",
        f"# {words.ui('follow_up.kept')}",
    ]
    return "\n".join([*head, *body]) + "\n"


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
