"""Many session files at once: one pack each, rendered on every core.

Each session is rendered exactly as a single ``workbook pack`` renders it, in a worker
process. A session with problems does not stop the others: every session's problems are
collected and reported against its file, the good packs are still written, and the run
fails if any session failed.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import typer

from workbook.errors import Problem, UserError
from workbook.output import unique_names
from workbook.print_options import PLAIN, PrintOptions


@dataclass(frozen=True)
class Job:
    session: Path
    output: Path | None
    language: str | None
    content_dirs: tuple[Path, ...]
    strict: bool
    options: PrintOptions = PLAIN


@dataclass(frozen=True)
class Outcome:
    """What became of one session: its PDF, or its problems, or a bug's traceback."""

    session: Path
    output: Path | None = None
    warnings: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    bug: str | None = None
    replaced: bool = False  # the PDF was there from an earlier run

    @property
    def ok(self) -> bool:
        return self.output is not None


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def written(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def workers(jobs: int) -> int:
    cpus = getattr(os, "process_cpu_count", os.cpu_count)() or 1
    return max(1, min(jobs, cpus))


def plan_jobs(
    sessions: Sequence[Path],
    folder: Path | None,
    language: str | None,
    content_dirs: Sequence[Path],
    strict: bool,
    options: PrintOptions = PLAIN,
) -> list[Job]:
    """One job per session; in ``folder`` each PDF is named after its session file.

    Naming by file name (not by date and title, as beside the session) keeps two sessions
    with the same date and title from overwriting each other in one folder.
    """
    if folder is not None and not folder.is_dir():
        raise UserError(
            Problem(
                "with several session files, -o must be an existing folder",
                file=folder,
                hint="Create the folder first, or leave out -o to write each pack "
                "beside its session file.",
            )
        )
    stems = list(unique_names([s.stem for s in sessions]))
    return [
        Job(
            session,
            None if folder is None else folder / f"{stem}.pdf",
            language,
            tuple(content_dirs),
            strict,
            options,
        )
        for session, stem in zip(sessions, stems, strict=True)
    ]


def render_one(job: Job) -> Outcome:
    """The worker: a single pack, with every failure turned into data for the parent."""
    from workbook.pipeline import make_pack

    try:
        result = make_pack(
            job.session, job.output, job.language, job.content_dirs, job.strict, job.options
        )
    except UserError as exc:
        return Outcome(job.session, problems=tuple(exc.problems))
    except Exception:
        return Outcome(job.session, bug=traceback.format_exc())
    replaced = result.output in result.replaced
    return Outcome(job.session, result.output, tuple(result.warnings), replaced=replaced)


def run_batch(jobs: Sequence[Job], on_done: Callable[[Outcome], None]) -> Summary:
    """Render every job, calling ``on_done`` as each finishes; outcomes in job order."""
    done: dict[int, Outcome] = {}
    pool = ProcessPoolExecutor(max_workers=workers(len(jobs)))
    try:
        futures: dict[Future[Outcome], int] = {
            pool.submit(render_one, job): index for index, job in enumerate(jobs)
        }
        for future in as_completed(futures):
            outcome = future.result()
            done[futures[future]] = outcome
            on_done(outcome)
    except BaseException:
        # Interrupted: start nothing new; packs already rendering finish or are dropped whole.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return Summary([done[index] for index in range(len(jobs))])


def pack_many(
    sessions: Sequence[Path],
    folder: Path | None,
    language: str | None,
    content_dirs: Sequence[Path],
    strict: bool,
    debug: bool = False,
    options: PrintOptions = PLAIN,
) -> int:
    """The ``pack`` command for several files: render, report per file, return the exit code."""
    jobs = plan_jobs(sessions, folder, language, content_dirs, strict, options)
    if sys.stderr.isatty():
        with typer.progressbar(
            length=len(jobs), label="Rendering", file=sys.stderr, show_pos=True
        ) as bar:
            summary = run_batch(jobs, lambda _: bar.update(1))
    else:
        summary = run_batch(jobs, lambda _: None)
    for outcome in summary.outcomes:
        _report(outcome, debug)
    written, failed = len(summary.written), len(summary.failed)
    where = f"to {folder}" if folder is not None else "beside their session files"
    again = sum(outcome.replaced for outcome in summary.outcomes)
    line = f"Wrote {written} of {len(jobs)} packs {where}"
    line += f", replacing {again} from an earlier run" if again else ""
    typer.echo(line + (f"; {failed} failed" if failed else ""), err=bool(failed))
    if any(o.bug for o in summary.failed):
        return 70
    return 1 if failed else 0


def _report(outcome: Outcome, debug: bool) -> None:
    for warning in outcome.warnings:
        typer.echo(f"warning: {outcome.session}: {warning}", err=True)
    if outcome.problems:
        count = len(outcome.problems)
        typer.echo(
            f"error: {outcome.session}: {'1 problem' if count == 1 else f'{count} problems'} found",
            err=True,
        )
        for problem in outcome.problems:
            typer.echo(f"  {problem.render()}", err=True)
    if outcome.bug:
        detail = outcome.bug if debug else outcome.bug.strip().splitlines()[-1] + "\n"
        typer.echo(
            f"internal error while rendering {outcome.session}: {detail}"
            "This is a bug in workbook, not in your files. "
            "Run again with --debug and report the traceback.",
            err=True,
        )
