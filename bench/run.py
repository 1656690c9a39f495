"""``make bench``: whole-process wall time and peak memory of workbook, beside a floor.

Every case is run once to warm up (disk cache, .pyc files) and then ``--runs`` times,
taking turns with its floor so that a busy moment on a shared machine hits both; the
table shows the medians. Peak memory is the largest resident set of the case's process tree
(``os.wait4`` reports the child's own peak and its reaped children's, so a batch's worker
processes count). Beside each case, the floor (``bench/floor.py``: ReportLab alone, same
fonts, as many pages and files) is timed the same way, and the case is shown as a ratio to it.
``workbook --help`` is compared with bare Python start-up instead, having no paper.

The watch case starts ``workbook pack --watch`` on the example once, then edits the session
file ``--edits`` times (after one edit to warm up) and times each edit from the moment the
file is written to the moment the new PDF is in place (renamed over the old one). Its floor
is ReportLab alone drawing as many pages again in a process that has drawn them once, run
after each edit so that the two take turns.

Results go to ``bench/results.json``. Timings belong here, never in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BIN = Path(sys.executable).parent
WORKBOOK = str(BIN / "workbook")
PYTHON = sys.executable
MEMORY_LIMIT_MB = 150.0


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mb: float


@dataclass
class Row:
    case: str
    status: str  # "ok", "failed: ...", "skipped (...)"
    files: int = 0
    pages: int = 0
    median_s: float | None = None
    runs_s: list[float] | None = None
    peak_mb: float | None = None
    floor: str = ""
    floor_s: float | None = None
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    # --watch only: the median render time the watch prints; the rest of the latency is
    # noticing the save and writing the files
    render_ms: float | None = None


@dataclass(frozen=True)
class Case:
    name: str
    argv: Callable[[Path], list[str]]
    outputs: Callable[[Path], list[Path]]
    target: str
    check: Callable[[float, float | None], bool]  # (median seconds, ratio) -> met
    available: Callable[[], bool] = lambda: True
    # Another command to compare with instead of ReportLab (its name and argv).
    baseline: tuple[str, list[str]] | None = None


def run_once(argv: Sequence[str]) -> Measure:
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        message = errors.decode(errors="replace").strip().splitlines()
        raise RuntimeError(f"exit {process.returncode}: {' / '.join(message[:3])}")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return Measure(elapsed, usage.ru_maxrss / divisor)


def measure(cases: Sequence[Sequence[str]], runs: int) -> list[tuple[list[float], float]]:
    """Time each argv ``runs`` times, taking turns, so a busy moment hits all of them alike."""
    for argv in cases:
        run_once(argv)  # warm-up
    samples: list[list[Measure]] = [[] for _ in cases]
    for _ in range(runs):
        for argv, taken in zip(cases, samples, strict=True):
            taken.append(run_once(argv))
    return [([m.seconds for m in taken], max(m.peak_mb for m in taken)) for taken in samples]


def count_pages(paths: Sequence[Path]) -> int:
    # ReportLab writes each page as a plain '/Type /Page' object (never in object streams).
    pattern = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
    return sum(len(pattern.findall(path.read_bytes())) for path in paths)


def session_data(partners: int, title: str) -> dict[str, Any]:
    data = yaml.safe_load((REPO / "examples" / "session.yaml").read_text("utf-8"))
    examples = data["partners"]
    if partners != len(examples):
        data["partners"] = [
            {
                "name": f"{examples[i % len(examples)]['name']} {i + 1}",
                "organisation": f"{examples[i % len(examples)]['organisation']} {i + 1}",
                "role": "Projektleder",
                "email": f"partner{i + 1}@example.dk",
            }
            for i in range(partners)
        ]
    data["title"] = title
    return data


def write_session(path: Path, partners: int, title: str) -> Path:
    text = yaml.safe_dump(session_data(partners, title), allow_unicode=True, sort_keys=False)
    path.write_text(text, "utf-8")
    return path


def invitations_available() -> bool:
    result = subprocess.run([WORKBOOK, "invitations", "--help"], capture_output=True)
    return result.returncode == 0


def cases(work: Path) -> list[Case]:
    example = REPO / "examples" / "session.yaml"
    partners45 = write_session(work / "partners-45.yaml", 45, "Netværk med 45 partnere")
    partners200 = write_session(work / "partners-200.yaml", 200, "Invitation til netværket")
    batch_dir = work / "batch"
    batch_dir.mkdir()
    batch = [
        write_session(batch_dir / f"session-{i:02d}.yaml", 3 + i % 4, f"Session nummer {i}")
        for i in range(1, 21)
    ]

    def folder(name: str) -> Path:
        path = work / "out" / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def pdfs(name: str) -> Callable[[Path], list[Path]]:
        return lambda _: sorted(folder(name).glob("*.pdf"))

    return [
        Case(
            "workbook --help",
            lambda _: [WORKBOOK, "--help"],
            lambda _: [],
            "<= 0.150 s",
            lambda seconds, _: seconds <= 0.150,
        ),
        Case(
            "pack example (3 partners)",
            lambda _: [WORKBOOK, "pack", str(example), "-o", str(folder("example") / "p.pdf")],
            pdfs("example"),
            "<= 2.0x floor",
            lambda _, ratio: ratio is not None and ratio <= 2.0,
        ),
        Case(
            "pack 45 partners",
            lambda _: [WORKBOOK, "pack", str(partners45), "-o", str(folder("p45") / "p.pdf")],
            pdfs("p45"),
            "<= 1.5 s",
            lambda seconds, _: seconds <= 1.5,
        ),
        Case(
            "invitations 200 partners",
            lambda _: [WORKBOOK, "invitations", str(partners200), "-o", str(folder("inv"))],
            pdfs("inv"),
            "<= 3.0 s",
            lambda seconds, _: seconds <= 3.0,
            invitations_available,
        ),
        Case(
            "batch of 20 sessions",
            lambda _: [WORKBOOK, "pack", *map(str, batch), "-o", str(folder("batch"))],
            pdfs("batch"),
            "(none)",
            lambda _seconds, _ratio: True,
        ),
        Case(
            "check --lang en",
            lambda _: [WORKBOOK, "check", "--lang", "en"],
            lambda _: [],
            "<= 2.0x languages",
            lambda _, ratio: ratio is not None and ratio <= 2.0,
            baseline=("workbook languages", [WORKBOOK, "languages"]),
        ),
    ]


def floor_argv(files: int, pages_per_file: int, out: Path) -> list[str]:
    return [
        PYTHON,
        str(BENCH / "floor.py"),
        "--files",
        str(files),
        "--pages",
        str(pages_per_file),
        "--out",
        str(out),
    ]


def bench_case(case: Case, work: Path, runs: int) -> Row:
    if not case.available():
        return Row(case.name, "skipped (command not available)", target=case.target)
    argv = case.argv(work)
    try:
        run_once(argv)  # to learn how many pages and files the floor must draw
        outputs = case.outputs(work)
        pages = count_pages(outputs)
        if case.baseline:
            floor_name, floor = case.baseline
        elif outputs:
            # The floor draws the same number of pages, spread over the same number of files.
            floor_out = work / "floor"
            floor_out.mkdir(exist_ok=True)
            per_file = max(1, round(pages / len(outputs)))
            floor = floor_argv(len(outputs), per_file, floor_out)
            floor_name = f"ReportLab alone, {len(outputs)} file(s) x {per_file} pages"
        else:
            floor, floor_name = [PYTHON, "-c", "pass"], "bare Python start-up"
        (times, peak), (floor_times, _) = measure([argv, floor], runs)
    except RuntimeError as exc:
        return Row(case.name, f"failed: {exc}", target=case.target)
    row = Row(case.name, "ok", len(outputs), pages, statistics.median(times), times, peak)
    row.floor, row.floor_s, row.target = floor_name, statistics.median(floor_times), case.target
    row.ratio = statistics.median(times) / row.floor_s
    row.met = case.check(statistics.median(times), row.ratio) and peak <= MEMORY_LIMIT_MB
    return row


WATCH_CASE = "pack example under --watch, edit to written"
WATCH_TARGET_S = 0.150
PATIENCE_S = 60.0


def bench_watch(work: Path, edits: int) -> Row:
    """Median edit-to-written time of the example pack in a resident ``--watch`` process."""
    folder = work / "watch"
    folder.mkdir()
    session, pdf = folder / "session.yaml", folder / "pack.pdf"
    write_session(session, 3, "Partnerskab om bæredygtige skolemåltider")
    argv = [WORKBOOK, "pack", str(session), "-o", str(pdf), "--watch"]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    printed = threading.Condition()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            with printed:
                lines.append(line)
                printed.notify_all()

    def wait_for(text: str, after: int) -> None:
        with printed:
            if not printed.wait_for(
                lambda: any(text in line for line in lines[after:]) or process.poll() is not None,
                timeout=PATIENCE_S,
            ) or not any(text in line for line in lines[after:]):
                raise RuntimeError(f"--watch did not print {text!r}: {''.join(lines[-3:])}")

    threading.Thread(target=read, daemon=True).start()
    latencies: list[float] = []
    renders: list[float] = []  # what the watch says its render took, in ms
    floor_times: list[float] = []
    try:
        wait_for("Watching", 0)
        # Written last, after the pack: the posters when the pack has them.
        last = pdf.with_name(f"{pdf.stem}-boards.pdf")
        last = last if last.exists() else pdf
        for edit in range(edits + 1):  # the first edit warms up what the first render did not
            seen = len(lines)
            before = os.stat(last)
            data = session_data(3, f"Partnerskab om bæredygtige skolemåltider, udgave {edit}")
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            start = time.perf_counter()
            session.write_text(text, "utf-8")
            while _same_file(os.stat(last), before):
                if time.perf_counter() - start > PATIENCE_S:
                    raise RuntimeError(f"--watch wrote no new PDF after an edit: {lines[-4:]}")
                time.sleep(0.0005)
            if edit:
                latencies.append(time.perf_counter() - start)
            wait_for("pages in", seen)  # idle again before the next edit
            if edit:
                renders.append(_render_ms(lines[seen:]))
            if edit:  # the floor takes turns with the edits, so a busy moment hits both
                floor_times += warm_floor(work, len({pdf, last}), count_pages(sorted({pdf, last})))
            time.sleep(0.2)
    except RuntimeError as exc:
        process.kill()
        process.wait()
        return Row(WATCH_CASE, f"failed: {exc}", target=f"<= {WATCH_TARGET_S:.3f} s")
    process.send_signal(signal.SIGINT)
    _, _, usage = os.wait4(process.pid, 0)
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    pages = count_pages(sorted({pdf, last}))
    floor_s = statistics.median(floor_times)
    median = statistics.median(latencies)
    files = len({pdf, last})
    row = Row(WATCH_CASE, "ok", files, pages, median, latencies, usage.ru_maxrss / divisor)
    per_file = max(1, round(pages / files))
    row.floor, row.floor_s = f"ReportLab alone, warm, {files} file(s) x {per_file} pages", floor_s
    row.ratio, row.target = median / floor_s, f"<= {WATCH_TARGET_S:.3f} s"
    row.met = median <= WATCH_TARGET_S and (row.peak_mb or 0) <= MEMORY_LIMIT_MB
    row.render_ms = statistics.median(renders)
    return row


def _render_ms(lines: Sequence[str]) -> float:
    """The render time in the line --watch prints ("52 pages in 2 files in 131 ms: ...")."""
    for line in lines:
        found = re.search(r"pages? (?:in \d+ files )?in (\d+) ms", line)
        if found:
            return float(found.group(1))
    raise RuntimeError(f"--watch printed no render time: {lines}")


def warm_floor(work: Path, files: int, pages: int) -> list[float]:
    """One draw of ``pages`` in ``files`` by ReportLab alone, in a process that has drawn
    them once."""
    out = work / "floor-warm"
    out.mkdir(exist_ok=True)
    argv = [*floor_argv(files, max(1, round(pages / files)), out), "--warm", "1"]
    warm = subprocess.run(argv, capture_output=True, text=True, check=True)
    times: list[float] = json.loads(warm.stdout)
    return times


def _same_file(now: os.stat_result, before: os.stat_result) -> bool:
    return (now.st_ino, now.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def table(rows: Sequence[Row]) -> str:
    header = ("case", "files", "pages", "median", "floor", "ratio", "peak MB", "target", "met")
    lines = [header]
    for row in rows:
        if row.status != "ok":
            lines.append((row.case, "", "", row.status, "", "", "", row.target, ""))
            continue
        assert row.median_s is not None and row.floor_s is not None and row.ratio is not None
        lines.append(
            (
                row.case,
                str(row.files),
                str(row.pages),
                f"{row.median_s:.3f} s",
                f"{row.floor_s:.3f} s",
                f"{row.ratio:.2f}x",
                f"{row.peak_mb:.0f}",
                f"{row.target}, < {MEMORY_LIMIT_MB:.0f} MB",
                "yes" if row.met else "NO",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (>= 5)")
    parser.add_argument("--edits", type=int, default=10, help="timed edits under --watch")
    parser.add_argument("--only", help="run only cases whose name contains this text")
    parser.add_argument("--output", type=Path, default=BENCH / "results.json")
    args = parser.parse_args()
    if not Path(WORKBOOK).exists():
        sys.exit(f"{WORKBOOK} not found: run 'make bench' (it installs workbook first)")
    work = Path(tempfile.mkdtemp(prefix="workbook-bench-"))
    try:
        rows = []
        for case in cases(work):
            if args.only and args.only not in case.name:
                continue
            print(f"  {case.name} ...", file=sys.stderr, flush=True)
            rows.append(bench_case(case, work, max(1, args.runs)))
        if not args.only or args.only in WATCH_CASE:
            print(f"  {WATCH_CASE} ...", file=sys.stderr, flush=True)
            rows.append(bench_watch(work, max(1, args.edits)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    for row in rows:
        if row.render_ms is not None and row.median_s is not None:
            print(
                f"  {row.case}: the render itself {row.render_ms:.0f} ms (median, as --watch "
                f"prints it); noticing the save and writing the files the other "
                f"{row.median_s * 1000 - row.render_ms:.0f} ms"
            )
    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average": os.getloadavg(),
        },
        "runs": args.runs,
        "watch_edits": args.edits,
        "memory_limit_mb": MEMORY_LIMIT_MB,
        "cases": [asdict(row) for row in rows],
    }
    args.output.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    print(f"\nWrote {args.output}")
    failed = [row for row in rows if row.met is False or row.status.startswith("failed")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
