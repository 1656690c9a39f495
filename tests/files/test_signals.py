"""Real processes, really signalled mid-render: nothing half-written, no worker left behind.

Each test starts ``workbook`` as a process of its own on a big job (60 letters on every
core, or a batch of packs), waits until its workers are rendering, sends a signal, and
then checks the exit code, that no temporary or new file is left, and that every worker
process has gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE_SESSION

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads worker processes from /proc"
)


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    while todo:
        parent = todo.pop()
        for child in pids:
            if child not in found and _parent_of(child) == parent:
                found.add(child)
                todo.append(child)
    return found


def _start(folder: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "workbook", *args],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell gives a command
    )


def _workers_rendering(process: subprocess.Popen[bytes], at_least: int = 1) -> set[int]:
    """The worker processes, once this many are running (and have had a moment to start)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        workers = {pid for pid in _descendants(process.pid) if _alive(pid)}
        if len(workers) >= at_least:
            time.sleep(0.5)
            return workers
        time.sleep(0.05)
    raise AssertionError("the workers never started")


def _gone(pids: set[int], within: float = 10) -> set[int]:
    """Those of ``pids`` still alive after ``within`` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.05)
    return {pid for pid in pids if _alive(pid)}


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def _big_session(folder: Path, name: str = "big.yaml", partners: int = 60) -> Path:
    people = [
        {"name": f"Partner {i}", "organisation": f"Organisation {i}", "email": f"p{i}@x.dk"}
        for i in range(1, partners + 1)
    ]
    path = folder / name
    data = {**BASE_SESSION, "title": f"Session {name}", "partners": people}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130), (signal.SIGKILL, -9)],
    ids=["SIGTERM", "SIGHUP", "SIGINT", "SIGKILL"],
)
def test_a_signal_during_invitations_leaves_nothing(
    tmp_path: Path, signum: signal.Signals, code: int
) -> None:
    # Seconds of rendering on every core after the workers start, so that however late a
    # loaded machine lets this test send the signal, the letters are still being rendered
    # (with 60, the run had sometimes ended first: exit -15 or 0, letters written).
    _big_session(tmp_path, partners=240)
    before = _files(tmp_path)
    process = _start(tmp_path, "invitations", "big.yaml", "-o", "letters", "--combined", "all.pdf")
    workers = _workers_rendering(process, at_least=2)
    assert process.poll() is None, "the letters were done before the signal: make them more"
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # Ctrl-C reaches the whole process group
    else:
        process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == code, err.decode()
    if signum != signal.SIGKILL:
        assert b"interrupted" in err and b"Traceback" not in err, err.decode()
    assert not _gone(workers), "workers outlived their parent"
    time.sleep(1)  # had a worker survived to write, its file would show now
    assert _files(tmp_path) == before


def test_a_signal_as_the_workers_are_forked_is_neither_lost_nor_hangs(tmp_path: Path) -> None:
    """SIGTERM the moment the first worker exists: the pool is still being made. Python
    had run the handler inside logging's fork hook, which only prints an exception (the
    run went on and wrote every letter, exit 0), or in the middle of making the pool,
    whose later workers were born ignoring SIGTERM (the run hung at exit, joining them).
    Four tries, as the moment is a matter of microseconds."""
    _big_session(tmp_path)
    for attempt in range(4):
        folder = tmp_path / f"try-{attempt}"
        folder.mkdir()
        (tmp_path / "big.yaml").replace(folder / "big.yaml")
        process = _start(folder, "invitations", "big.yaml", "-o", "letters")
        deadline = time.monotonic() + 120
        while not _descendants(process.pid) and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()
        process.send_signal(signal.SIGTERM)
        try:
            _, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:  # hung: leave no process behind
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        assert process.returncode == 143, err.decode()
        assert _files(folder) == {"big.yaml"}, err.decode()
        (folder / "big.yaml").replace(tmp_path / "big.yaml")


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGKILL, -9)],
    ids=["SIGTERM", "SIGINT", "SIGKILL"],
)
def test_a_signal_during_a_batch_stops_every_pack(
    tmp_path: Path, signum: signal.Signals, code: int
) -> None:
    sessions = [_big_session(tmp_path, f"s{i}.yaml", partners=40).name for i in range(6)]
    (tmp_path / "out").mkdir()
    process = _start(tmp_path, "pack", *sessions, "-o", "out")
    workers = _workers_rendering(process, at_least=2)
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == code, err.decode()
    assert not _gone(workers), "workers outlived their parent"
    written = _files(tmp_path / "out")
    leftovers = [name for name in written if name.startswith(".wb-")]
    if signum != signal.SIGKILL:  # SIGKILL cannot be handled: a write it cuts short is
        assert not leftovers  # swept by the next run writing there (below)
    time.sleep(2.5)  # nothing more may appear once the run has ended
    assert _files(tmp_path / "out") == written
    packs = [name for name in written if name.endswith(".pdf")]
    assert len(packs) < len(sessions), "the batch finished before the signal: make it bigger"
    # The next run writing into the folder sweeps what a killed run left, and only that.
    quick = _big_session(tmp_path, "quick.yaml", partners=1)
    done = subprocess.run(
        [sys.executable, "-m", "workbook", "agenda", str(quick), "-o", "out/agenda.pdf"],
        cwd=tmp_path,
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert _files(tmp_path / "out") == (written - set(leftovers)) | {"agenda.pdf"}


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["SIGTERM", "SIGHUP"]
)
def test_a_signal_during_a_single_pack_leaves_nothing(
    tmp_path: Path, signum: signal.Signals, code: int
) -> None:
    _big_session(tmp_path, partners=1000)  # named worksheets for each: seconds of rendering
    before = _files(tmp_path)
    process = _start(tmp_path, "pack", "big.yaml", "-o", "pack.pdf")
    time.sleep(2.5)
    assert process.poll() is None, "the pack finished before the signal: make it bigger"
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == code, err.decode()
    assert err.decode().strip().endswith("interrupted"), err.decode()
    assert _files(tmp_path) == before
