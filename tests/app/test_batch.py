"""Several session files in one ``workbook pack``: every pack written, every problem reported."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import pdf_text, qpdf_check

SHORT = ["opening", "next_steps", "closing"]  # few pages, so the batch stays quick


@pytest.fixture
def sessions(write_session: Callable[..., Path]) -> list[Path]:
    return [
        write_session(f"{name}.yaml", title=f"Session {name}", agenda=SHORT)
        for name in ("alfa", "beta", "gamma")
    ]


def test_a_batch_writes_every_pack_as_a_single_pack_would(
    cli: Callable[..., Any], sessions: list[Path], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = cli("pack", *sessions, "-o", folder, "--boards", "none")
    assert result.exit_code == 0, result.output
    assert "Skrev 3 af 3 materialer" in result.output
    written = sorted(folder.glob("*.pdf"))
    assert [p.name for p in written] == ["alfa.pdf", "beta.pdf", "gamma.pdf"]
    for path in written:
        qpdf_check(path)
    assert all(f"Session {p.stem}" in pdf_text(p)[0] for p in written)
    (tmp_path / "single").mkdir()
    single = tmp_path / "single" / "beta.pdf"  # the same name: the print guide names files
    assert cli("pack", sessions[1], "-o", single, "--boards", "none").exit_code == 0
    assert single.read_bytes() == (folder / "beta.pdf").read_bytes()


def test_without_output_each_pack_goes_beside_its_session(
    cli: Callable[..., Any], sessions: list[Path], tmp_path: Path
) -> None:
    result = cli("pack", *sessions[:2])
    assert result.exit_code == 0, result.output
    assert "ved siden af deres sessionsfiler" in result.output
    for name in ("alfa", "beta"):
        path = tmp_path / f"2027-03-04-session-{name}.pdf"
        qpdf_check(path)


def test_a_bad_session_is_reported_and_the_good_ones_are_still_written(
    cli: Callable[..., Any], sessions: list[Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(sessions[0].read_text("utf-8").replace("09:00", "25:99"), "utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    result = cli("pack", sessions[0], bad, sessions[2], "-o", folder, "--boards", "none")
    assert result.exit_code == 1
    assert f"fejl: {bad}: 1 problem fundet" in result.output
    assert f"{bad}:4:" in result.output
    assert "'start'" in result.output
    assert "Skrev 2 af 3 materialer" in result.output
    assert "1 mislykkedes" in result.output
    assert sorted(p.name for p in folder.glob("*.pdf")) == ["alfa.pdf", "gamma.pdf"]
    assert not list(folder.glob(".wb-*"))  # no half-written file left behind
    for path in folder.glob("*.pdf"):
        qpdf_check(path)


@pytest.mark.parametrize("target", ["missing-folder", "pack.pdf"])
def test_output_for_a_batch_must_be_an_existing_folder(
    cli: Callable[..., Any], sessions: list[Path], tmp_path: Path, target: str
) -> None:
    result = cli("pack", *sessions[:2], "-o", tmp_path / target)
    assert result.exit_code == 1
    assert "med flere sessionsfiler skal -o være en mappe, der findes" in result.output
    assert not list(tmp_path.rglob("*.pdf"))


def test_sessions_with_the_same_file_name_get_distinct_pdfs(
    cli: Callable[..., Any], write_session: Callable[..., Path], tmp_path: Path
) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    first = write_session("a/session.yaml", agenda=SHORT)
    second = write_session("b/session.yaml", agenda=SHORT, title="Anden")
    folder = tmp_path / "out"
    folder.mkdir()
    result = cli("pack", first, second, "-o", folder, "--boards", "none")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.glob("*.pdf")) == ["session-2.pdf", "session.pdf"]
    assert "Anden" in pdf_text(folder / "session-2.pdf")[0]


def test_a_batch_takes_the_print_options(
    cli: Callable[..., Any], sessions: list[Path], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    folder = tmp_path / "out"
    folder.mkdir()
    result = cli("pack", *sessions[:2], "-o", folder, "--paper", "letter", "--boards", "a2")
    assert result.exit_code == 0, result.output
    for name in ("alfa", "beta"):
        pages = PdfReader(folder / f"{name}.pdf").pages
        assert {round(float(p.mediabox.width)) for p in pages} <= {612, 792}
        assert (folder / f"{name}-boards.pdf").is_file()


def test_a_second_batch_says_it_replaced_the_first(
    cli: Callable[..., Any], sessions: list[Path], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert cli("pack", *sessions[1:], "-o", folder).exit_code == 0
    result = cli("pack", *sessions, "-o", folder)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        f"Skrev 3 af 3 materialer i {folder}, og erstattede 2 fra en tidligere kørsel"
    )


def _as_a_normal_user() -> list[str]:
    """The command prefix that runs workbook without root's power to read any file: as
    root here (tests run as root), the capabilities that override file modes dropped."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    probe = [setpriv or "setpriv", "--bounding-set", "-dac_override,-dac_read_search", "true"]
    if setpriv is None or subprocess.run(probe, capture_output=True).returncode != 0:
        pytest.skip("as root, needs setpriv (util-linux) to read files as a normal user would")
    return probe[:-1]


def test_an_unreadable_session_is_listed_under_its_name_and_the_others_are_made(
    sessions: list[Path], tmp_path: Path
) -> None:
    locked = sessions[1]
    locked.chmod(0o000)
    folder = tmp_path / "out"
    folder.mkdir()
    command = [sys.executable, "-m", "workbook", "pack", *map(str, sessions), "-o", str(folder)]
    done = subprocess.run(
        [*_as_a_normal_user(), *command, "--boards", "none"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    locked.chmod(0o644)
    assert done.returncode == 1, done.stderr
    assert f"fejl: {locked}: 1 problem fundet" in done.stderr
    # in the batch's language: the file's own cannot be read
    assert "  beta.yaml: sessionsfilen kan ikke læses (ingen adgang)" in done.stderr
    assert "Skrev 2 af 3 materialer" in done.stderr
    assert sorted(p.name for p in folder.glob("*.pdf")) == ["alfa.pdf", "gamma.pdf"]
