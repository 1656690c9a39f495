"""``workbook collect``: the partners' filled-in letters read into the replies file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbook.cli.shared import app, run, speaking


@app.command()
def collect(
    session: Annotated[Path, typer.Argument(metavar="SESSION", help="The session file (YAML).")],
    letters: Annotated[
        list[Path],
        typer.Argument(
            metavar="LETTER",
            help="The partners' filled-in letters (PDF), or folders of them.",
        ),
    ],
) -> None:
    """Read the partners' answers from their filled-in letters.

    The answers go into SESSION's replies file beside it (session.replies.yaml for
    session.yaml), which the pack shows; the session file is only read. A letter is matched
    to its partner by the identifier in its form, never by its file name; running again with
    newer letters updates those partners' answers.
    """

    def work() -> int:
        from workbook.app.collect import collect as read
        from workbook.app.collect import letters_from
        from workbook.core.errors import Problem, UserError

        said = speaking(session, None, None)
        found, unreadable = letters_from(letters)
        if not found:
            raise UserError(unreadable or Problem("no letters given", key="no_letters"))
        outcome = read(session, found)
        for taken in outcome.read:
            typer.echo(taken.said(said))
        for note in said.problems(outcome.notes):
            typer.echo(said.say("note", f"note: {note.render()}", text=note.render()), err=True)
        problems = said.problems(unreadable + outcome.problems)
        for problem in problems:
            english = f"not read: {problem.render()}"
            typer.echo(said.say("not_read", english, text=problem.render()), err=True)
        summary = said.say("replies", outcome.summary, **outcome.counts)
        file = str(outcome.replies_file)
        if outcome.written:
            typer.echo(
                said.say("replies_wrote", f"Wrote {file}: {summary}", file=file, summary=summary)
            )
        else:
            english = f"{file} unchanged: {summary}"
            typer.echo(said.say("replies_same", english, file=file, summary=summary))
        if outcome.waiting:
            waiting = ", ".join(outcome.waiting)
            typer.echo(said.say("waiting", f"Not replied yet: {waiting}", names=waiting))
        return 1 if problems else 0

    code = run(work, lambda: speaking(session, None, None))

    if code:
        raise typer.Exit(code)
