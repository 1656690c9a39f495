"""The commands that start a session or a tool around it: ``init``, ``schema`` and ``serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbook.cli.shared import (
    ContentDirs,
    app,
    language_codes,
    output_option,
    run,
    say_written,
    speaking,
    state,
    warn,
)


@app.command()
def init(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", readable=False, help="Where to write the example.")
    ] = Path("session.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: Annotated[
        str,
        typer.Option("--lang", metavar="CODE", help="The language of the example: da or en."),
    ] = "da",
) -> None:
    """Write an annotated example session file to start from."""

    def work() -> None:
        from workbook.app.starter import write_starter

        said = speaking(None, lang, None)  # the example's language
        started = write_starter(path, force, lang)
        warn(list(started.warnings), said)
        say_written(path, (path,) if started.replaced else (), said)
        english = f"Edit it, then run: workbook pack {path}"
        typer.echo(said.say("init_next", english, path=str(path)))
        if started.schema is not None:
            english = f"Wrote {started.schema} (your editor's completion and help for {path})"
            typer.echo(said.say("init_schema", english, schema=str(started.schema), path=str(path)))

    run(work, lambda: speaking(None, lang, None))


@app.command()
def schema(
    output: Annotated[
        Path | None, output_option("FILE", "Write the schema to this file instead of printing it.")
    ] = None,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            metavar="CODE",
            autocompletion=language_codes,
            help="The language of the help texts.",
        ),
    ] = "da",
    content: ContentDirs = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a file at -o that is not a schema workbook wrote."),
    ] = False,
) -> None:
    """Print the session file's JSON Schema, for editors.

    An editor that reads it completes and checks a session file as it is typed.
    """

    def work() -> None:
        from workbook.app.schema import schema_inputs, schema_text, write_schema

        said = speaking(None, lang, content)
        text, warnings = schema_text(lang, content or [])
        warn(warnings, said)
        if output is None:
            typer.echo(text, nl=False)
        else:
            replaced = write_schema(output, text, force, schema_inputs(lang, content or []))
            say_written(output, (output,) if replaced else (), said)

    run(work, lambda: speaking(None, lang, content))


@app.command()
def serve(
    session: Annotated[
        Path | None,
        typer.Argument(
            metavar="SESSION",
            readable=False,
            help="The session file to load and save (default: start from the example).",
        ),
    ] = None,
    port: Annotated[
        int,
        typer.Option(
            "--port",
            min=0,
            max=65535,
            metavar="N",
            show_default=False,
            help="The port (default: a free one).",
        ),
    ] = 0,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open the page in a browser.")
    ] = False,
    content: ContentDirs = None,
) -> None:
    """Plan a session on a local web page and download its PDFs.

    The page is served on 127.0.0.1 only, and reads and writes the one session file.
    """

    def work() -> int:
        from workbook.files.workers import interrupted_by
        from workbook.web.server import serve as run_server

        run_server(session, port, not no_browser, content or [], state["debug"], typer.echo)
        stopped_by = interrupted_by()  # Ctrl-C is the way to stop it; SIGTERM and SIGHUP not
        return 0 if stopped_by is None else 128 + stopped_by

    raise typer.Exit(run(work, lambda: speaking(session, None, content)))
