"""workbook serve in a real browser: Debian's chromium through its chromedriver.

One browser for the whole module (it takes a few seconds to start). With
WORKBOOK_SCREENSHOT=docs/serve.png (``make screenshot``) the first test also writes the
README's screenshot of the page.
"""

from __future__ import annotations

import base64
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import REPO, normalise

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

MISSING = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)"


@dataclass
class Browser:
    driver: Any
    url: str
    downloads: Path
    session: Path


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from workbook.web.server import start, url

    if CHROMIUM is None or DRIVER is None:
        if os.environ.get("CI"):  # CI installs them: missing there is a failure, not a skip
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    folder = tmp_path_factory.mktemp("serve")
    session = folder / "session.yaml"
    session.write_bytes((REPO / "examples" / "session.yaml").read_bytes())
    downloads = folder / "downloads"
    downloads.mkdir()
    # started as a user starts it, in the session's folder, so the page names the file
    # 'session.yaml' (the README's screenshot shows it) and Save writes it there
    home = Path.cwd()
    os.chdir(folder)
    server = start(Path(session.name))
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
        # The system's driver, named explicitly: Selenium Manager never downloads one.
        driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        yield Browser(driver, url(server), downloads, session)
    finally:
        if driver is not None:
            driver.quit()
        server.shutdown()
        server.server_close()
        os.chdir(home)


def _wait(condition: Any, timeout: float = 30) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = condition()
        except Exception:  # the page is being replaced: look again
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the page")


def _field(b: Browser, name: str) -> Any:
    from selenium.webdriver.common.by import By

    return b.driver.find_element(By.NAME, name)


def _idle(b: Browser) -> None:
    """Until the page's script has no request out (it replaces the form when one returns)."""
    _wait(lambda: b.driver.execute_script("return !document.body.dataset.busy"))


def _type(b: Browser, name: str, text: str, then: str = "") -> None:
    """Type as a person does; the page may be replaced meanwhile, so look and type again."""
    from selenium.common.exceptions import (
        ElementNotInteractableException,
        StaleElementReferenceException,
    )
    from selenium.webdriver.common.keys import Keys

    for _ in range(5):
        _idle(b)
        try:
            element = _field(b, name)
            # select and type over, as clear() would send a change (and a page update) first
            element.send_keys(Keys.CONTROL, "a")
            element.send_keys(text + then)
            _idle(b)
            if _field(b, name).get_attribute("value") == text:
                return
        except (StaleElementReferenceException, ElementNotInteractableException):
            continue
    raise AssertionError(f"could not type into {name}")


def _screenshot(b: Browser, path: Path) -> None:
    """The whole page, as tall as it is, without scrolling or resizing the window."""
    b.driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    size = b.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    shot = b.driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    path.write_bytes(base64.b64decode(shot["data"]))


def _download(b: Browser, suffix: str) -> Path:
    def done() -> Path | None:
        found = [p for p in b.downloads.iterdir() if p.name.endswith(suffix)]
        partial = [p for p in b.downloads.iterdir() if p.name.endswith(".crdownload")]
        return found[0] if found and not partial else None

    return _wait(done, timeout=90)


def test_fill_the_form_add_a_partner_and_download_the_pack(browser: Browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    b = browser
    b.driver.get(b.url)
    _type(b, "title", "Skolemad i Valby")
    _idle(b)
    b.driver.find_element(By.CSS_SELECTOR, "button[value='add:partner']").click()
    _wait(lambda: _field(b, "partners[3].name"))
    _type(b, "partners[3].name", "Lise Vang")
    _type(b, "partners[3].organisation", "Valby Skole")
    _type(b, "partners[3].role", "Skoleleder")
    # the agenda is retimed as it changes: a longer opening moves lunch
    _type(b, "agenda[0].minutes", "40", then=Keys.TAB)
    lunch = "tr[data-row='agenda[3]'] td.time"
    _wait(lambda: b.driver.find_element(By.CSS_SELECTOR, lunch).text == "11.55–12.55")
    assert _field(b, "partners[3].name").get_attribute("value") == "Lise Vang"
    screenshot = os.environ.get("WORKBOOK_SCREENSHOT")
    if screenshot:
        _screenshot(b, REPO / screenshot)
    _idle(b)
    _field(b, "pack").click()
    pdf = _download(b, ".pdf")
    assert pdf.name == "2027-03-04-skolemad-i-valby.pdf"
    pages = [normalise(page.extract_text() or "") for page in PdfReader(pdf).pages]
    assert "Skolemad i Valby" in pages[0]
    assert any("Lise Vang" in page for page in pages)
    assert "11.55" in " ".join(pages)


def test_a_bad_date_is_shown_on_the_page(browser: Browser) -> None:
    from selenium.webdriver.common.by import By

    b = browser
    b.driver.get(b.url)
    before = set(b.downloads.iterdir())
    _type(b, "date", "2027-02-30")
    _idle(b)
    _field(b, "agenda").click()  # the participants' agenda button
    note = _wait(lambda: b.driver.find_element(By.CSS_SELECTOR, "p.problem[data-for='date']").text)
    # a Danish session: told in Danish, in the form's words, that the day does not exist
    assert note == (
        "Dato er en dag, der ikke findes: februar 2027 har kun 28 dage (der står '2027-02-30')"
        " – Tjek dagen og måneden."
    )
    assert _field(b, "date").get_attribute("aria-invalid") == "true"
    assert set(b.downloads.iterdir()) == before


def test_save_writes_the_session_file(browser: Browser) -> None:
    from workbook.session.model import load_session

    b = browser
    b.driver.get(b.url)
    _type(b, "venue", "Valby Kulturhus")
    _idle(b)
    _field(b, "save").click()
    _wait(lambda: load_session(b.session)[0].venue == "Valby Kulturhus")
    assert "# Lines starting with # are comments." in b.session.read_text("utf-8")
