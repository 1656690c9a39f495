"""The commands that make documents: ``pack``, ``invitations`` and ``agenda``, each once or
again on every change (``--watch``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbook.cli.shared import (
    BOARD_SIZES,
    ContentDirs,
    Force,
    Language,
    Paper,
    SessionFile,
    Strict,
    Watch,
    app,
    layout_keys,
    one_session_only,
    output_option,
    run,
    say_agenda,
    say_written,
    speaking,
    state,
    warn,
    watching,
)

if TYPE_CHECKING:
    from workbook.app.messages import Messages
    from workbook.app.watch import Rendered


@app.command()
def pack(
    sessions: Annotated[
        list[Path],
        typer.Argument(
            metavar="SESSION",
            readable=False,
            help="The session file(s) (YAML); several render in parallel.",
        ),
    ],
    output: Annotated[
        Path | None,
        output_option(
            "FILE",
            "The PDF to write (default: from date and title); "
            "with several session files, a folder.",
        ),
    ] = None,
    lang: Language = None,
    content: ContentDirs = None,
    strict: Strict = False,
    paper: Paper = None,
    boards: Annotated[
        str | None,
        typer.Option(
            "--boards",
            metavar=f"[{BOARD_SIZES}|auto|none]",
            autocompletion=lambda: [*layout_keys("posters", "sizes"), "auto", "none"],
            help="The joint boards as posters in <pack>-boards.pdf "
            "(default: auto, the smallest size on which every field holds two post-its "
            "per partner; none: no posters).",
        ),
    ] = None,
    tile: Annotated[
        bool,
        typer.Option("--tile", help="With --boards: split each poster across sheets of --paper."),
    ] = False,
    order: Annotated[
        str,
        typer.Option(
            "--order",
            metavar="[partner|dialogue]",
            autocompletion=lambda: ["partner", "dialogue"],
            help="The circle worksheets partner by partner, or dialogue by dialogue, "
            "e.g. when a dialogue is on another day.",
        ),
    ] = "partner",
    split: Annotated[
        bool,
        typer.Option(
            "--split",
            help="Also write one PDF per print job beside the pack (booklet, cards, ...).",
        ),
    ] = False,
    png: Annotated[
        Path | None,
        typer.Option(
            "--png",
            metavar="DIR",
            readable=False,
            help="Also write each page as DIR/page-01.png, ... (the folder is created).",
        ),
    ] = None,
    png_dpi: Annotated[
        int,
        typer.Option("--png-dpi", metavar="DPI", min=10, max=600, help="The previews' resolution."),
    ] = 60,
    watch: Watch = False,
    force: Force = False,
) -> None:
    """Render the facilitator's print pack for each session.

    The pack holds the facilitator's notes, every worksheet, the joint boards and the
    planning checklist, in the session's language.
    """
    if len(sessions) > 1 and (png or watch):

        def all_told() -> Messages:
            from workbook.app.batch import batch_language

            return batch_language(sessions, lang, content or [])

        run(lambda: one_session_only("--png" if png else "--watch"), all_told)
    if len(sessions) > 1:

        def many() -> int:

            from workbook.app.batch import pack_many
            from workbook.app.options import PrintOptions

            options = PrintOptions(
                paper=paper, boards=boards or "auto", tile=tile, split=split, order=order
            )
            return pack_many(
                sessions, output, lang, content or [], strict, state["debug"], options, force
            )

        def told() -> Messages:
            from workbook.app.batch import batch_language

            return batch_language(sessions, lang, content or [])

        code = run(many, told)
        if code:
            raise typer.Exit(code)
        return

    def render() -> Rendered:
        from workbook.app.options import PrintOptions
        from workbook.app.pack import make_pack
        from workbook.app.watch import Rendered

        if png:
            from workbook.app.previews import check_folder

            check_folder(png)  # before the pack, so a wrong folder costs no work
        options = PrintOptions(
            paper=paper, boards=boards or "auto", tile=tile, split=split, order=order
        )
        result = make_pack(
            sessions[0],
            output,
            lang,
            content or [],
            strict,
            options,
            force=force,
            previews=(png, png_dpi) if png else None,
        )
        if result.stale and not watch:
            stale_previews(png, result.stale)
        outputs = [result.output, *([result.boards] if result.boards else []), *result.split]
        written = [*outputs, *result.previews]
        return Rendered(
            outputs, result.warnings, result, len(result.previews), result.previews_s, written
        )

    def work() -> None:
        from workbook.app.messages import messages_of

        rendered = render()
        result = rendered.result
        said = messages_of(result.content)
        warn(result.warnings, said)
        say_agenda(result.agenda_summary)
        say_written(result.output, result.replaced, said)
        if result.boards:
            say_written(result.boards, result.replaced, said)
        for path in result.split:
            say_written(path, result.replaced, said)
        if png:
            english = f"Wrote {rendered.previews} page previews to {png}"
            typer.echo(said.say("previews", english, count=rendered.previews, folder=str(png)))

    run(
        (lambda: watching(sessions[0], content, render, lang)) if watch else work,
        lambda: speaking(sessions[0], lang, content),
    )


def stale_previews(folder: Path | None, stale: tuple[Path, ...]) -> None:
    """Page files of an earlier, longer run: told, never removed."""
    names = ", ".join(path.name for path in stale[:3])
    more = f" and {len(stale) - 3} more" if len(stale) > 3 else ""
    warn([f"{folder}: {names}{more} are from an earlier, longer run (left as they were)"])


@app.command()
def invitations(
    session: SessionFile,
    output: Annotated[
        Path | None,
        output_option("DIR", "The folder for the letters (default: from date and title)."),
    ] = None,
    combined: Annotated[
        Path | None,
        typer.Option(
            "--combined",
            metavar="FILE",
            readable=False,
            help="Also write every letter into this one PDF.",
        ),
    ] = None,
    fillable: Annotated[
        bool, typer.Option("--fillable", help="Make the reply fields fillable on screen.")
    ] = False,
    calendar: Annotated[
        bool,
        typer.Option(
            "--calendar",
            help="Also write a calendar entry (.ics) per partner and one for the facilitator.",
        ),
    ] = False,
    drafts: Annotated[
        bool,
        typer.Option(
            "--drafts",
            help="Also write an e-mail draft (.eml) per partner with an address, the letter "
            "and calendar entry attached, to send from your own mail program (implies "
            "--fillable; nothing is sent).",
        ),
    ] = False,
    lang: Language = None,
    content: ContentDirs = None,
    strict: Strict = False,
    paper: Paper = None,
    watch: Watch = False,
    force: Force = False,
) -> None:
    """Write an invitation letter to every partner, one PDF each."""

    def render() -> Rendered:
        from workbook.app.invitations import make_invitations
        from workbook.app.watch import Rendered

        result = make_invitations(
            session,
            output,
            combined,
            fillable,
            lang,
            content or [],
            strict,
            paper,
            calendars=calendar,
            drafts=drafts,
            force=force,
        )
        written = [
            *result.letters,
            *([result.combined] if result.combined else []),
            *result.calendars,
            *result.drafts,
        ]
        return Rendered(written, result.warnings, result)

    def work() -> None:
        from workbook.app.messages import messages_of

        result = render().result
        said = messages_of(result.content)
        warn(result.warnings, said)
        count = len(result.letters)
        again = sum(path in result.replaced for path in result.letters)
        english = f"Wrote {count} letter{'' if count == 1 else 's'} to {result.folder}"
        line = said.say("letters", english, count=count, folder=str(result.folder))
        if again:
            english = f", replacing {again} from an earlier run"
            line += said.say("letters_again", english, count=again)
        typer.echo(line)
        if result.calendars:
            english = f"Wrote {len(result.calendars)} calendar entries (.ics) beside them"
            typer.echo(said.say("calendars", english, count=len(result.calendars)))
        if result.drafts:
            count = len(result.drafts)
            english = (
                f"Wrote {count} e-mail draft{'' if count == 1 else 's'} (.eml) beside them: "
                "open each in your mail program, read it and send it"
            )
            typer.echo(said.say("drafts", english, count=count))
        if result.combined:
            say_written(result.combined, result.replaced, said)

    run(
        (lambda: watching(session, content, render, lang)) if watch else work,
        lambda: speaking(session, lang, content),
    )


@app.command()
def agenda(
    session: SessionFile,
    output: Annotated[
        Path | None, output_option("FILE", "The PDF to write (default: from date and title).")
    ] = None,
    lang: Language = None,
    content: ContentDirs = None,
    strict: Strict = False,
    paper: Paper = None,
    watch: Watch = False,
    force: Force = False,
) -> None:
    """Write the participants' one-page agenda.

    The programme with its times, without the facilitator's notes.
    """

    def render() -> Rendered:
        from workbook.app.agenda import make_agenda
        from workbook.app.watch import Rendered

        result = make_agenda(session, output, lang, content or [], strict, paper, force)
        return Rendered([result.output], result.warnings, result)

    def work() -> None:
        from workbook.app.messages import messages_of

        result = render().result
        said = messages_of(result.content)
        warn(result.warnings, said)
        say_written(result.output, result.replaced, said)

    run(
        (lambda: watching(session, content, render, lang)) if watch else work,
        lambda: speaking(session, lang, content),
    )
