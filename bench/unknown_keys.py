"""``python bench/unknown_keys.py``: ``workbook check`` on a translation with N unknown keys.

Issue 23 found ``check`` quadratic in the keys of a file: every problem was located by
scanning its mapping from the top (60,000 unknown keys: over 100 s). Problems are now
located through an index of each mapping's keys, so the time grows with N, not N squared.
This prints the wall time of each N (median of ``--runs``) and the time per thousand keys,
which stays about flat when the growth is linear.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORKBOOK = str(Path(sys.executable).parent / "workbook")


def language_with(folder: Path, unknown: int) -> Path:
    """A copy of English as 'xx' in ``folder``, its ui.yaml holding ``unknown`` extra keys."""
    language = folder / "langs" / "xx"
    shutil.copytree(REPO / "content" / "en", language)
    (language / "meta.yaml").write_text("name: Test\nfallback: da\nlocale: en\n", "utf-8")
    with (language / "ui.yaml").open("a", encoding="utf-8") as ui:
        ui.writelines(f"zz_unknown_{n}: x\n" for n in range(unknown))
    return language.parent


def time_check(langs: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [WORKBOOK, "check", "--lang", "xx", "--content", str(langs)],
            capture_output=True,
            text=True,
        )
        times.append(time.perf_counter() - start)
        assert done.returncode == 1 and "unknown" in done.stdout, done.stderr
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000, 60000])
    args = parser.parse_args()
    print(f"{'unknown keys':>12}  {'seconds':>8}  {'s per 1000':>10}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            seconds = time_check(language_with(Path(folder), size), args.runs)
        print(f"{size:>12}  {seconds:>8.2f}  {seconds / size * 1000:>10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
