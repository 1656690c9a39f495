"""The command line: parse arguments, call the pipeline, turn user errors into messages.

Heavy modules (ReportLab, pydantic, the content models) are imported inside the commands
so that ``workbook --help`` stays instant.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

# pydantic looks for plugins (observability hooks) by scanning every installed package's
# entry points when the first model is built: about 50 ms a run, for hooks this tool
# never uses. Someone who wants them can still set the variable.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

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
        count = len(exc.problems)
        typer.echo(f"error: {'1 problem' if count == 1 else f'{count} problems'} found", err=True)
        for problem in exc.problems:
            typer.echo(f"  {problem.render()}", err=True)
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
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail instead of falling back for missing strings.")
    ] = False,
) -> None:
    """Render the facilitator's print pack for each session."""
    if len(sessions) > 1:

        def many() -> int:
            from workbook.batch import pack_many

            return pack_many(sessions, output, lang, content or [], strict, _state["debug"])

        code = run(many)
        if code:
            raise typer.Exit(code)
        return

    def work() -> None:
        from workbook.pipeline import make_pack

        result = make_pack(sessions[0], output, lang, content or [], strict)
        fallbacks = result.content.fallbacks
        for name, count in fallbacks.counts.items():
            typer.echo(
                f"warning: {count} string(s) in {name}.yaml fell back to '{fallbacks.source}'",
                err=True,
            )
        typer.echo(f"Wrote {result.output}")

    run(work)


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
        example = (data_dir("examples") / "session.yaml").read_bytes()
        write_atomically(path, lambda out: out.write(example))
        typer.echo(f"Wrote {path}. Edit it, then run: workbook pack {path}")

    run(work)


@app.command()
def languages(content: ContentDirs = None) -> None:
    """List the languages found, where, and how complete each is against Danish."""

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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
