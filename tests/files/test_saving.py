"""Compare-and-swap saves: a file changed elsewhere is never replaced, a link stays a link."""

from __future__ import annotations

import os
import random
import stat
import threading
import time
from pathlib import Path

import pytest

from workbook.core.errors import UserError
from workbook.files import saving
from workbook.files.saving import (
    ABSENT,
    Changed,
    create_new,
    read_regular,
    replace_if_unchanged,
    version_of,
)

LIMIT = 1 << 20


def test_a_file_at_the_expected_version_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "session.yaml"
    path.write_bytes(b"venue: A\n")
    saved = replace_if_unchanged(path, version_of(b"venue: A\n"), b"venue: B\n", LIMIT)
    assert path.read_bytes() == b"venue: B\n"
    assert saved.version == version_of(b"venue: B\n")
    assert [p.name for p in tmp_path.iterdir()] == ["session.yaml"]  # no temporary left


def test_a_file_changed_since_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "session.yaml"
    path.write_bytes(b"venue: theirs\n")
    with pytest.raises(Changed) as caught:
        replace_if_unchanged(path, version_of(b"venue: A\n"), b"venue: mine\n", LIMIT)
    assert caught.value.current.data == b"venue: theirs\n"
    assert path.read_bytes() == b"venue: theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["session.yaml"]


def test_windows_line_endings_are_bytes_like_any_other(tmp_path: Path) -> None:
    path = tmp_path / "session.yaml"
    text = b"\xef\xbb\xbfvenue: A\r\ndate: 2027-03-04\r\n"
    path.write_bytes(text)
    replace_if_unchanged(path, version_of(text), b"venue: B\r\n", LIMIT)
    assert path.read_bytes() == b"venue: B\r\n"


def test_a_new_file_is_created_only_while_there_is_none(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    replace_if_unchanged(path, ABSENT, b"a: 1\n", LIMIT)
    assert path.read_bytes() == b"a: 1\n"
    with pytest.raises(Changed) as caught:
        replace_if_unchanged(path, ABSENT, b"a: 2\n", LIMIT)
    assert caught.value.current.data == b"a: 1\n"
    assert path.read_bytes() == b"a: 1\n"


def test_a_file_removed_since_is_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "session.yaml"
    with pytest.raises(Changed) as caught:
        replace_if_unchanged(path, version_of(b"a: 1\n"), b"a: 2\n", LIMIT)
    assert caught.value.current.data is None
    assert not path.exists()


def test_a_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real" / "session.yaml"
    real.parent.mkdir()
    real.write_bytes(b"a: 1\n")
    link = tmp_path / "session.yaml"
    link.symlink_to(real)
    replace_if_unchanged(link, version_of(b"a: 1\n"), b"a: 2\n", LIMIT)
    assert link.is_symlink()
    assert real.read_bytes() == b"a: 2\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["session.yaml"]


def test_the_files_permissions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "session.yaml"
    path.write_bytes(b"a: 1\n")
    path.chmod(0o600)
    replace_if_unchanged(path, version_of(b"a: 1\n"), b"a: 2\n", LIMIT)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o664)
    replace_if_unchanged(path, version_of(b"a: 2\n"), b"a: 3\n", LIMIT)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_a_new_file_gets_the_bits_the_umask_allows(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        replace_if_unchanged(tmp_path / "a.yaml", ABSENT, b"a: 1\n", LIMIT)
        assert create_new(tmp_path / "logo.png", b"png")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.yaml").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "logo.png").stat().st_mode) == 0o600


def test_create_new_never_replaces_anything(tmp_path: Path) -> None:
    (tmp_path / "taken.png").write_bytes(b"theirs")
    (tmp_path / "folder.png").mkdir()
    (tmp_path / "link.png").symlink_to(tmp_path / "nowhere")
    for name in ("taken.png", "folder.png", "link.png"):
        assert not create_new(tmp_path / name, b"mine"), name
    assert (tmp_path / "taken.png").read_bytes() == b"theirs"
    assert create_new(tmp_path / "free.png", b"mine")
    assert (tmp_path / "free.png").read_bytes() == b"mine"


def test_a_fifo_or_a_folder_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "session.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(UserError, match="not a regular file"):
        read_regular(fifo, LIMIT, "session file")
    with pytest.raises(UserError, match="not a regular file"):
        replace_if_unchanged(fifo, ABSENT, b"a: 1\n", LIMIT)
    assert time.monotonic() - started < 2
    with pytest.raises(UserError, match="is a folder"):
        read_regular(tmp_path, LIMIT)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (LIMIT + 1))
    with pytest.raises(UserError, match="larger than"):
        read_regular(big, LIMIT)


def _editor_race(path: Path, trials: int, in_place: bool) -> tuple[int, int]:
    """An editor saving 0-3 ms after our save starts, again and again: its text must be
    the file's at the end of every trial, whichever of the two came first."""
    saved = refused = 0
    rng = random.Random(24)
    for trial in range(trials):
        base = f"venue: base {trial}\n".encode() * 50
        theirs = f"venue: editor {trial}\n".encode() * 50
        path.write_bytes(base)
        delay = rng.uniform(0, 0.003)

        def editor(delay: float = delay, theirs: bytes = theirs) -> None:
            time.sleep(delay)
            if in_place:
                path.write_bytes(theirs)  # truncate and write, as many editors do
            else:
                temp = path.with_name(".editor-tmp")
                temp.write_bytes(theirs)
                os.replace(temp, path)

        thread = threading.Thread(target=editor)
        thread.start()
        try:
            replace_if_unchanged(path, version_of(base), b"venue: mine\n" * 50, LIMIT)
            saved += 1
        except Changed:
            refused += 1
        thread.join()
        assert path.read_bytes() == theirs, f"trial {trial}: the editor's save was undone"
    return saved, refused


@pytest.mark.parametrize("in_place", [False, True], ids=["rename", "in-place"])
def test_an_editors_save_racing_ours_is_never_undone(tmp_path: Path, in_place: bool) -> None:
    saved, refused = _editor_race(tmp_path / "session.yaml", 150, in_place)
    assert saved + refused == 150


def test_without_an_atomic_exchange_a_changed_file_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(saving, "_exchange", lambda first, second: False)
    path = tmp_path / "session.yaml"
    path.write_bytes(b"a: 1\n")
    replace_if_unchanged(path, version_of(b"a: 1\n"), b"a: 2\n", LIMIT)
    assert path.read_bytes() == b"a: 2\n"
    with pytest.raises(Changed):
        replace_if_unchanged(path, version_of(b"a: 1\n"), b"a: 3\n", LIMIT)
    assert path.read_bytes() == b"a: 2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.yaml"]


def test_the_swap_puts_back_a_file_written_in_the_moment_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor's write lands after our check and before our swap: the swap finds it."""
    path = tmp_path / "session.yaml"
    path.write_bytes(b"a: 1\n")
    real = saving._exchange
    calls = []

    def late_editor(first: str | Path, second: str | Path) -> bool:
        if not calls:
            path.write_bytes(b"a: editor\n")
        calls.append(1)
        return real(first, second)

    monkeypatch.setattr(saving, "_exchange", late_editor)
    with pytest.raises(Changed) as caught:
        replace_if_unchanged(path, version_of(b"a: 1\n"), b"a: mine\n", LIMIT)
    assert caught.value.current.data == b"a: editor\n"
    assert path.read_bytes() == b"a: editor\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.yaml"]
