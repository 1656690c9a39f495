"""Invitations out, answers back, timed: ``workbook collect`` of 200 filled-in letters (a
whole process, median of ``--runs``), and reading a 500-row partners spreadsheet (.csv and
.xlsx, in one process, median of ``--runs``). Targets: collect under 2 s on the 2-core
machine; a spreadsheet well under the time of a pack.

The letters are made by ``workbook invitations --fillable`` and filled in with pypdf before
the timing starts (a minute on the 2-core machine). Results go to ``bench/replies.json``.
Timings live here, never in the tests.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
WORKBOOK = str(Path(sys.executable).parent / "workbook")
LETTERS, ROWS = 200, 500
COLLECT_TARGET_S = 2.0


def session(folder: Path, partners: object) -> Path:
    data = {
        "language": "da",
        "title": "Benchmark",
        "date": "2027-03-04",
        "start": "09:00",
        "venue": "CPH Food Space",
        "facilitator": {"name": "Anne Holm", "email": "anne@example.dk"},
        "partners": partners,
    }
    path = folder / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def filled_letters(folder: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    from workbook.app.invitations import make_invitations

    people = [
        {"name": f"Partner {i} Øğı", "organisation": f"Organisation {i}", "email": f"p{i}@x.dk"}
        for i in range(LETTERS)
    ]
    path = session(folder, people)
    made = make_invitations(path, folder / "letters", fillable=True)
    filled = folder / "filled"
    filled.mkdir()
    answers = {
        "resource_1": "/Yes",
        "resource_4": "/Yes",
        "resources_1": "To medarbejdere fem timer om ugen.\nBetingelse: Ağaç-metoden.",
        "mandate_1": "Arbejdstid og indkøb op til 50.000 kr.",
        "documentation_1": "Kommunen",
        "reply": "/attend",
    }
    for letter in made.letters:
        writer = PdfWriter(clone_from=PdfReader(letter))
        writer.update_page_form_field_values(writer.pages[1], answers, auto_regenerate=False)
        writer.write(filled / letter.name)
    return path


def timed(argv: list[str], runs: int, before: object = None) -> list[tuple[float, float]]:
    """Wall time and CPU time (user and system, the process and its workers) of each run:
    on a shared machine the wall time moves with the others' load, the CPU time much less."""
    times = []
    for _ in range(runs + 1):  # the first warms the disk cache and .pyc files
        if callable(before):
            before()
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, argv
        times.append((time.perf_counter() - start, usage.ru_utime + usage.ru_stime))
    return times[1:]


def spreadsheet(folder: Path, kind: str) -> Path:
    rows = [["Navn", "Organisation", "Rolle", "E-mail", "Telefon"]]
    rows += [
        [f"Partner {i} Ærø", f"Organisation {i}", "Leder", f"p{i}@example.dk", "12345678"]
        for i in range(ROWS)
    ]
    if kind == "csv":
        path = folder / "partnere.csv"
        text = "".join(";".join(row) + "\r\n" for row in rows)
        path.write_bytes(text.encode("cp1252"))  # as Danish Excel writes it
        return path
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = folder / "partnere.xlsx"
    book.save(path)
    return path


def read_times(path: Path, runs: int) -> list[float]:
    from workbook.session.partners_file import read_partners

    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        found = read_partners(path, path.name)
        times.append(time.perf_counter() - start)
        assert len(found.partners) == ROWS
    return times[1:]


def main() -> int:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf's notes while filling in
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="wb-bench-") as work:
        folder = Path(work)
        start = time.perf_counter()
        path = filled_letters(folder)
        print(f"made and filled {LETTERS} letters in {time.perf_counter() - start:.1f} s")
        replies = path.with_name("session.replies.yaml")
        argv = [WORKBOOK, "collect", str(path), str(folder / "filled")]
        load = os.getloadavg()[0]
        fresh = timed(argv, args.runs, before=lambda: replies.unlink(missing_ok=True))
        again = timed(argv, args.runs)  # every letter unchanged: read, nothing written
        for name, runs in (("collect 200, first time", fresh), ("collect 200, again", again)):
            wall = statistics.median(t for t, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            verdict = "ok" if wall < COLLECT_TARGET_S else "over the 2 s target"
            print(f"{name}: median {wall:.2f} s wall, {cpu:.2f} s CPU ({verdict})")
            results[name] = {
                "median_s": round(wall, 3),
                "median_cpu_s": round(cpu, 3),
                "runs_s": [round(t, 3) for t, _ in runs],
            }
        results["load average at start"] = round(load, 2)
        print(f"load average at the start: {load:.2f} (two cores)")
        for kind in ("csv", "xlsx"):
            sheet = spreadsheet(folder, kind)
            times = read_times(sheet, args.runs)
            median = statistics.median(times)
            print(f"read {ROWS} rows of .{kind}: median {median * 1000:.0f} ms")
            results[f"read {ROWS} rows .{kind}"] = {"median_s": round(median, 4)}
            run = timed([WORKBOOK, "agenda", str(session(folder, sheet.name))], args.runs)
            wall = statistics.median(t for t, _ in run)
            print(f"  workbook agenda with them (whole process): {wall:.2f} s")
            results[f"agenda with {ROWS} rows .{kind}"] = {"median_s": round(wall, 3)}
    (BENCH / "replies.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
