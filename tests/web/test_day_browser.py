"""A whole session day in a real browser (Debian's chromium), on a simulated clock: the run
view driven through every step, the room clock following in a second window, the record
typed in with a photo, the report downloaded, and the follow-up session made and packed.

With WORKBOOK_DAY_SCREENSHOTS=DIR the test also saves what the closing note shows: the run
view, the room clock at projector size (1920 x 1080) and the record page.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import REPO, normalise, pdf_text
from tests.web.test_web_browser import CHROMIUM, DRIVER, MISSING, _download, _screenshot, _wait
from workbook.session.record import load_record, record_path


class Clock:
    """The server's clock, moved by the test (read from the server's threads)."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        with self._lock:
            return self.now

    def advance(self, minutes: float) -> None:
        with self._lock:
            self.now += dt.timedelta(minutes=minutes)


class Day:
    def __init__(self, driver: Any, url: str, clock: Clock, folder: Path, downloads: Path):
        self.driver, self.url, self.clock = driver, url, clock
        self.folder, self.downloads = folder, downloads
        self.session = folder / "session.yaml"


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Day]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from workbook.web.server import start, url

    if CHROMIUM is None or DRIVER is None:
        if os.environ.get("CI"):
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    folder = tmp_path_factory.mktemp("day")
    (folder / "session.yaml").write_bytes((REPO / "examples" / "session.yaml").read_bytes())
    downloads = folder / "downloads"
    downloads.mkdir()
    clock = Clock(dt.datetime(2027, 3, 4, 8, 45))
    server = start(folder / "session.yaml")
    server.app.config["CLOCK"] = clock
    threading.Thread(target=server.serve_forever, daemon=True).start()
    driver = None
    try:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
            options.add_argument(argument)
        options.add_argument("--window-size=1200,900")
        options.add_argument("--lang=da")
        options.add_experimental_option(
            "prefs",
            {"download.default_directory": str(downloads), "download.prompt_for_download": False},
        )
        driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        yield Day(driver, url(server), clock, folder, downloads)
    finally:
        if driver is not None:
            driver.quit()
        server.shutdown()
        server.server_close()


def _text(d: Day, selector: str) -> str:
    """An element's text as shown, read in one step in the page (the page swaps its state
    in every second, so an element found first may be gone when asked)."""
    script = "var e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null"
    found = d.driver.execute_script(script, selector)
    if found is None:
        raise AssertionError(f"nothing on the page matches {selector}")
    return str(found)


def _click(d: Day, selector: str) -> None:
    """Click a button of the run view and wait for the state it sends back."""
    from selenium.webdriver.common.by import By

    before = d.driver.execute_script("return document.body.dataset.revision || ''")

    def click() -> bool:  # the page swaps its state in every second: find the button again
        d.driver.find_element(By.CSS_SELECTOR, selector).click()
        return True

    _wait(click)
    _wait(lambda: d.driver.execute_script("return document.body.dataset.revision || ''") != before)
    _wait(lambda: not d.driver.execute_script("return document.body.dataset.busy"))


def _screens(name: str) -> Path | None:
    folder = os.environ.get("WORKBOOK_DAY_SCREENSHOTS")
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder) / name


def test_a_whole_day_then_the_record_the_report_and_the_follow_up(day: Day) -> None:
    from selenium.webdriver.common.by import By

    d = day
    d.driver.get(d.url + "run")
    assert "Første punkt er Indledning kl. 09.00" in normalise(_text(d, "#message"))
    # each unit one row of the table, its time, title and minutes side by side (the planning
    # page's rules for its own steps once laid these rows out as grids, a cell a line)
    rows = d.driver.execute_script(
        "return [...document.querySelectorAll('tr.unit')].map(row => ["
        "getComputedStyle(row).display, ...[...row.cells].map(cell => cell.offsetTop)])"
    )
    assert rows and all(row[0] == "table-row" and len(set(row[1:])) == 1 for row in rows), rows
    run_window = d.driver.current_window_handle
    d.driver.switch_to.new_window("window")  # the room clock, as on a second screen
    room_window = d.driver.current_window_handle
    d.driver.execute_cdp_cmd(  # a projector's 1920 x 1080, whatever the window around it
        "Emulation.setDeviceMetricsOverride",
        {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False},
    )
    d.driver.get(d.url + "room")
    assert "Vi begynder kl. 09.00" in normalise(_text(d, ".room-waiting"))
    d.driver.switch_to.window(run_window)

    d.clock.now = dt.datetime(2027, 3, 4, 9, 0)
    _click(d, "#start")
    assert _text(d, "#remaining") == "10:00"
    d.clock.advance(4.5)
    _wait(lambda: _text(d, "#remaining") == "05:30")  # the page asks again every second
    d.driver.refresh()  # a reload carries on: the state is beside the session
    _wait(lambda: _text(d, "#remaining") == "05:30")

    # the whole day: each unit given its time, the circles of Delsession 1 running over
    overran = False
    for _ in range(60):
        if d.driver.execute_script("return document.body.dataset.status") == "done":
            break
        seconds = int(
            d.driver.execute_script("return document.getElementById('remaining').dataset.seconds")
        )
        part = _text(d, ".current .part")
        if "Trin 2 af 5" in part and "Hvad bliver vi partnere om?" in part and not overran:
            d.clock.advance(seconds / 60 + 20)  # twenty minutes over
            _wait(
                lambda: (
                    "over" in _text(d, ".countdown-note").lower()
                    or "tiden" in _text(d, ".countdown-note")
                )
            )
            assert _text(d, "#remaining") == "-20:00"
            assert normalise(_text(d, "#offset")) == "20 min. bagud"
            assert "planlagt 20 min." in normalise(_text(d, "tr[data-unit='2:ambition:3']"))
            d.driver.switch_to.window(room_window)
            _wait(lambda: _text(d, "#room-remaining") == "Tiden er gået")
            assert _text(d, ".room-part") == "Hvad bliver vi partnere om?"
            assert normalise(_text(d, ".room-now")).startswith("Hver for sig (30 min.).")
            assert normalise(_text(d, ".room-then")) == "Derefter kl. 11.25: Frokost"
            if shot := _screens("room-over.png"):
                d.driver.save_screenshot(str(shot))
            d.driver.switch_to.window(run_window)
            if shot := _screens("run-over.png"):
                d.driver.save_screenshot(str(shot))
            overran = True
        elif "Hvordan bliver vi gode sammen?" in part and "Trin 3" in part:
            d.clock.advance(seconds / 60 - 5)  # five minutes left: the room shows it large
            d.driver.switch_to.window(room_window)
            _wait(lambda: _text(d, "#room-remaining") == "05:00")
            if shot := _screens("room.png"):
                d.driver.save_screenshot(str(shot))
            d.driver.switch_to.window(run_window)
            _wait(lambda: _text(d, "#remaining") == "05:00")
            if shot := _screens("run.png"):
                _screenshot(d, shot)  # the whole page: the step, then the day item by item
            d.clock.advance(5)
        else:
            d.clock.advance(seconds / 60)
        _click(d, "#next")
    assert overran
    assert d.driver.execute_script("return document.body.dataset.status") == "done"
    assert _text(d, "#message") == "Dagen er kørt til ende."
    # the part absorbed its twenty minutes: the day ended when the plan said
    assert _text(d, "tr[data-unit='7:closing'] td.time") == "15.45–16.00"
    d.driver.switch_to.window(room_window)
    _wait(lambda: _text(d, ".room-waiting") == "Tak for i dag")
    d.driver.close()
    d.driver.switch_to.window(run_window)

    # the record, typed in as a person does
    d.driver.get(d.url + "record")
    typed = {
        "ambitions.ambition": "Alle skolebørn i Valby får et varmt måltid hver dag.",
        "steps.relations_resources.0.who": "Sofie Jensen",
        "steps.relations_resources.0.what": "Taler med skolechefen om mandat",
        "steps.relations_resources.0.when": "2027-04-01",
        "steps.obstacles.0.who": "Ahmed Yilmaz",
        "steps.obstacles.0.what": "Finder et køkken",
        "steps.obstacles.0.when": "efter påske",
        "documentation.0.decision": "Alle partnere får rapporten og billederne.",
    }
    for name, text in typed.items():
        d.driver.find_element(By.NAME, name).send_keys(text)
    d.driver.find_element(By.CSS_SELECTOR, "input[name='agreed'][value='Sofie Jensen']").click()
    photo = d.folder / "tavle.jpg"
    Image.new("RGB", (1200, 800), (40, 120, 80)).save(photo, "JPEG")
    d.driver.find_element(By.NAME, "photo_files").send_keys(str(photo))
    d.driver.find_element(By.ID, "save").click()
    _wait(lambda: _text(d, ".saved").startswith("Gemt:"))
    record = load_record(record_path(d.session))
    assert record.next_steps["relations_resources"][0].date == dt.date(2027, 4, 1)
    assert record.agreed == ["Sofie Jensen"] and len(record.photos) == 1
    if shot := _screens("record.png"):
        size = d.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        d.driver.set_window_size(1200, int(size["height"]) + 150)
        d.driver.save_screenshot(str(shot))
        d.driver.set_window_size(1200, 900)

    # the report, from the button
    d.driver.find_element(By.ID, "report").click()
    pdf = _download(d, "-rapport.pdf")
    whole = normalise(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    )
    assert "Alle skolebørn i Valby får et varmt måltid hver dag." in whole
    # the owner over the step, its date and area in the side column beside what is done
    assert "Sofie Jensen torsdag den 1. april 2027" in whole
    assert "RESSOURCER Taler med skolechefen om mandat" in whole
    assert "Alle partnere får rapporten og billederne." in whole

    # the follow-up session, made and packed as it is
    from typer.testing import CliRunner

    from workbook.cli import app

    runner = CliRunner()
    new = d.folder / "opfoelgning.yaml"
    made = runner.invoke(app, ["follow-up", str(d.session), "--date", "2027-05-06", "-o", str(new)])
    assert made.exit_code == 0, made.output
    packed = runner.invoke(app, ["pack", str(new), "-o", str(d.folder / "opfoelgning.pdf")])
    assert packed.exit_code == 0, packed.output
    pages = pdf_text(d.folder / "opfoelgning.pdf")
    sheet = next(page for page in pages if "Hvor står vi?" in page)
    assert "Sofie Jensen" in sheet and "Finder et køkken" in sheet and "efter påske" in sheet
