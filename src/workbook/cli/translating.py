"""The translators' commands: ``languages`` (list, or start one with ``new``) and ``check``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbook.cli.shared import (
    ContentDirs,
    app,
    interface,
    language_codes,
    output_option,
    run,
    say_written,
    warn,
)

languages_app = typer.Typer(
    help="List the languages found, or start a new one.", no_args_is_help=False
)
app.add_typer(languages_app, name="languages")


@languages_app.callback(invoke_without_command=True)
def languages(ctx: typer.Context, content: ContentDirs = None) -> None:
    """List the languages found, where, and how much of each is translated."""
    if ctx.invoked_subcommand is not None:
        return

    said = interface(content)

    def work() -> None:
        from workbook.app.languages import list_languages

        listing = list_languages(content or [], said)
        widths = [max(len(row[i]) for row in listing.rows) for i in range(len(listing.rows[0]))]
        for row in listing.rows:
            cells = zip(row, widths, strict=True)
            typer.echo("  ".join(cell.ljust(width) for cell, width in cells).rstrip())
        for code, problem in listing.unusable.items():
            english = f"{code} is unusable: {problem}"
            typer.echo(said.say("languages_unusable", english, code=code, problem=problem))
            english = f"  Every problem: workbook check --lang {code}"
            typer.echo(said.say("languages_every", english, code=code))

    run(work, lambda: said)


@languages_app.command("new")
def languages_new(
    code: Annotated[
        str, typer.Argument(metavar="CODE", help="The new language's code, e.g. pl or pt_BR.")
    ],
    source: Annotated[
        str,
        typer.Option("--from", metavar="CODE", help="The language to copy as a starting point."),
    ] = "en",
    into: Annotated[
        Path,
        typer.Option(
            "--into",
            metavar="DIR",
            readable=False,
            help="The folder of language folders to create it in.",
        ),
    ] = Path("content"),
    name: Annotated[
        str | None,
        typer.Option(
            "--name", metavar="TEXT", help="The language's own name (default: from CLDR)."
        ),
    ] = None,
    content: ContentDirs = None,
) -> None:
    """Start a language from a copy of another, ready to translate.

    The copy gets its own meta.yaml, falling back to the language it was copied from.
    """

    said = interface(content)

    def work() -> None:
        from workbook.app.languages import start_language

        folder, found = start_language(code, source, into, name, content or [])
        english = f"Wrote {folder} (a copy of '{source}', which it falls back to)."
        typer.echo(said.say("languages_new", english, folder=str(folder), source=source))
        flag = "" if found else f" --content {into}"
        english = f"Translate the .yaml files there, then run: workbook check --lang {code}{flag}"
        typer.echo(said.say("languages_new_next", english, code=code, flag=flag))

    run(work, lambda: said)


@languages_app.command("export")
def languages_export(
    code: Annotated[str, typer.Argument(metavar="CODE", help="The language to export.")],
    output: Annotated[Path | None, output_option("FILE", "The PO file (default: CODE.po).")] = None,
    content: ContentDirs = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a CODE.po here that workbook did not write."),
    ] = False,
) -> None:
    """Write a language as a gettext PO file, for Poedit, Weblate or a CAT tool.

    Each string's key is its context, the Danish original its source, the English a
    comment beside it; strings still as in the language the folder was started from are
    left empty to translate.
    """

    said = interface(content)

    def work() -> None:
        from workbook.app.po import export_po

        path = export_po(code, output, content or [], force)
        say_written(path, (), said)
        english = f"Translate it, then run: workbook languages import {path}"
        typer.echo(said.say("languages_export_next", english, path=str(path)))

    run(work, lambda: said)


@languages_app.command("import")
def languages_import(
    po_file: Annotated[Path, typer.Argument(metavar="FILE", help="The translated PO file.")],
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", metavar="CODE", help="The language (default: the PO file's 'Language:')."
        ),
    ] = None,
    content: ContentDirs = None,
) -> None:
    """Write a translated PO file back into its language folder, then check the folder."""

    said = interface(content)

    def work() -> int:
        from workbook.app.check import check_language
        from workbook.app.po import import_po

        done = import_po(po_file, lang, content or [])
        warn([problem.render() for problem in said.problems(done.problems)], said)
        total = sum(done.changed.values())
        files = ", ".join(f"{name}.yaml ({count})" for name, count in done.changed.items())
        english = f"Wrote {total} strings into {done.folder}" + (f": {files}" if files else "")
        folder = str(done.folder)
        typer.echo(said.say("languages_imported", english, count=total, folder=folder, files=files))
        report = check_language(done.folder.name, content or [])
        for problem in report.problems:
            typer.echo(problem.render())
        typer.echo(report.summary())
        return 0 if report.clean else 1

    raise typer.Exit(run(work, lambda: said))


@app.command()
def check(
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            metavar="CODE",
            autocompletion=language_codes,
            help="The language code to check.",
        ),
    ],
    content: ContentDirs = None,
) -> None:
    """Check a translation: what is wrong and what is left.

    Strings missing, empty, unknown or still as in the language the translation started
    from, compared with Danish, the guide's own language; placeholders must match.
    """

    def work() -> int:
        from workbook.app.check import check_language

        report = check_language(lang, content or [])
        for notice in report.notices:
            typer.echo(f"warning: {notice}", err=True)
        for problem in report.problems:
            typer.echo(problem.render())
        typer.echo(report.summary())
        return 0 if report.clean else 1

    raise typer.Exit(run(work))
