"""``workbook collect``: the partners' filled-in letters read into the replies file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbook.cli.shared import app, run


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
        from workbook.core.errors import UserError

        found, unreadable = letters_from(letters)
        if not found:
            raise UserError(unreadable or "no letters given")
        outcome = read(session, found)
        for line in outcome.read:
            typer.echo(line)
        for note in outcome.notes:
            typer.echo(f"note: {note.render()}", err=True)
        problems = unreadable + outcome.problems
        for problem in problems:
            typer.echo(f"not read: {problem.render()}", err=True)
        if outcome.written:
            typer.echo(f"Wrote {outcome.replies_file}: {outcome.summary}")
        else:
            typer.echo(f"{outcome.replies_file} unchanged: {outcome.summary}")
        if outcome.waiting:
            typer.echo(f"Not replied yet: {', '.join(outcome.waiting)}")
        return 1 if problems else 0

    code = run(work)
    if code:
        raise typer.Exit(code)
