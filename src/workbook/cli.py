"""The command line: parse arguments, call the pipeline, turn user errors into messages.

Heavy modules (ReportLab, pydantic, the content models) are imported inside the commands
so that ``workbook --help`` stays instant.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

# pydantic looks for plugins (observability hooks) by scanning every installed package's
# entry points when the first model is built: about 50 ms a run, for hooks this tool
# never uses. Someone who wants them can still set the variable.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

if TYPE_CHECKING:
    from workbook.errors import UserError
    from workbook.schedule import Schedule
    from workbook.watch import Rendered

app = typer.Typer(
    name="workbook",
    help="Tailored, printable PDF packs for partnership sessions "
    "(from the guide 'Partnerskaber for bæredygtig omstilling').",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: typer's rich help imports rich (~100 ms), most of a --help run.
    rich_markup_mode=None,
)

T = TypeVar("T")

_state = {"debug": False}

ContentDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--content",
        help="A folder of language folders, searched before the built-in ones (repeatable).",
    ),
]
Language = Annotated[
    str | None, typer.Option("--lang", help="Language code; overrides the session's 'language'.")
]
Strict = Annotated[
    bool, typer.Option("--strict", help="Fail instead of falling back for missing strings.")
]
Watch = Annotated[
    bool,
    typer.Option(
        "--watch",
        help="Stay running: render again whenever the session, its language, the layout "
        "or the logo changes. Ctrl-C ends.",
    ),
]
Paper = Annotated[
    str | None,
    typer.Option("--paper", help="The sheet to print on: a4 or letter (default: the layout's)."),
]


@app.callback()
def main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a full traceback on errors (for bug reports).")
    ] = False,
) -> None:
    _state["debug"] = debug


def run(action: Callable[[], T]) -> T:
    """Run a command's work; a user error becomes a message, a bug a short report."""
    from workbook.errors import UserError

    try:
        return action()
    except UserError as exc:
        say_problems(exc)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:
        if _state["debug"]:
            traceback.print_exc()
        else:
            typer.echo(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in workbook, not in your files. "
                "Run again with --debug and report the traceback.",
                err=True,
            )
        raise typer.Exit(70) from None


def say_problems(exc: UserError) -> None:
    count = len(exc.problems)
    typer.echo(f"error: {'1 problem' if count == 1 else f'{count} problems'} found", err=True)
    for problem in exc.problems:
        typer.echo(f"  {problem.render()}", err=True)


def watching(session: Path, content: list[Path] | None, render: Callable[[], Rendered]) -> None:
    """Render with ``render`` now and on every change to the session's inputs (--watch)."""
    from workbook.watch import inputs_of, watch

    watch(render, lambda: inputs_of(session, content or []), typer.echo, say_problems)


def warn(warnings: list[str]) -> None:
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)


def say_agenda(schedule: Schedule | None) -> None:
    """The agenda's length against the guide's day, so a facilitator sees what was cut."""
    if schedule is None:
        return
    days = len(schedule.days)
    typer.echo(
        f"Agenda: {_hours(schedule.minutes)} over {days} day{'s' if days > 1 else ''}; "
        f"the guide's day is {_hours(schedule.guide_minutes)}."
    )


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


@app.command()
def pack(
    sessions: Annotated[
        list[Path], typer.Argument(help="The session file(s) (YAML); several render in parallel.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="The PDF to write (default: from date and title); "
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
            help="The joint boards as posters in <pack>-boards.pdf: a3, a2, a1, a0, "
            "auto (default: the smallest on which every field holds two post-its per partner) "
            "or none.",
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
            help="The circle worksheets partner by partner, or dialogue by dialogue "
            "(partner or dialogue), e.g. when a dialogue is on another day.",
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
            help="Also write each page as DIR/page-01.png, ... (the folder is created).",
        ),
    ] = None,
    png_dpi: Annotated[
        int, typer.Option("--png-dpi", min=10, max=600, help="The previews' resolution.")
    ] = 60,
    watch: Watch = False,
) -> None:
    """Render the facilitator's print pack for each session."""
    if len(sessions) > 1 and (png or watch):
        run(lambda: _one_session_only("--png" if png else "--watch"))
    if len(sessions) > 1:

        def many() -> int:
            from workbook.batch import pack_many
            from workbook.print_options import PrintOptions

            options = PrintOptions(
                paper=paper, boards=boards or "auto", tile=tile, split=split, order=order
            )
            return pack_many(
                sessions, output, lang, content or [], strict, _state["debug"], options
            )

        code = run(many)
        if code:
            raise typer.Exit(code)
        return

    def render() -> Rendered:
        from workbook.pipeline import PrintOptions, make_pack
        from workbook.watch import Rendered

        if png:
            from workbook.previews import check_folder

            check_folder(png)  # before the pack, so a wrong folder costs no work
        options = PrintOptions(
            paper=paper, boards=boards or "auto", tile=tile, split=split, order=order
        )
        result = make_pack(sessions[0], output, lang, content or [], strict, options)
        start = time.perf_counter()
        written = previews(result.output, png, png_dpi, quiet=watch) if png else 0
        outputs = [result.output, *([result.boards] if result.boards else []), *result.split]
        return Rendered(outputs, result.warnings, result, written, time.perf_counter() - start)

    def work() -> None:
        rendered = render()
        result = rendered.result
        warn(result.warnings)
        say_agenda(result.schedule)
        typer.echo(f"Wrote {result.output}")
        if result.boards:
            typer.echo(f"Wrote {result.boards}")
        for path in result.split:
            typer.echo(f"Wrote {path}")
        if png:
            typer.echo(f"Wrote {rendered.previews} page previews to {png}")

    run((lambda: watching(sessions[0], content, render)) if watch else work)


def previews(pdf: Path, folder: Path, dpi: int, quiet: bool = False) -> int:
    """Write the pages of ``pdf`` as PNGs into ``folder``; how many were written."""
    from workbook.previews import write_previews

    written = write_previews(pdf.read_bytes(), folder, dpi)
    if written.stale and not quiet:
        names = ", ".join(path.name for path in written.stale[:3])
        more = f" and {len(written.stale) - 3} more" if len(written.stale) > 3 else ""
        warn([f"{folder}: {names}{more} are from an earlier, longer run (left as they were)"])
    return len(written.files)


def _one_session_only(option: str) -> None:
    from workbook.errors import Problem, UserError

    raise UserError(
        Problem(
            "works with one session file",
            field=option,
            hint=f"Give a single session file, or leave out {option}.",
        )
    )


@app.command()
def invitations(
    session: Annotated[Path, typer.Argument(help="The session file (YAML).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="The folder for the letters (default: from date and title)."
        ),
    ] = None,
    combined: Annotated[
        Path | None, typer.Option("--combined", help="Also write every letter into this one PDF.")
    ] = None,
    fillable: Annotated[
        bool, typer.Option("--fillable", help="Make the reply fields fillable on screen.")
    ] = False,
    lang: Language = None,
    content: ContentDirs = None,
    strict: Strict = False,
    paper: Paper = None,
    watch: Watch = False,
) -> None:
    """Write an invitation letter to every partner, one PDF each."""

    def render() -> Rendered:
        from workbook.invitations import make_invitations
        from workbook.watch import Rendered

        result = make_invitations(
            session, output, combined, fillable, lang, content or [], strict, paper
        )
        written = [*result.letters, *([result.combined] if result.combined else [])]
        return Rendered(written, result.content.fallbacks.messages(), result)

    def work() -> None:
        result = render().result
        warn(result.content.fallbacks.messages())
        typer.echo(f"Wrote {len(result.letters)} letter(s) to {result.folder}")
        if result.combined:
            typer.echo(f"Wrote {result.combined}")

    run((lambda: watching(session, content, render)) if watch else work)


@app.command()
def agenda(
    session: Annotated[Path, typer.Argument(help="The session file (YAML).")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="The PDF to write (default: from date and title)."),
    ] = None,
    lang: Language = None,
    content: ContentDirs = None,
    strict: Strict = False,
    paper: Paper = None,
    watch: Watch = False,
) -> None:
    """Write the participants' one-page agenda: the programme, without facilitator notes."""

    def render() -> Rendered:
        from workbook.pipeline import make_agenda
        from workbook.watch import Rendered

        result = make_agenda(session, output, lang, content or [], strict, paper)
        return Rendered([result.output], result.warnings, result)

    def work() -> None:
        result = render().result
        warn(result.warnings)
        typer.echo(f"Wrote {result.output}")

    run((lambda: watching(session, content, render)) if watch else work)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the example.")] = Path(
        "session.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write an annotated example session file to start from."""

    def work() -> None:
        from workbook.errors import Problem, UserError
        from workbook.output import write_atomically
        from workbook.resources import data_dir

        if path.exists() and not force:
            raise UserError(
                Problem(
                    "already exists; not overwritten", file=path, hint="Add --force to replace it."
                )
            )
        from workbook.schema import example_with_schema, schema_beside

        example = (data_dir("examples") / "session.yaml").read_bytes()
        schema = schema_beside(path, force)  # checked before either file is written
        write_atomically(path, lambda out: out.write(example_with_schema(example)))
        schema.write()
        typer.echo(f"Wrote {path}. Edit it, then run: workbook pack {path}")
        if schema.text is not None:
            typer.echo(f"Wrote {schema.path} (your editor's completion and help for {path})")

    run(work)


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write the schema to this file instead of printing it."
        ),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="The language of the help texts.")] = "da",
    content: ContentDirs = None,
) -> None:
    """Print the session file's JSON Schema, for an editor's completion and checks."""

    def work() -> None:
        from workbook.schema import render_schema, write_schema

        text = render_schema(lang, content or [])
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_schema(output, text)
            typer.echo(f"Wrote {output}")

    run(work)


languages_app = typer.Typer(
    help="List the languages found, or start a new one.", no_args_is_help=False
)
app.add_typer(languages_app, name="languages")


@languages_app.callback(invoke_without_command=True)
def languages(ctx: typer.Context, content: ContentDirs = None) -> None:
    """List the languages found, where, and how complete each is against Danish."""
    if ctx.invoked_subcommand is not None:
        return

    def work() -> None:
        from workbook.content import REFERENCE, completeness, discover

        found = discover(content or [])
        reference = found[REFERENCE]
        rows = [("code", "name", "found in", "present", "missing", "complete")]
        for code, folder in sorted(found.items()):
            score = completeness(folder, reference)
            rows.append(
                (
                    code,
                    folder.meta.name,
                    f"{folder.origin}: {folder.path}",
                    str(score.present),
                    str(score.missing),
                    f"{score.percent:.0f}%",
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            typer.echo(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            )

    run(work)


@languages_app.command("new")
def languages_new(
    code: Annotated[str, typer.Argument(help="The new language's code, e.g. pl or pt_BR.")],
    source: Annotated[
        str, typer.Option("--from", help="The language to copy as a starting point.")
    ] = "en",
    into: Annotated[
        Path, typer.Option("--into", help="The folder of language folders to create it in.")
    ] = Path("content"),
    name: Annotated[
        str | None,
        typer.Option("--name", help="The language's own name (default: from CLDR)."),
    ] = None,
    content: ContentDirs = None,
) -> None:
    """Start a language: a copy of another with its meta.yaml filled in, ready to translate."""

    def work() -> None:
        from workbook.scaffold import new_language

        folder = new_language(code, source, into, name, content or [])
        typer.echo(f"Wrote {folder} (a copy of '{source}', which it falls back to).")
        typer.echo(
            f"Translate the .yaml files there, then run: workbook check --lang {code} "
            f"--content {into}"
        )

    run(work)


@app.command()
def check(
    lang: Annotated[str, typer.Option("--lang", help="The language code to check.")],
    content: ContentDirs = None,
) -> None:
    """Check a translation against Danish: missing, unknown and empty strings, placeholders."""

    def work() -> int:
        from workbook.translation_check import check_translation

        report = check_translation(lang, content or [])
        for problem in report.problems:
            typer.echo(problem.render())
        typer.echo(report.summary())
        return 0 if report.clean else 1

    raise typer.Exit(run(work))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
