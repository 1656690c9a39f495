"""``python bench/serve.py``: how long the page of ``workbook serve`` takes to answer.

Through a real server on 127.0.0.1 (the one ``workbook serve`` runs), with the example
session: the first page (content and layouts loaded), a page update (what the script asks
for as the agenda changes), and each download. Medians of ``--runs`` after one warm-up.
Timings belong here, never in the tests.
"""

from __future__ import annotations

import argparse
import html
import re
import statistics
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from workbook.web.server import start, url

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    started = time.perf_counter()
    server = start(REPO / "examples" / "session.yaml")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = url(server)
    first = _fetch(address)
    print(f"{'first page (server start included)':38} {time.perf_counter() - started:7.3f} s")
    form = _form(first)
    for action in ("update", "pack", "agenda", "letters", "letters_zip"):
        body = urllib.parse.urlencode({**form, action: "1"}).encode()
        _fetch(address, body)  # warm-up
        times = []
        for _ in range(runs):
            tick = time.perf_counter()
            _fetch(address, body)
            times.append(time.perf_counter() - tick)
        print(f"{action:38} {statistics.median(times):7.3f} s  (median of {runs})")
    server.shutdown()


def _fetch(address: str, body: bytes | None = None) -> bytes:
    request = urllib.request.Request(address, data=body, headers={"Origin": address.rstrip("/")})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read()


def _form(page: bytes) -> dict[str, str]:
    """The page's inputs and their values, as a browser posts them (checkboxes left off)."""
    inputs = re.findall(r"<input [^>]*>", page.decode("utf-8"))
    fields = {}
    for tag in inputs:
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and value and 'type="checkbox"' not in tag:
            fields[html.unescape(name.group(1))] = html.unescape(value.group(1))
    return fields


if __name__ == "__main__":
    main()
