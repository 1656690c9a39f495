"""The commands for after the day: ``report`` (for the partners) and ``follow-up`` (the
session file for the next meeting)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from workbook.cli.shared import (
    ContentDirs,
    Force,
    Language,
    Paper,
    SessionFile,
    app,
    output_option,
    run,
    say_written,
    speaking,
)


@app.command()
def report(
    session: SessionFile,
    output: Annotated[
        Path | None,
        output_option(
            "FILE",
            "The PDF to write (default: from date and title); the .ics and .txt take its name.",
        ),
    ] = None,
    lang: Language = None,
    content: ContentDirs = None,
    paper: Paper = None,
    force: Force = False,
) -> None:
    """Write the report for the partners from the session's record.

    A PDF (facts, ambitions, next steps by owner and date, documentation decisions, board
    photos), an .ics with each dated next step, and the text to paste into an e-mail.
    The record is SESSION's folder '<name>.day/record.yaml', typed in at /record of
    'workbook serve SESSION' or by hand.
    """

    def work() -> None:
        from workbook.app.report import make_report

        said = speaking(session, lang, content)
        made = make_report(session, output, content or [], lang, paper, force)
        for path in made.written:
            say_written(path, made.replaced, said)
        if not made.ics:
            english = "No next step has a date, so there is no calendar file."
            typer.echo(said.say("no_calendar", english))

    run(work, lambda: speaking(session, lang, content))


@app.command("follow-up")
def follow_up(
    session: SessionFile,
    date: Annotated[
        str,
        typer.Option("--date", metavar="YYYY-MM-DD", help="The date of the next meeting."),
    ],
    output: Annotated[
        Path | None,
        output_option("FILE", "The new session file (default: SESSION's name with the date)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    content: ContentDirs = None,
) -> None:
    """Write the session file for the partners' next meeting.

    Its agenda opens by reviewing the next steps of SESSION's record; everything else is
    carried over, with comments saying so. 'workbook pack' renders it as it is.
    """

    def work() -> None:
        from workbook.app.follow_up import make_follow_up
        from workbook.core.errors import Problem, UserError

        try:
            day = dt.date.fromisoformat(date.strip())
        except ValueError:
            raise UserError(
                Problem(
                    f"'{date}' is not a date like 2027-05-06",
                    field="--date",
                    hint="Write the date as year-month-day.",
                    key="not_a_date",
                    values=(("written", date),),
                    hint_key="date_form",
                )
            ) from None
        said = speaking(session, None, content)
        made = make_follow_up(session, day, output, content or [], force)
        say_written(made.output, (), said)
        english = f"Its review lists {made.items} next step(s)."
        typer.echo(said.say("follow_up_items", english, count=made.items))
        english = f"Render it with: workbook pack {made.output}"
        typer.echo(said.say("follow_up_next", english, path=str(made.output)))

    run(work, lambda: speaking(session, None, content))
