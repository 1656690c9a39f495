"""What every command shares: the command group, the common options, and how a run's
outcome is told (a user error as a message, a bug as a short report, interruptions as
the exit code a shell expects).

Heavy modules (ReportLab, pydantic, the content models) are imported inside the commands
so that ``workbook --help`` stays instant.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperGroup

# pydantic looks for plugins (observability hooks) by scanning every installed package's
# entry points when the first model is built: about 50 ms a run, for hooks this tool
# never uses. Someone who wants them can still set the variable.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

if TYPE_CHECKING:
    from workbook.app.messages import Messages
    from workbook.app.watch import Rendered
    from workbook.core.errors import UserError


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


def layout_keys(*section: str) -> list[str]:
    from workbook.app.options import layout_keys as keys

    return keys(*section)


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

state = {"debug": False}

ContentDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--content",
        metavar="DIR",
        readable=False,  # as every path: read by the command, which names what it cannot read
        help="A folder of language folders, searched first (repeatable). "
        "Then: ./content, content/ beside the session file, $WORKBOOK_CONTENT, built-in.",
    ),
]


SessionFile = Annotated[
    Path, typer.Argument(metavar="SESSION", readable=False, help="The session file (YAML).")
]


def output_option(metavar: str, help: str) -> Any:
    """``-o``/``--output``: what a command writes, a FILE or a DIR. Not ``readable``: it need
    not exist yet, and the command says what is wrong with it."""
    return typer.Option("-o", "--output", metavar=metavar, readable=False, help=help)


def language_codes() -> list[str]:
    from workbook.app.languages import language_codes as codes

    return codes()


Language = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="CODE",
        autocompletion=language_codes,
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
Force = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace files at the names workbook makes up (default pack name, letters, "
        "boards, previews) even where workbook did not write them.",
    ),
]
Paper = Annotated[
    str | None,
    typer.Option(
        "--paper",
        metavar=f"[{PAPERS}]",
        autocompletion=lambda: layout_keys("papers_mm"),
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
    state["debug"] = debug


def run(action: Callable[[], T], speaking: Callable[[], Messages] | None = None) -> T:
    """Run a command's work; a user error becomes a message, a bug a short report.
    ``speaking`` gives the messages of the language the run speaks (the session's)."""
    from workbook.core.errors import UserError
    from workbook.files.workers import signals_as_interrupts

    try:
        with signals_as_interrupts():
            return action()
    except UserError as exc:
        say_problems(exc, speaking() if speaking else None)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        from workbook.files.workers import interrupted_exit_code

        typer.echo("interrupted", err=True)  # English: said by a signal, whatever is loaded
        raise typer.Exit(interrupted_exit_code()) from None
    except OSError as exc:
        if not _writing_out(exc):
            _bug(exc)
        if isinstance(exc, BrokenPipeError):  # `| head`: the reader has what it wanted
            _quiet_stdout()
            raise typer.Exit(141) from None  # 128 + SIGPIPE, as a shell's tools end
        _quiet_stdout()
        # English, deliberately: the terminal itself failed, and nothing more is read now
        why = exc.strerror or str(exc)
        typer.echo(f"error: standard output cannot be written: {why}", err=True)
        raise typer.Exit(1) from None
    except Exception as exc:
        _bug(exc)


def _writing_out(exc: OSError) -> bool:
    """Whether ``exc`` came from writing to standard output (a full disk behind ``>``, a
    closed pipe): every file the tool writes turns its errors into problems itself."""
    frame = exc.__traceback__
    while frame is not None:
        code = frame.tb_frame.f_code
        if code.co_name == "echo" and "click" in code.co_filename:
            return True
        frame = frame.tb_next
    return False


def _quiet_stdout() -> None:
    """Point standard output at nothing, so Python's last flush on the way out cannot fail
    again with a traceback."""
    import contextlib
    import sys

    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _bug(exc: BaseException) -> NoReturn:
    if state["debug"]:
        traceback.print_exc()
    # English, deliberately: a bug is reported to the developers, in the words they search

    else:
        typer.echo(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in workbook, not in your files. "
            "Run again with --debug and report the traceback.",
            err=True,
        )
    raise typer.Exit(70) from None


def say_problems(exc: UserError, messages: Messages | None = None) -> None:
    """Every problem, in the run's language when ``messages`` gives it."""
    count = len(exc.problems)
    header = f"error: {'1 problem' if count == 1 else f'{count} problems'} found"
    problems = exc.problems
    if messages is not None:
        header = messages.say("error_header", header, count=count)
        problems = messages.problems(problems)
    typer.echo(header, err=True)
    for problem in problems:
        typer.echo(f"  {problem.render()}", err=True)


def speaking(session: Path | None, lang: str | None, content: list[Path] | None) -> Messages:
    """The messages of the language a session's run speaks: ``--lang``, else the
    session file's own, English where that cannot be read."""
    from workbook.app.messages import messages_for, session_language

    return messages_for(session_language(session, lang), content or [], near=session)


def interface(content: list[Path] | None) -> Messages:
    """The messages of a run about no session (a translator's): the tool's own language,
    as ``init`` and ``schema`` speak it by default (Danish, the guide's), whatever
    language the run works on."""
    from workbook.app.messages import own_messages

    return own_messages(content or [])


def watching(
    session: Path,
    content: list[Path] | None,
    render: Callable[[], Rendered],
    lang: str | None = None,
) -> None:
    """Render with ``render`` now and on every change to the session's inputs (--watch)."""
    from workbook.app.watch import check_content, inputs_of, watch

    def problems(exc: UserError) -> None:
        say_problems(exc, speaking(session, lang, content))

    check_content(content or [])  # before watching what is not a folder of languages
    watch(
        render,
        lambda: inputs_of(session, content or []),
        typer.echo,
        problems,
        session,
        lambda: speaking(session, lang, content),
    )


def warn(warnings: list[str], messages: Messages | None = None) -> None:
    for warning in warnings:
        said = f"warning: {warning}"
        typer.echo(messages.say("warning", said, text=warning) if messages else said, err=True)


def say_written(path: Path, replaced: tuple[Path, ...], messages: Messages | None = None) -> None:
    """Says "Replaced" where an earlier file was there, so nobody loses one unaware."""
    again = path in replaced
    said = f"{'Replaced' if again else 'Wrote'} {path}"
    if messages is not None:
        said = messages.say("replaced" if again else "wrote", said, path=str(path))
    typer.echo(said)


def say_agenda(summary: str | None) -> None:
    """The agenda's length against the guide's day, so a facilitator sees what was cut."""
    if summary:
        typer.echo(summary)


def one_session_only(option: str) -> None:
    from workbook.core.errors import Problem, UserError

    raise UserError(
        Problem(
            "works with one session file",
            field=option,
            hint=f"Give a single session file, or leave out {option}.",
            key="one_session_only",
            values=(("option", option),),
        )
    )
