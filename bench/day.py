"""``python bench/day.py``: the day's two timings against their targets.

- a run-view update: what the page asks for every second (``GET /run/state``, the day
  re-planned from the saved state and both live fragments rendered), on the server,
  through Flask's test client, mid-day with a step running over. Target: under 50 ms.
- a report with 12 photos (phone-sized JPEGs, taken in as /record takes them): the PDF,
  the calendar and the text, as ``workbook report`` makes them. Target: under 2 s.

Medians of ``--runs`` after one warm-up. Timings belong here, never in the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        session = Path(folder) / "session.yaml"
        shutil.copy(REPO / "examples" / "session.yaml", session)
        update = _run_view(session, runs)
        print(f"{'run-view update (GET /run/state)':40} {update * 1000:7.1f} ms  (target 50 ms)")
        report = _report(session, max(3, runs // 4))
        print(f"{'report with 12 photos':40} {report:7.3f} s   (target 2 s)")


def _run_view(session: Path, runs: int) -> float:
    from workbook.web.app import create_app
    from workbook.web.workspace import Workspace

    now = [dt.datetime(2027, 3, 4, 9, 0)]
    app = create_app(Workspace(session))
    app.config["PORT"] = 5000
    app.config["CLOCK"] = lambda: now[0]
    client = app.test_client()
    base = "http://127.0.0.1:5000"
    headers = {"Origin": base, "Accept": "application/json"}
    client.post("/run/start", base_url=base, headers=headers)
    for minutes in (10, 15, 10):  # into Delsession 1's circles
        now[0] += dt.timedelta(minutes=minutes)
        client.post("/run/next", base_url=base, headers=headers)
    now[0] += dt.timedelta(minutes=50)  # twenty minutes over: the rest re-plans
    client.get("/run/state", base_url=base, headers=headers)  # warm-up
    times = []
    for _ in range(runs):
        now[0] += dt.timedelta(seconds=1)
        tick = time.perf_counter()
        response = client.get("/run/state", base_url=base, headers=headers)
        times.append(time.perf_counter() - tick)
        assert response.status_code == 200
    return statistics.median(times)


def _report(session: Path, runs: int) -> float:
    from workbook.app.record import RecordFile
    from workbook.app.report import make_report
    from workbook.session.record import NextStep, Record

    photos = []
    for number in range(12):
        image = Image.effect_noise((4032, 3024), 40 + number).convert("RGB")  # a phone's 12 MP
        out = io.BytesIO()
        image.save(out, "JPEG", quality=90)
        photos.append((f"board-{number}.jpg", out.getvalue()))
    record = Record(
        ambitions={"ambition": "Alle skolebørn får et varmt måltid hver dag."},
        next_steps={
            "obstacles": [NextStep(who="Ahmed", what="Finder et køkken", when="2027-04-01")]
        },
    )
    tick = time.perf_counter()
    RecordFile(session).save(record, "", "bench", photos)
    print(
        f"{'12 photos taken in (upright, scaled)':40} {time.perf_counter() - tick:7.3f} s   (once)"
    )
    make_report(session)  # warm-up
    times = []
    for _ in range(runs):
        tick = time.perf_counter()
        make_report(session)
        times.append(time.perf_counter() - tick)
    return statistics.median(times)


if __name__ == "__main__":
    main()
