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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from workbook.app.options import PLAIN, PrintOptions
from workbook.core.errors import Problem, UserError
from workbook.files import workers as worker_processes
from workbook.files.outputs import unique_names, write_files

if TYPE_CHECKING:
    from workbook.app.messages import Messages


@dataclass(frozen=True)
class Job:
    session: Path
    output: Path | None
    language: str | None
    content_dirs: tuple[Path, ...]
    strict: bool
    options: PrintOptions = PLAIN
    force: bool = False  # replace files at the made-up names that the tool did not write


@dataclass(frozen=True)
class Outcome:
    """What became of one session: its PDF, or its problems, or a bug's traceback."""

    session: Path
    output: Path | None = None
    warnings: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    bug: str | None = None
    files: dict[Path, bytes] = field(default_factory=dict, repr=False)  # still to be written
    replaced: bool = False  # the PDF was there from an earlier run
    made_up: tuple[Path, ...] = ()  # of ``files``, the names the tool made up
    force: bool = False

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
    force: bool = False,
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
                key="batch_folder",
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
            force,
        )
        for session, stem in zip(sessions, stems, strict=True)
    ]


def outputs_of(job: Job) -> list[Path]:
    """The worker's first task: where a job's files go, or nothing if it cannot be read."""
    from workbook.app.pack import pack_outputs

    try:
        return pack_outputs(
            job.session, job.output, job.language, job.content_dirs, bool(job.options.boards)
        )
    except Exception:
        return []  # reported when the job renders


def check_names(jobs: Sequence[Job], targets: Sequence[list[Path]]) -> None:
    """Two sessions may not write the same file: say so, before any pack is rendered."""
    problems: list[Problem] = []
    owner: dict[str, Job] = {}
    for job, paths in zip(jobs, targets, strict=True):
        for path in paths:
            first = owner.setdefault(os.path.realpath(path), job)
            if first is not job:
                problems.append(
                    Problem(
                        f"would be written to the same file as {first.session}: {path}",
                        file=job.session,
                        hint="They have the same date and title. Give them different titles, "
                        "or write every pack to one folder with -o DIR, which names each "
                        "PDF after its session file.",
                        key="same_file",
                        values=(("other", str(first.session)), ("path", str(path))),
                    )
                )
                break
    if problems:
        raise UserError(problems)


def render_one(job: Job) -> Outcome:
    """The worker: a single pack, rendered into memory, every failure turned into data."""
    from workbook.app.pack import make_pack

    try:
        result = make_pack(
            job.session,
            job.output,
            job.language,
            job.content_dirs,
            job.strict,
            job.options,
            write=False,
            force=job.force,
            named=False,  # in -o DIR each PDF is named after its session file
        )
    except UserError as exc:
        from workbook.app.messages import messages_for, session_language

        said = messages_for(
            session_language(job.session, job.language), job.content_dirs, near=job.session
        )
        return Outcome(job.session, problems=tuple(said.problems(exc.problems)))
    except Exception:
        return Outcome(job.session, bug=traceback.format_exc())
    replaced = result.output in result.replaced
    return Outcome(
        job.session,
        result.output,
        tuple(result.warnings),
        replaced=replaced,
        files=result.files,
        made_up=result.made_up,
        force=job.force,
    )


def run_batch(jobs: Sequence[Job], on_done: Callable[[Outcome], None]) -> Summary:
    """Render every job, calling ``on_done`` as each finishes; outcomes in job order.

    Workers only render; each pack is written here, so after an interruption no further
    file appears.
    """
    done: dict[int, Outcome] = {}
    with worker_processes.pool(workers(len(jobs))) as pool:
        known = all(job.output is not None for job in jobs)  # -o DIR: no need to read
        check_names(
            jobs, [outputs_of(job) for job in jobs] if known else pool.map(outputs_of, jobs)
        )
        for index, outcome in pool.imap_unordered(_render_indexed, enumerate(jobs)):
            done[index] = _written(outcome)
            on_done(done[index])
    return Summary([done[index] for index in range(len(jobs))])


def _render_indexed(item: tuple[int, Job]) -> tuple[int, Outcome]:
    return item[0], render_one(item[1])


def _written(outcome: Outcome) -> Outcome:
    """The outcome once its files are on disk, or with the problem that kept them off it."""
    if not outcome.ok:
        return outcome
    try:
        write_files(outcome.files, outcome.made_up, outcome.force, outcome.session)
    except UserError as exc:
        return Outcome(outcome.session, problems=tuple(exc.problems))
    return Outcome(outcome.session, outcome.output, outcome.warnings, replaced=outcome.replaced)


def pack_many(
    sessions: Sequence[Path],
    folder: Path | None,
    language: str | None,
    content_dirs: Sequence[Path],
    strict: bool,
    debug: bool = False,
    options: PrintOptions = PLAIN,
    force: bool = False,
) -> int:
    """The ``pack`` command for several files: render, report per file, return the exit code."""
    jobs = plan_jobs(sessions, folder, language, content_dirs, strict, options, force)
    if sys.stderr.isatty():
        with typer.progressbar(
            length=len(jobs), label="Rendering", file=sys.stderr, show_pos=True
        ) as bar:
            summary = run_batch(jobs, lambda _: bar.update(1))
    else:
        summary = run_batch(jobs, lambda _: None)
    said = batch_language(sessions, language, content_dirs)
    for outcome in summary.outcomes:
        _report(outcome, debug, _speaking(outcome.session, language, content_dirs, said))
    written, failed = len(summary.written), len(summary.failed)
    where = f"to {folder}" if folder is not None else "beside their session files"
    again = sum(outcome.replaced for outcome in summary.outcomes)
    count = len(jobs)
    line = f"Wrote {written} of {count} packs {where}"
    if folder is not None:
        line = said.say("batch_to", line, written=written, count=count, folder=str(folder))
    else:
        line = said.say("batch_beside", line, written=written, count=count)
    if again:
        line += said.say("batch_again", f", replacing {again} from an earlier run", count=again)
    if failed:
        line += said.say("batch_failed", f"; {failed} failed", count=failed)
    typer.echo(line, err=bool(failed))
    if any(o.bug for o in summary.failed):
        return 70
    return 1 if failed else 0


def _speaking(
    session: Path, language: str | None, content_dirs: Sequence[Path], batch: Messages
) -> Messages:
    """The messages of the language one session speaks (``--lang``, else its own); the
    batch's for a session that cannot be read."""
    from workbook.app.messages import messages_for, session_language

    code = session_language(session, language)
    return batch if code is None else messages_for(code, content_dirs, near=session)


def batch_language(
    sessions: Sequence[Path], language: str | None, content_dirs: Sequence[Path]
) -> Messages:
    """The language the batch's summary speaks: the sessions', where they all speak one
    (or ``--lang``), English where they differ."""
    from workbook.app.messages import ENGLISH, messages_for, session_language

    codes = {session_language(session, language) for session in sessions} - {None}
    code = codes.pop() if len(codes) == 1 else ENGLISH  # a session not read has no say
    return messages_for(code, content_dirs, near=sessions[0] if sessions else None)


def _report(outcome: Outcome, debug: bool, said: Messages) -> None:
    session = str(outcome.session)
    for warning in outcome.warnings:
        text = f"{session}: {warning}"
        typer.echo(said.say("warning", f"warning: {text}", text=text), err=True)
    if outcome.problems:
        count = len(outcome.problems)
        english = f"error: {session}: {'1 problem' if count == 1 else f'{count} problems'} found"
        typer.echo(said.say("batch_error", english, session=session, count=count), err=True)
        for problem in said.problems(outcome.problems):  # a write's problems too
            typer.echo(f"  {problem.render()}", err=True)
    if outcome.bug:
        detail = outcome.bug if debug else outcome.bug.strip().splitlines()[-1] + "\n"
        typer.echo(
            f"internal error while rendering {outcome.session}: {detail}"
            "This is a bug in workbook, not in your files. "
            "Run again with --debug and report the traceback.",
            err=True,
        )
