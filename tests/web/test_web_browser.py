"""workbook serve in a real browser: Debian's chromium through its chromedriver.

One browser for the whole module (it takes a few seconds to start), and a second one with
JavaScript switched off for the page as it works without it. Every test starts from the
example session file and an empty browser storage. With WORKBOOK_SCREENSHOT=docs/serve.png
(``make screenshot``) the page is also photographed for the README, at laptop width and,
beside it as ``serve-phone.png``, at a phone's 390 pixels.
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
from workbook.core import yamlio
from workbook.session.model import load_session

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

MISSING = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)"
EXAMPLE = (REPO / "examples" / "session.yaml").read_bytes()
PHONE = 390


@dataclass
class Browser:
    driver: Any
    url: str
    downloads: Path
    session: Path


def _chrome(downloads: Path, javascript: bool = True) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1200,900")
    options.add_argument("--lang=da")
    prefs: dict[str, Any] = {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
    }
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    # The system's driver, named explicitly: Selenium Manager never downloads one.
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    return driver


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    from workbook.web.server import start, url

    if CHROMIUM is None or DRIVER is None:
        if os.environ.get("CI"):  # CI installs them: missing there is a failure, not a skip
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    folder = tmp_path_factory.mktemp("serve")
    session = folder / "session.yaml"
    session.write_bytes(EXAMPLE)
    downloads = folder / "downloads"
    downloads.mkdir()
    # started as a user starts it, in the session's folder, so the page names the file
    # 'session.yaml' (the README's screenshot shows it) and Save writes it there
    home = Path.cwd()
    os.chdir(folder)
    server = start(Path(session.name))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield url(server), session, downloads
    finally:
        server.shutdown()
        server.server_close()
        os.chdir(home)


@pytest.fixture(scope="module")
def chrome(served: tuple[str, Path, Path]) -> Iterator[Any]:
    driver = _chrome(served[2])
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(chrome: Any, served: tuple[str, Path, Path]) -> Iterator[Browser]:
    """The browser on the example session, as if opened for the first time."""
    address, session, downloads = served
    session.write_bytes(EXAMPLE)
    chrome.get(address)
    chrome.execute_script("localStorage.clear()")
    for extra in chrome.window_handles[1:]:
        chrome.switch_to.window(extra)
        chrome.close()
    chrome.switch_to.window(chrome.window_handles[0])
    chrome.get(address)
    yield Browser(chrome, address, downloads, session)
    chrome.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


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


def _css(b: Browser, selector: str) -> Any:
    from selenium.webdriver.common.by import By

    return b.driver.find_element(By.CSS_SELECTOR, selector)


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


def _click(b: Browser, selector: str) -> None:
    _idle(b)
    _wait(lambda: _css(b, selector).is_enabled())
    _css(b, selector).click()
    _idle(b)


def _value(b: Browser, name: str) -> str:
    return str(_wait(lambda: _field(b, name).get_attribute("value") or " ")).strip()


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


def _parts(session: Path) -> list[str]:
    agenda = load_session(session)[0].agenda or []
    return [getattr(entry, "part", None) or getattr(entry, "title", "day") for entry in agenda]


def test_fill_the_form_add_a_partner_and_download_the_pack(browser: Browser) -> None:
    from selenium.webdriver.common.keys import Keys

    b = browser
    _type(b, "title", "Skolemad i Valby")
    _click(b, "button[value='add:partner']")
    _wait(lambda: _field(b, "partners[3].name"))
    _type(b, "partners[3].name", "Lise Vang")
    _type(b, "partners[3].organisation", "Valby Skole")
    _type(b, "partners[3].role", "Skoleleder")
    # the agenda is retimed as it changes: a longer opening moves lunch
    _type(b, "agenda[0].minutes", "40", then=Keys.TAB)
    lunch = "[data-row='agenda[3]'] .time"
    _wait(lambda: _css(b, lunch).text == "11.55–12.55")
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


def test_a_file_with_problems_shows_them_on_opening(browser: Browser) -> None:
    b = browser
    text = EXAMPLE.decode().replace("date: 2027-03-04", "date: 2027-02-30")
    b.session.write_text(text.replace("language: da ", "language: no "), "utf-8")
    b.driver.get(b.url)
    note = _wait(lambda: _css(b, "p.problem[data-for='date']").text)
    # a Danish session: told in Danish, in the form's words, that the day does not exist
    assert note == (
        "Dato er en dag, der ikke findes: februar 2027 har kun 28 dage (der står '2027-02-30')"
        " – Tjek dagen og måneden."
    )
    date = _field(b, "date")
    assert date.get_attribute("aria-invalid") == "true"
    assert date.get_attribute("value") == "2027-02-30"  # shown as written, never blanked
    assert date.get_attribute("type") == "text"
    language = _field(b, "language")
    assert language.get_attribute("value") == "no"  # never silently Dansk
    assert "YAML læser som falsk" in _css(b, "p.problem[data-for='language']").text


def test_save_writes_the_session_file(browser: Browser) -> None:
    b = browser
    _type(b, "venue", "Valby Kulturhus")
    _click(b, "button[name=save]")
    _wait(lambda: load_session(b.session)[0].venue == "Valby Kulturhus")
    assert "# Lines starting with # are comments." in b.session.read_text("utf-8")
    _wait(lambda: "Gemt: session.yaml." in _css(b, ".saved").text)


def test_reload_then_save_keeps_every_earlier_save(browser: Browser) -> None:
    """Save a partner and a reordered agenda, reload, fix the venue, save: nothing undone."""
    b = browser
    _click(b, "button[value='add:partner']")
    _type(b, "partners[3].name", "Lise Vang")
    _type(b, "partners[3].organisation", "Valby Skole")
    _click(b, "button[value='up:agenda.3']")  # lunch before the first dialogue
    _click(b, "button[name=save]")
    _wait(lambda: len(load_session(b.session)[0].partners) == 4)
    b.driver.get(b.url)  # the page opened again: from the address bar, or a reload
    assert _value(b, "partners[3].name") == "Lise Vang"
    assert _value(b, "agenda[2].part") == "lunch"
    _type(b, "venue", "Valby Kulturhus")
    _click(b, "button[name=save]")
    _wait(lambda: load_session(b.session)[0].venue == "Valby Kulturhus")
    session = load_session(b.session)[0]
    assert [p.name for p in session.partners][-1] == "Lise Vang"
    assert _parts(b.session)[2] == "lunch"


def test_two_tabs_never_undo_each_other(browser: Browser) -> None:
    b = browser
    first = b.driver.current_window_handle
    b.driver.switch_to.new_window("tab")
    b.driver.get(b.url)
    second = b.driver.current_window_handle
    b.driver.switch_to.window(first)
    _click(b, "button[value='add:partner']")
    _type(b, "partners[3].name", "Lise Vang")
    _type(b, "partners[3].organisation", "Valby Skole")
    _click(b, "button[name=save]")
    _wait(lambda: len(load_session(b.session)[0].partners) == 4)
    b.driver.switch_to.window(second)
    _type(b, "venue", "Valby Kulturhus")
    _click(b, "button[name=save]")
    panel = _wait(lambda: _css(b, "#conflict"))
    assert "Lise Vang, Valby Skole" in panel.text and "Valby Kulturhus" in panel.text
    assert load_session(b.session)[0].venue != "Valby Kulturhus"  # nothing saved yet
    _click(b, "#conflict button[name=merge][value='1']")
    _wait(lambda: load_session(b.session)[0].venue == "Valby Kulturhus")
    assert [p.name for p in load_session(b.session)[0].partners][-1] == "Lise Vang"


def test_an_outside_edit_shows_on_the_open_page(browser: Browser) -> None:
    b = browser
    edited = EXAMPLE.decode().replace("CPH Food Space", "Kødbyen")
    b.session.write_text(edited, "utf-8")  # no edits on the page: it shows the file now
    _wait(lambda: _value(b, "venue").startswith("Kødbyen"), timeout=15)
    assert _css(b, "#reloaded").is_displayed()
    _type(b, "title", "Skolemad")  # now with an edit of its own, the page says so instead
    b.session.write_text(edited.replace("Kødbyen", "Hal 5"), "utf-8")
    _wait(lambda: _css(b, "#changed").is_displayed(), timeout=15)
    assert _value(b, "title") == "Skolemad"
    _click(b, "#changed button[name=compare]")
    panel = _wait(lambda: _css(b, "#conflict"))
    assert "Hal 5" in panel.text and "Skolemad" in panel.text


def test_unsaved_edits_are_offered_back_and_leaving_asks_first(browser: Browser) -> None:
    b = browser
    _type(b, "venue", "Valby Kulturhus")
    asks = "const e = new Event('beforeunload', {cancelable: true}); dispatchEvent(e);"
    assert b.driver.execute_script(asks + " return e.defaultPrevented")
    _wait(lambda: b.driver.execute_script("return localStorage.length") == 1)
    b.driver.execute_script("window.stop()")
    b.driver.get(b.url)  # an accidental close and a new visit (WebDriver leaves regardless)
    _wait(lambda: _css(b, "#draft").is_displayed())
    assert _value(b, "venue") == "CPH Food Space, Vesterbro, København"
    _click(b, "#draft [data-restore]")
    _wait(lambda: _value(b, "venue") == "Valby Kulturhus")
    assert b.driver.execute_script(asks + " return e.defaultPrevented")


def test_a_part_is_dragged_to_another_place_and_moved_by_the_keyboard(browser: Browser) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    b = browser
    grip = _css(b, "#agenda-6 [data-grip]")  # next steps, dragged above the introductions
    target = _css(b, "#agenda-1")
    actions = ActionChains(b.driver).click_and_hold(grip)
    actions.move_to_element_with_offset(target, 0, -target.size["height"] // 2 + 2)
    actions.pause(0.2).release().perform()
    _wait(lambda: _value(b, "agenda[1].part") == "next_steps")
    _idle(b)
    assert [_value(b, f"agenda[{i}].part") for i in range(3)] == [
        "opening",
        "next_steps",
        "introductions",
    ]
    _css(b, "#agenda-1 [data-grip]").send_keys(Keys.ARROW_DOWN)
    _wait(lambda: _value(b, "agenda[2].part") == "next_steps")
    _idle(b)
    focused = b.driver.execute_script("return document.activeElement.closest('li').id")
    assert focused == "agenda-2"  # the cursor stays on the moved part


def test_a_phone_reaches_every_control(browser: Browser) -> None:
    b = browser
    long = "Madfællesskabet Nørrebro og Omegns Frivillige Fødevarenetværk for Skoler og Børnehaver"
    b.session.write_text(EXAMPLE.decode().replace("Madfællesskabet Nørrebro", long), "utf-8")
    b.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": PHONE, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    b.driver.get(b.url)
    assert b.driver.execute_script("return document.documentElement.scrollWidth") <= PHONE
    unreachable = b.driver.execute_script(REACHABLE)
    assert unreachable == [], unreachable
    assert _field(b, "date").get_attribute("type") == "date"  # the phone's own pickers
    assert _field(b, "start").get_attribute("type") == "time"
    # and a part of one's own with its details open
    _click(b, "button[value='add:custom']")
    _click(b, "#agenda-8 summary")
    _click(b, "button[value='addstep:agenda.8']")
    _type(b, "agenda[8].title", "Rundvisning i køkkenet")
    assert b.driver.execute_script("return document.documentElement.scrollWidth") <= PHONE
    unreachable = b.driver.execute_script(REACHABLE)
    assert unreachable == [], unreachable
    organisation = _field(b, "partners[2].organisation")
    assert organisation.get_attribute("value") == long
    assert b.driver.execute_script(  # the whole value in view, wrapped, not cut off
        "const e = arguments[0]; return e.scrollHeight <= e.clientHeight + 2"
        " && e.scrollWidth <= e.clientWidth + 2",
        organisation,
    )
    screenshot = os.environ.get("WORKBOOK_SCREENSHOT")
    if screenshot:
        b.session.write_bytes(EXAMPLE)
        b.driver.get(b.url)  # the draft of the page left is kept: cleared, and opened afresh
        b.driver.execute_script("localStorage.clear()")
        b.driver.get(b.url)
        _idle(b)
        path = REPO / screenshot
        _screenshot(b, path.with_name(path.stem + "-phone" + path.suffix))
        b.session.write_text(EXAMPLE.decode().replace("Madfællesskabet Nørrebro", long), "utf-8")
        b.driver.get(b.url)
    # the pack's pages open large, and close again
    _click(b, "button[name=previews]")
    _wait(lambda: _css(b, "#page-1"), timeout=90)
    _css(b, "#page-1 a.open").click()
    _wait(lambda: b.driver.execute_script("return location.hash") == "#page-1")
    width = b.driver.execute_script("return document.querySelector('#page-1 img').width")
    assert width >= PHONE - 20
    _css(b, "#page-1 a.close").click()
    _wait(lambda: b.driver.execute_script("return location.hash") == "#previews")


# Every control of the form, scrolled to: within the screen's width, and the topmost thing
# at its centre (not covered by another), or inside its own label.
REACHABLE = """
const out = [];
const controls = document.querySelectorAll(
  '#session input:not([type=hidden]), #session select, #session textarea,' +
  ' #session button:not(.offscreen), #session a.button, #session summary');
for (const el of controls) {
  if (el.closest('[hidden]') || (el.closest('details:not([open])') && el.tagName !== 'SUMMARY'))
    continue;
  el.scrollIntoView({block: 'center'});
  const r = el.getBoundingClientRect();
  const name = el.name || el.textContent.trim().slice(0, 30) || el.outerHTML.slice(0, 60);
  if (r.width < 1 || r.height < 1) { out.push([name, 'not shown']); continue; }
  if (r.left < -0.5 || r.right > window.innerWidth + 0.5) {
    out.push([name, 'off the screen', r.left, r.right]); continue;
  }
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const label = el.closest('label');
  if (!hit || !(hit === el || el.contains(hit) || (label && label.contains(hit)))) {
    out.push([name, 'covered by', hit && hit.outerHTML.slice(0, 60)]);
  }
}
return out;
"""


@pytest.fixture(scope="module")
def plain(served: tuple[str, Path, Path]) -> Iterator[Any]:
    """A second browser, with JavaScript switched off."""
    driver = _chrome(served[2], javascript=False)
    try:
        yield driver
    finally:
        driver.quit()


def test_without_javascript_each_button_returns_to_where_it_was_pressed(
    plain: Any, served: tuple[str, Path, Path]
) -> None:
    from selenium.webdriver.common.by import By

    address, session, _ = served
    session.write_bytes(EXAMPLE)
    plain.get(address)
    html = plain.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("class") == "no-js"  # the page's script never ran

    def in_view(anchor: str) -> bool:
        box = plain.find_element(By.ID, anchor).rect
        top = plain.execute_script("return window.scrollY")
        height = plain.execute_script("return window.innerHeight")
        return bool(top > 0 and top - 1 <= box["y"] < top + height)

    plain.find_element(By.CSS_SELECTOR, "button[value='down:agenda.5']").click()
    _wait(lambda: plain.current_url.endswith("#agenda-6"))
    moved = plain.find_element(By.NAME, "agenda[6].part").get_attribute("value")
    assert moved == "scaling"
    assert in_view("agenda-6")
    plain.find_element(By.CSS_SELECTOR, "button[value='add:partner']").click()
    _wait(lambda: plain.current_url.endswith("#partners-3"))
    assert in_view("partners-3")
    plain.find_element(By.NAME, "partners[3].name").send_keys("Lise Vang")
    plain.find_element(By.NAME, "partners[3].organisation").send_keys("Valby Skole")
    plain.find_element(By.NAME, "save").click()
    _wait(lambda: len(load_session(session)[0].partners) == 4)
    assert yamlio.load(session).data["agenda"][6] == "scaling"
    assert plain.current_url.endswith("/?saved=1")  # the file as it is now, a plain GET
