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
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

# pydantic looks for plugins (observability hooks) by scanning every installed package's
# entry points when the first model is built: about 50 ms a run, for hooks this tool
# never uses. Someone who wants them can still set the variable.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

if TYPE_CHECKING:
    from workbook.app.watch import Rendered
    from workbook.core.errors import UserError
    from workbook.session.schedule import Schedule


class _Commands(TyperGroup):
    """The command group: takes ``--debug`` wherever it is written (the crash message asks
    to "run again with --debug" without saying where), and shows arguments plainly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_arguments(self)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        if "--debug" in args[:end]:
            args = ["--debug", *(a for a in args[:end] if a != "--debug"), *args[end:]]
        return super().parse_args(ctx, args)


def _plain_arguments(command: Any) -> None:
    """Arguments in help as a person reads them, ``SESSION...`` and ``[FILE]``: without
    the Python type (``<list[Path]>``) and the braces that Typer adds."""
    for param in getattr(command, "params", []):
        if param.param_type_name == "argument":
            name = (param.metavar or param.name.upper()) + ("..." if param.nargs != 1 else "")
            param.display_type_rich = lambda ctx: None
            param._usage_display_name = lambda n=name, r=param.required: n if r else f"[{n}]"
    for sub in getattr(command, "commands", {}).values():
        _plain_arguments(sub)


# The layout's keys (papers_mm, posters.sizes), spelled out so that the help lists them
# without reading the layout; a test keeps them in step. The values are checked by the
# pipeline with every other problem, and completed from the layout itself.
PAPERS = "a4|letter"
BOARD_SIZES = "a3|a2|a1|a0"


def _layout_keys(*section: str) -> list[str]:
    from workbook.core import yamlio
    from workbook.core.resources import layouts_dir

    node = yamlio.load(layouts_dir() / "default.yaml", "layout file").data
    for key in section:
        node = node[key]
    return list(node)


app = typer.Typer(
    name="workbook",
    cls=_Commands,
    help="Tailored, printable PDF packs for partnership sessions "
    "(from the guide 'Partnerskaber for bæredygtig omstilling').",
    no_args_is_help=True,
    add_completion=True,
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
        metavar="DIR",
        help="A folder of language folders, searched first (repeatable). "
        "Then: ./content, content/ beside the session file, $WORKBOOK_CONTENT, built-in.",
    ),
]


def _language_codes() -> list[str]:
    from workbook.language.folders import discover

    return sorted(discover())


Language = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="CODE",
        autocompletion=_language_codes,
        help="Language code; overrides the session's 'language'.",
    ),
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
    typer.Option(
        "--paper",
        metavar=f"[{PAPERS}]",
        autocompletion=lambda: _layout_keys("papers_mm"),
        help="The sheet to print on (default: the layout's, a4).",
    ),
]


def _version(shown: bool) -> None:
    if shown:
        from workbook import __version__  # works from a source tree too; a test pins it

        typer.echo(f"workbook {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Show a full traceback on errors (for bug reports); any position."
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    _state["debug"] = debug


def run(action: Callable[[], T]) -> T:
    """Run a command's work; a user error becomes a message, a bug a short report."""
    from workbook.core.errors import UserError
    from workbook.files.workers import signals_as_interrupts

    try:
        with signals_as_interrupts():
            return action()
    except UserError as exc:
        say_problems(exc)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        from workbook.files.workers import interrupted_exit_code

        typer.echo("interrupted", err=True)
        raise typer.Exit(interrupted_exit_code()) from None
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
    from workbook.app.watch import inputs_of, watch

    watch(render, lambda: inputs_of(session, content or []), typer.echo, say_problems)


def warn(warnings: list[str]) -> None:
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)


def say_written(path: Path, replaced: tuple[Path, ...]) -> None:
    """Says "Replaced" where an earlier file was there, so nobody loses one unaware."""
    typer.echo(f"{'Replaced' if path in replaced else 'Wrote'} {path}")


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
        list[Path],
        typer.Argument(
            metavar="SESSION", help="The session file(s) (YAML); several render in parallel."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
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
            metavar=f"[{BOARD_SIZES}|auto|none]",
            autocompletion=lambda: [*_layout_keys("posters", "sizes"), "auto", "none"],
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
            help="Also write each page as DIR/page-01.png, ... (the folder is created).",
        ),
    ] = None,
    png_dpi: Annotated[
        int,
        typer.Option("--png-dpi", metavar="DPI", min=10, max=600, help="The previews' resolution."),
    ] = 60,
    watch: Watch = False,
) -> None:
    """Render the facilitator's print pack for each session.

    The pack holds the facilitator's notes, every worksheet, the joint boards and the
    planning checklist, in the session's language.
    """
    if len(sessions) > 1 and (png or watch):
        run(lambda: _one_session_only("--png" if png else "--watch"))
    if len(sessions) > 1:

        def many() -> int:
            from workbook.app.batch import pack_many
            from workbook.app.options import PrintOptions

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
        from workbook.app.options import PrintOptions
        from workbook.app.pack import make_pack
        from workbook.app.watch import Rendered

        if png:
            from workbook.app.previews import check_folder

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
        say_written(result.output, result.replaced)
        if result.boards:
            say_written(result.boards, result.replaced)
        for path in result.split:
            say_written(path, result.replaced)
        if png:
            typer.echo(f"Wrote {rendered.previews} page previews to {png}")

    run((lambda: watching(sessions[0], content, render)) if watch else work)


def previews(pdf: Path, folder: Path, dpi: int, quiet: bool = False) -> int:
    """Write the pages of ``pdf`` as PNGs into ``folder``; how many were written."""
    from workbook.app.previews import write_previews

    written = write_previews(pdf.read_bytes(), folder, dpi)
    if written.stale and not quiet:
        names = ", ".join(path.name for path in written.stale[:3])
        more = f" and {len(written.stale) - 3} more" if len(written.stale) > 3 else ""
        warn([f"{folder}: {names}{more} are from an earlier, longer run (left as they were)"])
    return len(written.files)


def _one_session_only(option: str) -> None:
    from workbook.core.errors import Problem, UserError

    raise UserError(
        Problem(
            "works with one session file",
            field=option,
            hint=f"Give a single session file, or leave out {option}.",
        )
    )


@app.command()
def invitations(
    session: Annotated[Path, typer.Argument(metavar="SESSION", help="The session file (YAML).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="DIR",
            help="The folder for the letters (default: from date and title).",
        ),
    ] = None,
    combined: Annotated[
        Path | None,
        typer.Option(
            "--combined", metavar="FILE", help="Also write every letter into this one PDF."
        ),
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
        from workbook.app.invitations import make_invitations
        from workbook.app.watch import Rendered

        result = make_invitations(
            session, output, combined, fillable, lang, content or [], strict, paper
        )
        written = [*result.letters, *([result.combined] if result.combined else [])]
        return Rendered(written, result.content.fallbacks.messages(), result)

    def work() -> None:
        result = render().result
        warn(result.content.fallbacks.messages())
        again = sum(path in result.replaced for path in result.letters)
        typer.echo(
            f"Wrote {len(result.letters)} letter(s) to {result.folder}"
            + (f", replacing {again} from an earlier run" if again else "")
        )
        if result.combined:
            say_written(result.combined, result.replaced)

    run((lambda: watching(session, content, render)) if watch else work)


@app.command()
def agenda(
    session: Annotated[Path, typer.Argument(metavar="SESSION", help="The session file (YAML).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="The PDF to write (default: from date and title).",
        ),
    ] = None,
    lang: Language = None,
    content: ContentDirs = None,
    strict: Strict = False,
    paper: Paper = None,
    watch: Watch = False,
) -> None:
    """Write the participants' one-page agenda.

    The programme with its times, without the facilitator's notes.
    """

    def render() -> Rendered:
        from workbook.app.agenda import make_agenda
        from workbook.app.watch import Rendered

        result = make_agenda(session, output, lang, content or [], strict, paper)
        return Rendered([result.output], result.warnings, result)

    def work() -> None:
        result = render().result
        warn(result.warnings)
        say_written(result.output, result.replaced)

    run((lambda: watching(session, content, render)) if watch else work)


@app.command()
def init(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="Where to write the example.")
    ] = Path("session.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: Annotated[
        str,
        typer.Option("--lang", metavar="CODE", help="The language of the example: da or en."),
    ] = "da",
) -> None:
    """Write an annotated example session file to start from."""

    def work() -> None:
        from workbook.core.errors import Problem, UserError
        from workbook.core.resources import data_dir
        from workbook.files.outputs import write_atomically

        examples = {
            p.suffixes[0][1:] if len(p.suffixes) > 1 else "da": p
            for p in data_dir("examples").glob("session*.yaml")
        }
        if lang not in examples:
            raise UserError(
                Problem(
                    f"no example session file in '{lang}'",
                    field="--lang",
                    hint=f"Use one of: {', '.join(sorted(examples))}; "
                    "the 'language:' line of either can then name any language.",
                )
            )
        if path.exists() and not force:
            raise UserError(
                Problem(
                    "already exists; not overwritten", file=path, hint="Add --force to replace it."
                )
            )
        from workbook.app.schema import example_with_schema, schema_beside

        example = examples[lang].read_bytes()
        schema = schema_beside(path, force, lang)  # checked before either file is written
        replaced = (path,) if path.exists() else ()
        write_atomically(path, lambda out: out.write(example_with_schema(example)))
        schema.write()
        say_written(path, replaced)
        typer.echo(f"Edit it, then run: workbook pack {path}")
        if schema.text is not None:
            typer.echo(f"Wrote {schema.path} (your editor's completion and help for {path})")

    run(work)


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write the schema to this file instead of printing it.",
        ),
    ] = None,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            metavar="CODE",
            autocompletion=_language_codes,
            help="The language of the help texts.",
        ),
    ] = "da",
    content: ContentDirs = None,
) -> None:
    """Print the session file's JSON Schema, for editors.

    An editor that reads it completes and checks a session file as it is typed.
    """

    def work() -> None:
        from workbook.app.schema import render_schema, write_schema

        text = render_schema(lang, content or [])
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_schema(output, text)
            typer.echo(f"Wrote {output}")

    run(work)


@app.command()
def serve(
    session: Annotated[
        Path | None,
        typer.Argument(
            metavar="SESSION",
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

    def work() -> None:
        from workbook.web.server import serve as run_server

        run_server(session, port, not no_browser, content or [], _state["debug"], typer.echo)

    run(work)


languages_app = typer.Typer(
    help="List the languages found, or start a new one.", no_args_is_help=False
)
app.add_typer(languages_app, name="languages")


@languages_app.callback(invoke_without_command=True)
def languages(ctx: typer.Context, content: ContentDirs = None) -> None:
    """List the languages found, where, and how much of each is translated."""
    if ctx.invoked_subcommand is not None:
        return

    def work() -> None:
        from workbook.core.errors import UserError, shown
        from workbook.language.completeness import completeness
        from workbook.language.folders import REFERENCE, discover

        # One bad folder (a link out of it, a file YAML cannot read) must not hide the
        # others: it is listed as unusable with its first problem; check --lang shows all.
        broken: dict[str, tuple[Path, str, UserError]] = {}
        found = discover(content or [], broken=broken)
        rows = [("code", "name", "found in", "translated", "left", "complete")]
        reasons: dict[str, UserError] = {}
        for code in sorted({*found, *broken}):
            if code in found:
                folder = found[code]
                path, origin, name = folder.path, folder.origin, folder.meta.name
                try:
                    if REFERENCE not in found:  # counting needs it: say why it is missing
                        raise broken[REFERENCE][2]
                    score = completeness(folder, found[REFERENCE], found)
                except UserError as exc:
                    reasons[code] = exc
            else:
                path, origin, error = broken[code]
                name, reasons[code] = "-", error
            counts = (
                ("-", "-", "unusable")
                if code in reasons
                else (
                    str(score.translated),
                    str(score.missing + score.untranslated),
                    f"{score.percent:.0f}%",
                )
            )
            rows.append((code, name, _found_in(origin, shown(path)), *counts))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            typer.echo(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
        for code, error in reasons.items():
            typer.echo(f"{code} is unusable: {_first_problem(error)}")
            typer.echo(f"  Every problem: workbook check --lang {code}")

    run(work)


def _first_problem(error: UserError) -> str:
    """A problem on one line: where and what, without the excerpt and the hint."""
    import dataclasses

    first = dataclasses.replace(error.problems[0], excerpt=None, hint=None)
    more = len(error.problems) - 1
    return first.render() + (f" (and {more} more)" if more else "")


def _found_in(origin: str, path: Path) -> str:
    """Where a language is, as the user can use it: an installed copy's path inside
    site-packages is nothing to edit, so the built-in ones say only that."""
    return origin if origin == "built-in" and path.is_absolute() else f"{origin}: {path}"


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
            "--into", metavar="DIR", help="The folder of language folders to create it in."
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

    def work() -> None:
        from workbook.language.folders import search_path
        from workbook.language.scaffold import new_language

        folder = new_language(code, source, into, name, content or [])
        typer.echo(f"Wrote {folder} (a copy of '{source}', which it falls back to).")
        found = any(path.resolve() == into.resolve() for path, _ in search_path(content or []))
        flag = "" if found else f" --content {into}"
        typer.echo(f"Translate the .yaml files there, then run: workbook check --lang {code}{flag}")

    run(work)


@app.command()
def check(
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            metavar="CODE",
            autocompletion=_language_codes,
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
        from workbook.language.check import check_translation

        report = check_translation(lang, content or [])
        for problem in report.problems:
            typer.echo(problem.render())
        typer.echo(report.summary())
        return 0 if report.clean else 1

    raise typer.Exit(run(work))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
