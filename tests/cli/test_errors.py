"""Bad input gets a located, actionable message, a non-zero exit and no output file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# English, so the messages pinned here are the English ones (a Danish session is told in
# Danish: tests/app/test_messages.py)
GOOD = """language: en
date: 2027-03-04
start: "09:00"
venue: "Hal 1"
facilitator: {name: "Anne"}
partners:
  - {name: "Bo", organisation: "Org"}
"""


def run_bad(cli, tmp_path: Path, text: str, *extra: str) -> tuple[int, str, Path]:
    session = tmp_path / "session.yaml"
    session.write_text(text, "utf-8")
    output = tmp_path / "out.pdf"
    result = cli("pack", session, "-o", output, *extra)
    return result.exit_code, result.output, output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "language: en\ndate: [unclosed\n",
            ["session.yaml:2:7: this '[' is never closed", "Close it with ']'"],
        ),
        ("", ["the session file is empty", "workbook init"]),
        ("- just\n- a list\n", ["must be a mapping"]),
        (GOOD.replace('venue: "Hal 1"\n', ""), ["session.yaml:1:1: 'venue' is missing"]),
        (
            GOOD + "venu: x\n",
            ["session.yaml:8", "'venu'", "not a known key", "Did you mean 'venue'"],
        ),
        (
            GOOD.replace('"09:00"', '"25:99"'),
            ["session.yaml:3", "'start'", "time of day like 09:00", "25:99"],
        ),
        (
            GOOD.replace("2027-03-04", "2027-02-30"),
            ["session.yaml:2", "'date'", "a day that does not exist", "February 2027 has only 28"],
        ),
        (GOOD.replace('venue: "Hal 1"', "venue: [1, 2]"), ["'venue'", "must be text"]),
        (GOOD.split("partners:")[0] + "partners: []\n", ["'partners'", "at least 1"]),
        (
            GOOD.replace("language: en", "language: xx"),
            ["session.yaml:1", "unknown language 'xx'", "da (Dansk)", "en (English)"],
        ),
        (
            GOOD + "agenda: [opening, brunch]\n",
            [
                "session.yaml:8",
                "agenda, entry 2: unknown part 'brunch'",
                "Valid parts: opening, introductions",
            ],
        ),
        (
            GOOD + "agenda: [opening, {lunch: 0}]\n",
            ["agenda, entry 2: 'minutes' must be more than zero"],
        ),
        (
            GOOD + "agenda: [opening, {lunch: -5}]\n",
            ["agenda, entry 2: 'minutes' must be more than zero"],
        ),
        (
            GOOD + "agenda: [opening, ambition, ambition]\n",
            ["agenda, entry 3: the part 'ambition' is in the agenda twice"],
        ),
        (
            GOOD.replace("Hal 1", "Hal 東"),
            ["session.yaml:4", "'venue'", "'東' (U+6771", "not in the font"],
        ),
        (
            GOOD + "x: !!python/object/apply:os.system ['echo hacked']\n",
            ["session.yaml:8", "not allowed"],
        ),
    ],
)
def test_bad_session_file(cli, tmp_path: Path, text: str, expected: list[str]) -> None:
    code, output, pdf = run_bad(cli, tmp_path, text)
    assert code == 1
    assert "Traceback" not in output
    for part in expected:
        assert part in output
    assert not pdf.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "session.yaml"]


def test_every_problem_is_reported_at_once(cli, tmp_path: Path) -> None:
    text = GOOD.replace('"09:00"', '"9:75"').replace("2027-03-04", "04-03-2027") + "venu: x\n"
    code, output, _ = run_bad(cli, tmp_path, text)
    assert code == 1
    assert "3 problems found" in output
    assert output.index("'date'") < output.index("'start'") < output.index("'venu'")


def test_missing_session_file(cli, tmp_path: Path) -> None:
    result = cli("pack", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert "nope.yaml: no such session file" in result.output


def test_session_path_is_a_folder(cli, tmp_path: Path) -> None:
    result = cli("pack", tmp_path)
    assert result.exit_code == 1
    assert "is a folder" in result.output or "this is a folder" in result.output


def test_output_folder_missing(cli, tmp_path: Path) -> None:
    (tmp_path / "session.yaml").write_text(GOOD, "utf-8")
    result = cli("pack", tmp_path / "session.yaml", "-o", tmp_path / "no" / "pack.pdf")
    assert result.exit_code == 1
    assert "the folder for the output does not exist" in result.output
    assert not (tmp_path / "no").exists()


def test_output_is_a_folder(cli, tmp_path: Path) -> None:
    (tmp_path / "session.yaml").write_text(GOOD, "utf-8")
    (tmp_path / "pack.pdf").mkdir()
    result = cli("pack", tmp_path / "session.yaml", "-o", tmp_path / "pack.pdf")
    assert result.exit_code == 1
    assert "is a folder" in result.output


def test_alias_bomb_is_refused_quickly(cli, tmp_path: Path) -> None:
    lines = ["language: en", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    code, output, _ = run_bad(cli, tmp_path, "\n".join(lines) + "\n")
    assert code == 1
    assert "aliases" in output and "safety" in output


def test_huge_file_is_refused(cli, tmp_path: Path) -> None:
    code, output, _ = run_bad(cli, tmp_path, GOOD + "#" * (3 * 1024 * 1024) + "\n")
    assert code == 1
    assert "at most" in output and "KiB" in output


def test_not_utf8(cli, tmp_path: Path) -> None:
    session = tmp_path / "session.yaml"
    session.write_bytes(GOOD.replace("Hal 1", "H\xe6l").encode("latin-1"))
    result = cli("pack", session, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 1
    assert "session.yaml:4" in result.output and "UTF-8" in result.output


def test_init_writes_an_example_that_renders_and_refuses_to_overwrite(cli, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    assert cli("init", target).exit_code == 0
    assert "partners:" in target.read_text("utf-8")
    again = cli("init", target)
    assert again.exit_code == 1 and "--force" in again.output
    assert cli("init", target, "--force").exit_code == 0
    result = cli("pack", target, "-o", tmp_path / "mine.pdf")
    assert result.exit_code == 0, result.output


def test_unreadable_session_file(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Permissions cannot be relied on when the tests run as root, so the OS refusal is simulated.
    real_read = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "session.yaml":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, output, out = run_bad(cli, tmp_path, GOOD)
    assert code == 1
    assert "session.yaml: the session file cannot be read (permission denied)" in output
    assert not out.exists()


def test_output_folder_not_writable(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if mode == os.W_OK and Path(str(path)) == tmp_path:
            return False  # as a read-only folder would say, even to root
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    code, output, out = run_bad(cli, tmp_path, GOOD)
    assert code == 1
    assert f"{tmp_path}: the output folder cannot be written to" in output
    assert not out.exists()


@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_is_told_apart_from_a_user_error(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, debug: bool
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("workbook.app.pack.render_pack", crash)
    session = tmp_path / "session.yaml"
    session.write_text(GOOD, "utf-8")
    output = tmp_path / "out.pdf"
    result = cli(*(["--debug"] if debug else []), "pack", session, "-o", output)
    assert result.exit_code == 70
    if debug:
        assert "Traceback" in result.output and "ZeroDivisionError" in result.output
    else:
        assert "internal error: ZeroDivisionError" in result.output
        assert "bug in workbook" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == [session]  # no output, no temporary file


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--tile", "--boards", "none"], ["'--tile'", "needs --boards", "--boards a1 --tile"]),
        (["--paper", "b5"], ["'--paper'", "unknown paper 'b5'", "a4, letter"]),
        (["--boards", "a5"], ["'--boards'", "unknown board size 'a5'", "a3, a2, a1, a0"]),
        (
            ["--paper", "b5", "--boards", "a5"],
            ["2 problems found", "unknown paper 'b5'", "unknown board size 'a5'"],
        ),
    ],
)
def test_bad_print_options(cli, tmp_path: Path, options: list[str], expected: list[str]) -> None:
    code, output, written = run_bad(cli, tmp_path, GOOD, *options)
    assert code == 1
    assert all(part in output for part in expected), output
    assert "Traceback" not in output
    assert not written.exists() and not (tmp_path / "out-boards.pdf").exists()


def test_boards_for_an_agenda_without_boards(cli, tmp_path: Path) -> None:
    text = GOOD + "agenda: [opening, closing]\n"
    code, output, written = run_bad(cli, tmp_path, text, "--boards", "a2")
    assert code == 1
    assert "session.yaml:8" in output and "no joint boards" in output
    assert not written.exists()


def test_a_failure_drawing_the_posters_leaves_no_file(cli, tmp_path: Path, monkeypatch) -> None:
    from workbook.app import pack as pipeline

    def broken(plan, context, size, tile, out) -> None:
        out.write(b"%PDF-1.4 half a poster")
        raise OSError("disk full")

    (tmp_path / "out-boards.pdf").write_bytes(b"the previous boards")
    monkeypatch.setattr(pipeline, "render_boards", broken)
    # --force: the stand-in at the boards' made-up name was not written by workbook
    code, output, written = run_bad(cli, tmp_path, GOOD, "--boards", "a1", "--tile", "--force")
    assert code == 70, output
    assert not written.exists()
    assert (tmp_path / "out-boards.pdf").read_bytes() == b"the previous boards"
    assert not list(tmp_path.glob(".*part"))
    (tmp_path / "out-boards.pdf").unlink()  # a stand-in, not a PDF: spare the qpdf check


def test_a_failure_writing_the_boards_file_leaves_no_half_file(
    cli, tmp_path: Path, monkeypatch
) -> None:
    from workbook.files.temporaries import Stash

    real = Stash.create
    created: list[bytes] = []

    def failing_for_boards(self: Stash, data: bytes, like: object) -> Path:
        created.append(data)
        if len(created) == 2:  # the pack's file is written first, then its boards
            raise OSError(28, "No space left on device")
        return real(self, data, like)  # type: ignore[arg-type]

    monkeypatch.setattr(Stash, "create", failing_for_boards)
    code, message, written = run_bad(cli, tmp_path, GOOD, "--boards", "a3")
    assert code == 1, message
    assert "out-boards.pdf: cannot be written: the disk is full" in message
    assert not written.exists()  # the pack is not left without its boards
    assert not (tmp_path / "out-boards.pdf").exists()
    assert not list(tmp_path.glob(".*part"))


def test_a_full_standard_output_is_told_plainly(tmp_path: Path) -> None:
    """``workbook schema > /dev/full``: the disk behind the shell's redirection is full."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "workbook", "schema"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr == "error: standard output cannot be written: No space left on device\n"


def test_a_reader_that_has_gone_ends_the_run_quietly(tmp_path: Path) -> None:
    """``workbook schema | true``: the pipe's reader gone before the schema is written."""
    process = subprocess.Popen(
        [sys.executable, "-m", "workbook", "schema"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # long before Python has started and rendered the schema
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141, err  # 128 + SIGPIPE, as a shell's tools end
    assert err == ""
