"""A disk that fills up mid-run: a clear error naming the file, and every folder as it was.

The disk is a real, small tmpfs mounted for the test, which needs root (CI runs as root);
elsewhere these tests are skipped, saying so.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BASE_SESSION


def _mount(folder: Path, size: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "disk"
    _mount(folder, "1m")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def _fill(disk: Path, leave: int) -> None:
    """Use up the disk but ``leave`` bytes."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "filler").write_bytes(b"\0" * max(0, free - leave))


def test_a_pack_on_a_full_disk_is_a_clear_error_and_leaves_nothing(
    cli, write_session, small_disk: Path
) -> None:
    _fill(small_disk, 40_000)  # a pack is about 130 kB
    result = cli("pack", write_session(), "-o", small_disk / "pack.pdf")
    assert result.exit_code == 1, result.output
    assert f"{small_disk / 'pack.pdf'}: kan ikke skrives: disken er fuld" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_invitations_again_on_a_full_disk_leave_the_letters_as_they_were(
    cli, write_session, small_disk: Path
) -> None:
    letters = small_disk / "letters"
    first = cli("invitations", write_session(), "-o", letters)
    assert first.exit_code == 0, first.output
    before = _snapshot(small_disk)
    # The second run would write new letters (another venue) and a combined PDF: room for
    # about one letter is left, so it fails part-way through.
    _fill(small_disk, 60_000)
    session = write_session(venue="Et andet sted")
    result = cli("invitations", session, "-o", letters, "--combined", letters / "all.pdf")
    assert result.exit_code == 1, result.output
    assert "kan ikke skrives: disken er fuld" in result.output
    (small_disk / "filler").unlink()
    assert _snapshot(small_disk) == before


def test_a_batch_on_a_full_disk_reports_each_pack_and_leaves_no_part_file(
    cli, write_session, small_disk: Path
) -> None:
    sessions = [
        write_session(f"s{i}.yaml", title=f"Session {i}", partners=BASE_SESSION["partners"])
        for i in range(3)
    ]
    _fill(small_disk, 250_000)  # room for one pack of three (with its boards, 180 kB)
    result = cli("pack", *sessions, "-o", small_disk)
    assert result.exit_code == 1, result.output
    assert "disken er fuld" in result.output
    assert "Skrev 1 af 3 materialer" in result.output
    names = sorted(p.name for p in small_disk.iterdir())
    assert not [name for name in names if name.endswith(".part")]
    # the filler and the one pack (and its boards) that fitted, with the tool's record
    assert names[:2] == [".workbook-written", "filler"] and len(names) == 4


def test_a_read_only_disk_is_a_clear_error(cli, write_session, tmp_path: Path) -> None:
    disk = tmp_path / "read-only"
    _mount(disk, "1m")
    try:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = cli("pack", write_session(), "-o", disk / "pack.pdf")
        assert result.exit_code == 1, result.output
        assert (
            f"{disk / 'pack.pdf'}: kan ikke skrives: filsystemet er skrivebeskyttet"
            in (result.output)
            or f"{disk}: der kan ikke skrives i mappen" in result.output
        )
        assert list(disk.iterdir()) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)
