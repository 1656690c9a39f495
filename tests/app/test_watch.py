"""``--watch`` as a user runs it: a real process, real edits to the files, a real Ctrl-C."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE_SESSION, REPO, pdf_text
from workbook.language import kept as warm

WORKBOOK = str(Path(sys.executable).parent / "workbook")
# Generous: these bound a wait on a shared machine; speed is measured in bench/, not here.
PATIENCE_S = 60
# What the watcher says, in the language of the sessions here (Danish, the default)
WATCHING = "Holder øje med"
RENDERED = " ms: "  # the end of a render's line: "12:00:01  24 sider på 310 ms: pack.pdf"
KEPT = "Det sidste gode resultat står urørt"


class Running:
    """A ``workbook ... --watch`` process and the lines it prints, read as they come."""

    def __init__(self, argv: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [WORKBOOK, *argv],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str) -> list[str]:
        """Every line up to and including the next one containing ``text``."""
        deadline = time.monotonic() + PATIENCE_S
        got: list[str] = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                assert self.process.poll() is None, f"ended early: {self.seen}"
                continue
            got.append(line)
            self.seen.append(line)
            if text in line:
                return got
        raise AssertionError(f"no line with {text!r} within {PATIENCE_S} s: {self.seen}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.kill()
        return self.process.wait()


@pytest.fixture
def running() -> Iterator[list[Running]]:
    started: list[Running] = []
    yield started
    for process in started:  # a failed test still leaves no process behind
        process.stop()


def write(path: Path, **changes: object) -> None:
    data = {**BASE_SESSION, **changes}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_watch_renders_on_each_edit_keeps_the_last_good_pdf_and_ends_on_ctrl_c(
    tmp_path: Path, running: list[Running]
) -> None:
    session, pdf = tmp_path / "session.yaml", tmp_path / "pack.pdf"
    write(session, title="Første udgave")
    watcher = Running(["pack", "session.yaml", "-o", "pack.pdf", "--watch"], tmp_path)
    running.append(watcher)
    assert any(RENDERED in line for line in watcher.wait_for(WATCHING))
    assert "Første udgave" in pdf_text(pdf)[0]

    write(session, title="Anden udgave")
    watcher.wait_for(RENDERED)
    assert "Anden udgave" in pdf_text(pdf)[0]
    good = pdf.read_bytes()

    broken = session.read_text("utf-8").replace("2027-03-04", "2027-13-04")
    session.write_text(broken, "utf-8")
    printed = watcher.wait_for(KEPT)
    assert any("session.yaml:" in line and "'date'" in line for line in printed), printed
    assert pdf.read_bytes() == good

    write(session, title="Tredje udgave")
    watcher.wait_for(RENDERED)
    assert "Tredje udgave" in pdf_text(pdf)[0]

    # The same bytes as a one-shot run of the same file: one way to a PDF.
    once = tmp_path / "once" / "pack.pdf"
    once.parent.mkdir()
    subprocess.run([WORKBOOK, "pack", str(session), "-o", str(once)], check=True)
    assert once.read_bytes() == pdf.read_bytes()

    write(session, title="Fjerde udgave")  # and Ctrl-C at once, most likely mid-render
    watcher.process.send_signal(signal.SIGINT)
    assert watcher.process.wait(timeout=PATIENCE_S) == 130
    names = sorted(p.name for p in tmp_path.iterdir())
    # with the tool's record of the boards' file, whose name it made up
    assert names == [".workbook-written", "once", "pack-boards.pdf", "pack.pdf", "session.yaml"]
    pdf_text(pdf)  # whole: either the third or the fourth edition, never half of one


def test_watch_renders_again_when_the_language_in_use_changes(
    tmp_path: Path, running: list[Running]
) -> None:
    languages = tmp_path / "languages"
    shutil.copytree(REPO / "content" / "da", languages / "da")
    session = tmp_path / "session.yaml"
    write(session)
    argv = ["agenda", "session.yaml", "-o", "agenda.pdf", "--content", "languages", "--watch"]
    watcher = Running(argv, tmp_path)
    running.append(watcher)
    watcher.wait_for(WATCHING)
    ui = languages / "da" / "ui.yaml"
    before = ui.read_text("utf-8")
    word = yaml.safe_load(before)["sections"]["agenda"]
    assert word in pdf_text(tmp_path / "agenda.pdf")[0]

    ui.write_text(before.replace(f'agenda: "{word}"', 'agenda: "Dagsorden i dag"', 1), "utf-8")
    watcher.wait_for(RENDERED)
    assert "Dagsorden i dag" in pdf_text(tmp_path / "agenda.pdf")[0]
    watcher.process.send_signal(signal.SIGINT)
    assert watcher.process.wait(timeout=PATIENCE_S) == 130


def test_watch_takes_one_session_file(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml")
    write(tmp_path / "b.yaml")
    result = subprocess.run(
        [WORKBOOK, "pack", "a.yaml", "b.yaml", "--watch"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=PATIENCE_S,
    )
    assert result.returncode == 1
    assert "'--watch': virker kun med én sessionsfil" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


def test_kept_content_is_read_again_when_a_file_of_it_changes(tmp_path: Path) -> None:
    languages = tmp_path / "languages"
    shutil.copytree(REPO / "content" / "da", languages / "da")
    first = warm.load_content("da", [languages])
    assert warm.load_content("da", [languages]) is first  # unchanged: kept
    ui = languages / "da" / "ui.yaml"
    text = ui.read_text("utf-8")
    word = first.ui.get("sections.agenda")
    ui.write_text(text.replace(f'agenda: "{word}"', 'agenda: "Program for dagen"', 1), "utf-8")
    second = warm.load_content("da", [languages])
    assert second is not first
    assert second.ui.get("sections.agenda") == "Program for dagen"
    (languages / "xx").mkdir()  # a new folder of any kind is a change too
    (languages / "xx" / "notes.txt").write_text("x", "utf-8")
    assert warm.load_content("da", [languages]) is not second


def test_watch_writes_every_letter_again_on_an_edit(tmp_path: Path, running: list[Running]) -> None:
    session = tmp_path / "session.yaml"
    write(session, venue="Første sted")
    argv = ["invitations", "session.yaml", "-o", "letters", "--watch"]
    watcher = Running(argv, tmp_path)
    running.append(watcher)
    watcher.wait_for(WATCHING)
    write(session, venue="Andet sted")
    watcher.wait_for("sider i 2 filer på")
    letters = sorted((tmp_path / "letters").glob("*.pdf"))
    assert len(letters) == 2
    assert all("Andet sted" in " ".join(pdf_text(letter)) for letter in letters)
    watcher.process.send_signal(signal.SIGINT)
    assert watcher.process.wait(timeout=PATIENCE_S) == 130


class Stop(Exception):
    pass


def test_a_save_before_the_watcher_is_in_place_is_not_missed(tmp_path: Path) -> None:
    """The window between the first render and the watcher starting gets no file event."""
    from workbook.app.watch import Inputs, Rendered, watch

    session = tmp_path / "session.yaml"
    write(session, title="Før")
    renders: list[str] = []

    def render() -> Rendered:
        renders.append(session.read_text("utf-8"))
        if len(renders) == 1:
            write(session, title="Efter")  # saved after the render read the file
        else:
            raise Stop
        return Rendered([], [])

    def timeout(*_: object) -> None:
        raise AssertionError(f"no render after the save: {renders}")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(PATIENCE_S)
    try:
        with pytest.raises(Stop):
            watch(render, lambda: Inputs(frozenset({session}), frozenset()), print, print)
    except KeyboardInterrupt:  # how watchfiles hands on an exception from a signal handler
        pytest.fail(f"no render after the save: {renders}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert "Efter" in renders[1]


def test_the_inputs_are_the_session_its_logo_the_languages_and_the_layouts(
    tmp_path: Path,
) -> None:
    from workbook.app.watch import inputs_of
    from workbook.core.resources import content_dir, layouts_dir

    languages = tmp_path / "languages"
    languages.mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "archive").mkdir()
    session = tmp_path / "session.yaml"
    write(session, host_logo="images/logo.png")
    watched = inputs_of(session, [languages])
    assert watched.touched(session.resolve())
    assert watched.touched((tmp_path / "images" / "logo.png").resolve())
    assert watched.touched((content_dir() / "da" / "ui.yaml").resolve())
    assert watched.touched((languages / "pl" / "meta.yaml").resolve())
    assert watched.touched((layouts_dir() / "default.yaml").resolve())
    # What a render writes beside the session is not an input: no render loop.
    assert not watched.touched((tmp_path / "pack.pdf").resolve())
    assert not watched.touched((tmp_path / ".pack.pdf.x1.part").resolve())
    # Each folder is watched alone: the session's and the logo's, not what else is below.
    folders = watched.directories()
    assert tmp_path.resolve() in folders
    assert (tmp_path / "images").resolve() in folders
    assert (tmp_path / "archive").resolve() not in folders


def test_a_broken_session_is_still_watched(tmp_path: Path) -> None:
    from workbook.app.watch import inputs_of

    session = tmp_path / "session.yaml"
    session.write_text("title: [unclosed\n", "utf-8")
    assert inputs_of(session, []).touched(session.resolve())


def test_the_partners_spreadsheet_and_their_answers_are_watched(tmp_path: Path) -> None:
    """A spreadsheet edited, or answers collected, render the pack again."""
    from workbook.app.watch import inputs_of

    session = tmp_path / "session.yaml"
    session.write_text("partners: partnere.xlsx\n", "utf-8")
    watched = inputs_of(session, [])
    assert watched.touched((tmp_path / "partnere.xlsx").resolve())
    assert watched.touched((tmp_path / "session.replies.yaml").resolve())


def test_what_a_render_wrote_inside_a_watched_folder_does_not_render_again(
    tmp_path: Path,
) -> None:
    from workbook.app import watch
    from workbook.app.watch import Inputs

    folder = tmp_path.resolve()
    watched = Inputs(frozenset(), frozenset({folder}))
    out = folder / "agenda.pdf"
    assert watched.wants(None, str(out))
    watch._written.add(out)
    try:
        assert not watched.wants(None, str(out))
        assert not watched.wants(None, str(folder / ".wb-k2j_x9.part"))  # output.py's temporary
        assert not watched.wants(None, str(folder / ".workbook-written"))  # the tool's record
        assert watched.wants(None, str(folder / "ui.yaml"))
    finally:
        watch._written.clear()


def test_a_session_briefly_replaced_by_a_link_is_not_followed(
    tmp_path: Path, running: list[Running]
) -> None:
    session, pdf = tmp_path / "session.yaml", tmp_path / "agenda.pdf"
    write(session, title="Første udgave")
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$salt$hash:19000:0:99999:7:::\n", "utf-8")
    watcher = Running(["agenda", "session.yaml", "-o", "agenda.pdf", "--watch"], tmp_path)
    running.append(watcher)
    watcher.wait_for(WATCHING)
    link = tmp_path / "link.tmp"
    link.symlink_to(secret)
    os.replace(link, session)  # as a swap in place would: the path now a link elsewhere
    watcher.wait_for("er nu et link til en anden fil og bliver ikke fulgt")
    fresh = tmp_path / "fresh.yaml"
    write(fresh, title="Anden udgave")
    os.replace(fresh, session)  # the file itself is back, at the path given
    watcher.wait_for(RENDERED)
    assert "Anden udgave" in pdf_text(pdf)[0]
    assert not any("root" in line or "salt" in line for line in watcher.seen), watcher.seen
    watcher.process.send_signal(signal.SIGINT)
    assert watcher.process.wait(timeout=PATIENCE_S) == 130


def test_watch_refuses_content_that_is_not_a_folder_of_languages(tmp_path: Path) -> None:
    write(tmp_path / "session.yaml")
    done = subprocess.run(
        [WORKBOOK, "agenda", "session.yaml", "--content", "/proc", "--watch"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=PATIENCE_S,
    )
    assert done.returncode == 1
    assert "/proc: is not a folder of language folders" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.yaml"]


def test_previews_into_a_link_that_leads_nowhere_do_not_end_the_watch(
    tmp_path: Path, running: list[Running]
) -> None:
    session = tmp_path / "session.yaml"
    write(session, agenda=["opening", "closing"])
    (tmp_path / "shots").symlink_to(tmp_path / "gone" / "shots")
    argv = ["pack", "session.yaml", "-o", "p.pdf", "--boards", "none", "--png", "shots"]
    watcher = Running([*argv, "--png-dpi", "10", "--watch"], tmp_path)
    running.append(watcher)
    printed = watcher.wait_for(KEPT)
    assert any("shots" in line and "som ikke findes" in line for line in printed), printed
    (tmp_path / "gone" / "shots").mkdir(parents=True)
    write(session, agenda=["opening", "closing"], title="Anden udgave")
    watcher.wait_for("sidebilleder på")
    assert (tmp_path / "gone" / "shots" / "page-01.png").is_file()
    watcher.process.send_signal(signal.SIGINT)
    assert watcher.process.wait(timeout=PATIENCE_S) == 130
