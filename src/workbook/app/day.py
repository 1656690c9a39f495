"""The day as it runs (``/run`` of ``workbook serve``): which unit is running, since when,
with how many minutes, what is done and what will be skipped.

The state is kept beside the session (``<session>.day/run.yaml``), written atomically on
every change, so a reload of the page or a restart of the server carries on where the day
is. Every moment comes from one clock passed in (``Clock``), so tests run a whole day in
seconds. The arithmetic of the rest of the day is ``session.replan``'s.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workbook.app.prepare import Prepared, prepare
from workbook.app.record import make_folder
from workbook.core import yamlio
from workbook.core.errors import Problem, UserError
from workbook.core.validation import problems_from
from workbook.files.outputs import write_files
from workbook.plan.run import Progress
from workbook.session.record import day_folder
from workbook.session.replan import Unit, day_units, replan
from workbook.session.schedule import Day

Clock = Callable[[], dt.datetime]
STATE_NAME = "run.yaml"
# The state file's first line: a file in its place without it is someone else's, never replaced.
MARK = "# workbook: the run of this session's day (workbook serve, /run). Safe to delete."
ACTIONS = ("start", "next", "add", "skip", "reset")
ADD_MINUTES = 5


def wall_clock() -> dt.datetime:
    """The computer's local time, to the second, as the session's times are written."""
    return dt.datetime.now().replace(microsecond=0)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Done(_Model):
    unit: str
    start: dt.datetime
    end: dt.datetime
    minutes: int  # the minutes it had
    skipped: bool = False


class RunState(_Model):
    day: dt.date
    unit: str | None = None  # the unit running; None before the start and after the end
    started: dt.datetime | None = None
    allotted: int = 0
    part_end: dt.datetime | None = None
    skipped: list[str] = Field(default_factory=list)  # units to come, to be left out
    log: list[Done] = Field(default_factory=list)
    revision: int = 0


@dataclass(frozen=True)
class Snapshot:
    """The day as it stands now: what the run view and the room clock show."""

    prepared: Prepared
    progress: Progress
    revision: int


class DayRun:
    """The day of one session file, run from the page; one per server."""

    def __init__(self, session: Path, content_dirs: Sequence[Path] = (), clock: Clock = wall_clock):
        self.session = session
        self.content_dirs = list(content_dirs)
        self.clock = clock
        self._lock = threading.Lock()
        self._prepared: tuple[tuple[float, int], Prepared] | None = None

    @property
    def state_path(self) -> Path:
        return day_folder(self.session) / STATE_NAME

    def prepared(self) -> Prepared:
        """The session as saved, read again only when the file changes."""
        try:
            info = self.session.stat()
        except OSError:
            raise UserError(
                Problem(
                    "the session file is not saved yet",
                    file=self.session,
                    hint="Save the session on the page first; the day runs from the saved file.",
                    key="not_saved",
                )
            ) from None
        key = (info.st_mtime, info.st_size)
        if self._prepared is None or self._prepared[0] != key:
            self._prepared = (key, prepare(self.session, None, self.content_dirs, False, None))
        return self._prepared[1]

    def snapshot(self) -> Snapshot:
        with self._lock:
            p = self.prepared()
            state = self._read() or self._fresh(p)
            return Snapshot(p, self._progress(p, state), state.revision)

    def act(self, action: str, unit: str | None = None) -> Snapshot:
        """Start the day, end the unit running (next), give it five minutes more (add),
        skip it or a unit to come (skip), or start the day over (reset)."""
        if action not in ACTIONS:
            raise UserError(
                Problem(
                    f"unknown action '{action}'",
                    hint=", ".join(ACTIONS),
                    key="unknown_action",
                    values=(("action", action), ("actions", ", ".join(ACTIONS))),
                )
            )
        with self._lock:
            p = self.prepared()
            state = self._read() or self._fresh(p)
            now = self.clock()
            getattr(self, f"_{action}")(p, state, now, unit)
            state.revision += 1
            self._write(state)
            return Snapshot(p, self._progress(p, state), state.revision)

    # the actions

    def _start(self, p: Prepared, state: RunState, now: dt.datetime, unit: str | None) -> None:
        """Start the day; ``unit`` may name another day of the session (its date), which
        starts once the day shown has run to its end (or before it has begun)."""
        day = next((d for d in p.schedule.days if d.date.isoformat() == unit), None)
        if state.unit is not None:
            return  # running: a second click (or a second tab) changes nothing
        if state.log:
            if day is None or day.date == state.day:
                return  # this day has run: only another day of the session starts
            state.log, state.skipped = [], []
        if day is not None:
            state.day = day.date
        units = self._units(p, state)
        self._begin(state, units, 0, now, units[0].minutes)

    def _next(self, p: Prepared, state: RunState, now: dt.datetime, unit: str | None) -> None:
        self._end(p, state, now, skipped=False)

    def _add(self, p: Prepared, state: RunState, now: dt.datetime, unit: str | None) -> None:
        if state.unit is not None and state.part_end is not None:
            state.allotted += ADD_MINUTES

    def _skip(self, p: Prepared, state: RunState, now: dt.datetime, unit: str | None) -> None:
        if unit is None or unit == state.unit:
            self._end(p, state, now, skipped=True)
        elif unit in state.skipped:
            state.skipped.remove(unit)
        elif unit in {u.key for u in self._units(p, state)} and unit not in _done(state):
            state.skipped.append(unit)

    def _reset(self, p: Prepared, state: RunState, now: dt.datetime, unit: str | None) -> None:
        fresh = self._fresh(p)
        state.day, state.unit, state.started, state.allotted = fresh.day, None, None, 0
        state.part_end, state.skipped, state.log = None, [], []

    def _end(self, p: Prepared, state: RunState, now: dt.datetime, skipped: bool) -> None:
        if state.unit is None or state.started is None or state.part_end is None:
            return
        units = self._units(p, state)
        position = _position(units, state.unit)
        plan = replan(
            units,
            position,
            state.started,
            state.allotted,
            state.part_end,
            now,
            p.content.timing.run,
            frozenset(state.skipped),
        )
        state.log.append(
            Done(
                unit=state.unit,
                start=state.started,
                end=now,
                minutes=state.allotted,
                skipped=skipped,
            )
        )
        coming = list(plan.rest)
        if not coming:
            state.unit, state.started, state.part_end, state.allotted = None, None, None, 0
            return
        following = coming[0]
        index = _position(units, following.unit.key)
        if following.unit.slot == units[position].slot:
            state.unit, state.started, state.allotted = following.unit.key, now, following.minutes
        else:
            part = sum(t.minutes for t in coming if t.unit.slot == following.unit.slot)
            self._begin(state, units, index, now, following.minutes, part)

    def _begin(
        self,
        state: RunState,
        units: list[Unit],
        index: int,
        now: dt.datetime,
        minutes: int,
        part: int | None = None,
    ) -> None:
        unit = units[index]
        if part is None:
            part = sum(
                u.minutes for u in units if u.slot == unit.slot and u.key not in state.skipped
            )
        state.unit, state.started, state.allotted = unit.key, now, minutes
        state.part_end = now + dt.timedelta(minutes=part)

    # reading and writing

    def _units(self, p: Prepared, state: RunState) -> list[Unit]:
        return day_units(_day(p, state.day))

    def _fresh(self, p: Prepared) -> RunState:
        """Before the start: today's day of the session, or its first."""
        today = self.clock().date()
        day = next((d for d in p.schedule.days if d.date == today), p.schedule.days[0])
        return RunState(day=day.date)

    def _progress(self, p: Prepared, state: RunState) -> Progress:
        day = _day(p, state.day)
        units = day_units(day)
        now = self.clock()
        days = tuple(d.date for d in p.schedule.days)
        skipped = frozenset(state.skipped)
        done = {d.unit: d for d in state.log}
        if state.unit is None or state.started is None or state.part_end is None:
            position = len(units) if state.log else None
            return Progress(day, units, position, None, _log(state), skipped, now, days)
        position = _position(units, state.unit)
        plan = replan(
            units,
            position,
            state.started,
            state.allotted,
            state.part_end,
            now,
            p.content.timing.run,
            skipped - set(done),
        )
        return Progress(day, units, position, plan, _log(state), skipped, now, days)

    def _read(self) -> RunState | None:
        path = self.state_path
        if not path.exists():
            return None
        doc = yamlio.load(path, "run of the day")
        _check_ours(path)
        try:
            return RunState.model_validate(doc.data)
        except ValidationError as exc:
            raise UserError(problems_from(exc, doc, RunState)) from None

    def _write(self, state: RunState) -> None:
        path = self.state_path
        if path.exists():
            _check_ours(path)
        make_folder(path.parent)
        data = state.model_dump(mode="json")
        text = MARK + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        write_files({path: text.encode("utf-8")})


def _check_ours(path: Path) -> None:
    with path.open("rb") as handle:
        first = handle.readline().decode("utf-8", "replace").strip()
    if first != MARK:
        raise UserError(
            Problem(
                "is not a run state written by workbook; it is not replaced",
                file=path,
                hint="Move the file away, then reload the page.",
                key="not_run_state",
            )
        )


def _day(p: Prepared, date: dt.date) -> Day:
    found = next((day for day in p.schedule.days if day.date == date), None)
    if found is None:  # the session's dates changed since the day began
        return p.schedule.days[0]
    return found


def _position(units: list[Unit], key: str) -> int:
    for index, unit in enumerate(units):
        if unit.key == key:
            return index
    raise UserError(
        Problem(
            "the agenda changed since the day began: the part running is no longer in it",
            hint="Start the day over on the run page (the button at its foot).",
            key="agenda_changed",
        )
    )


def _done(state: RunState) -> set[str]:
    return {d.unit for d in state.log}


def _log(state: RunState) -> dict[str, tuple[dt.datetime, dt.datetime, bool]]:
    return {d.unit: (d.start, d.end, d.skipped) for d in state.log}
