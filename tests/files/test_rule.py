"""The one rule for every writer (``files.outputs``), where the run succeeds: links written
through, modes and the umask, the record of the files the tool wrote, stale temporaries
swept, and a signal while files are renamed. The refusals are in ``test_hostile.py``."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook.core.errors import UserError
from workbook.files import outputs, temporaries
from workbook.files.outputs import safe_name, write_files
from workbook.files.record import NAME as RECORD
from workbook.files.workers import Interrupted, signals_as_interrupts


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    previous = os.umask(0o022)
    os.umask(previous)
    yield lambda mask: os.umask(mask) and None
    os.umask(previous)


def test_an_output_through_a_link_is_written_to_its_target_and_the_link_stays(
    cli: Any, write_session: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "kept" / "agenda.pdf"
    target.parent.mkdir()
    target.write_bytes(b"an older agenda")
    target.chmod(0o640)
    link = tmp_path / "agenda.pdf"
    link.symlink_to(target)
    result = cli("agenda", write_session(language="en"), "-o", link)
    assert result.exit_code == 0, result.output
    assert f"Replaced {link}" in result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the replaced file's mode kept
    assert not list(tmp_path.rglob(".wb-*"))


def test_new_files_honour_the_umask_and_replaced_ones_keep_their_mode(
    cli: Any, write_session: Callable[..., Path], tmp_path: Path, umask: Callable[[int], None]
) -> None:
    umask(0o077)  # letters hold partners' names and e-mail addresses
    session = write_session(language="en")
    letters = tmp_path / "letters"
    assert (
        cli("invitations", session, "-o", letters, "--combined", tmp_path / "all.pdf").exit_code
        == 0
    )
    written = [*letters.iterdir(), tmp_path / "all.pdf"]  # the record too
    assert {stat.S_IMODE(path.stat().st_mode) for path in written} == {0o600}
    (letters / "sofie-jensen.pdf").chmod(0o644)
    umask(0o022)
    result = cli("invitations", session, "-o", letters)
    assert result.exit_code == 0, result.output
    assert "replacing 2 from an earlier run" in result.output
    assert stat.S_IMODE((letters / "sofie-jensen.pdf").stat().st_mode) == 0o644
    assert stat.S_IMODE((letters / "mads-kristensen.pdf").stat().st_mode) == 0o600


def test_the_tool_replaces_its_own_files_but_not_one_the_user_changed_or_another_sessions(
    cli: Any, write_session: Callable[..., Path], tmp_path: Path
) -> None:
    session = write_session(language="en")
    letters = tmp_path / "L"
    assert cli("invitations", session, "-o", letters).exit_code == 0
    record = (letters / RECORD).read_text("utf-8")
    assert "mads-kristensen.pdf" in record and str(tmp_path) not in record  # no paths in it
    again = cli("invitations", session, "-o", letters)
    assert again.exit_code == 0 and "replacing 2 from an earlier run" in again.output
    # a letter the user filled in and saved is theirs now
    filled = letters / "mads-kristensen.pdf"
    filled.write_bytes(filled.read_bytes() + b"% filled in\n")
    refused = cli("invitations", session, "-o", letters)
    assert refused.exit_code == 1
    assert "mads-kristensen.pdf: is already there and is not a file workbook wrote" in (
        refused.output
    )
    assert filled.read_bytes().endswith(b"% filled in\n")
    # another session file's letters of the same names are not this session's
    other = write_session("other.yaml", language="en")
    taken = cli("invitations", other, "-o", letters)
    assert taken.exit_code == 1 and "sofie-jensen.pdf" in taken.output
    forced = cli("invitations", other, "-o", letters, "--force")
    assert forced.exit_code == 0, forced.output
    assert not filled.read_bytes().endswith(b"% filled in\n")


def test_pack_previews_replace_their_own_pages_and_force_replaces_others(
    cli: Any, write_session: Callable[..., Path], tmp_path: Path
) -> None:
    session = write_session(agenda=["opening", "closing"])
    folder = tmp_path / "png"
    folder.mkdir()
    (folder / "page-02.png").write_bytes(b"someone's picture")
    args = ("pack", session, "-o", tmp_path / "p.pdf", "--png", folder, "--png-dpi", "10")
    refused = cli(*args)
    assert refused.exit_code == 1 and "page-02.png: findes allerede" in refused.output
    assert not (tmp_path / "p.pdf").exists()  # nothing written: the pack waits for its pages
    assert cli(*args, "--force").exit_code == 0
    again = cli(*args)
    assert again.exit_code == 0, again.output
    assert (folder / "page-02.png").read_bytes().startswith(b"\x89PNG")


def test_stale_temporaries_of_a_dead_run_are_swept_and_a_live_runs_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    holder = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from workbook.files.temporaries import Stash
        stash = Stash(Path({str(folder)!r}))
        stash.create(b"half a pack", None)
        print(stash.token, flush=True)
        time.sleep(60)
        """
    )
    live = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    dead = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert live.stdout is not None and dead.stdout is not None
        live_token, dead_token = live.stdout.readline().strip(), dead.stdout.readline().strip()
        dead.kill()  # as SIGKILL leaves them: its lock file and a temporary
        dead.wait()
        (folder / ".wb-k3j_x9a2.part").write_bytes(b"")  # as an earlier version left them
        names = {p.name for p in folder.iterdir()}
        assert {f".wb-{dead_token}.part", f".wb-{dead_token}-1.part"} <= names
        monkeypatch.setattr(temporaries, "STALE_AFTER_S", 0.0)
        write_files({folder / "agenda.pdf": b"%PDF-1.4 a stand-in"})
        left = {p.name for p in folder.iterdir()}
        assert left == {"agenda.pdf", f".wb-{live_token}.part", f".wb-{live_token}-1.part"}
    finally:
        live.kill()
        live.wait()
    (folder / "agenda.pdf").unlink()  # a stand-in, not a PDF: spare the qpdf check


def test_a_file_of_another_kind_named_like_a_temporary_is_never_swept(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / ".wb-fifo.part")
    (tmp_path / ".wb-link.part").symlink_to(tmp_path / "elsewhere")
    assert temporaries.sweep(tmp_path) == []
    assert {p.name for p in tmp_path.iterdir()} == {".wb-fifo.part", ".wb-link.part"}


def test_a_signal_while_files_are_written_puts_every_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.bin", tmp_path / "b.bin"
    first.write_bytes(b"old a")
    real = temporaries.Stash.create
    made: list[int] = []

    def signalled(self: temporaries.Stash, data: bytes, like: Any) -> Path:
        made.append(1)
        if len(made) == 2:  # SIGTERM lands while the second file is being written
            os.kill(os.getpid(), signal.SIGTERM)
        return real(self, data, like)

    monkeypatch.setattr(temporaries.Stash, "create", signalled)
    with pytest.raises(Interrupted), signals_as_interrupts():
        write_files({first: b"new a", second: b"new b"})
    assert first.read_bytes() == b"old a" and not second.exists()
    assert {p.name for p in tmp_path.iterdir()} == {"a.bin"}


def test_a_signal_after_the_last_rename_still_puts_every_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.bin"
    target.write_bytes(b"old")
    real_replace = os.replace

    def replace_then_signal(source: Any, destination: Any) -> None:
        real_replace(source, destination)
        if Path(destination) == target:
            os.kill(os.getpid(), signal.SIGHUP)

    monkeypatch.setattr(outputs.os, "replace", replace_then_signal)
    with pytest.raises(Interrupted), signals_as_interrupts():
        write_files({target: b"new"})
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert {p.name for p in tmp_path.iterdir()} == {"a.bin"}


@pytest.mark.parametrize("name", ["Con", "NUL", "aux", "Com1", "lpt9", "PRN"])
def test_letter_names_avoid_the_names_windows_reserves(name: str) -> None:
    assert safe_name(name, "partner") == f"{name.lower()}-partner"


@given(st.text(max_size=30))
def test_no_made_up_name_is_one_windows_reserves(text: str) -> None:
    name = safe_name(text, "partner")
    assert name.split(".")[0] not in {"con", "prn", "aux", "nul"}
    assert not (name[:3] in ("com", "lpt") and name[3:].isdigit() and len(name) == 4)


def test_a_letter_for_a_partner_named_con_is_con_partner_pdf(
    cli: Any, write_session: Callable[..., Path], tmp_path: Path
) -> None:
    partners = [{"name": "Con", "organisation": "A"}, {"name": "Nul", "organisation": "B"}]
    result = cli("invitations", write_session(partners=partners), "-o", tmp_path / "L")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "L").glob("*.pdf")) == [
        "con-partner.pdf",
        "nul-partner.pdf",
    ]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_signal_whose_interruption_python_swallowed_still_stops_the_run(
    tmp_path: Path,
) -> None:
    """A handler may run inside a finaliser (or a fork hook), where Python only prints the
    exception it raises: the run must still stop, before it writes anything."""
    target = tmp_path / "a.bin"

    class Finaliser:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            sum(range(10))  # Python runs the handler here, inside __del__

    with pytest.raises(KeyboardInterrupt), signals_as_interrupts():
        Finaliser()  # collected at once
        write_files({target: b"new"})
    assert not target.exists()
    assert not list(tmp_path.iterdir())


def test_without_hard_links_a_failed_write_still_puts_every_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without hard links (FAT, some network shares) the old file is moved
    aside instead of linked: a failure after the first rename must still restore both."""
    first, second = tmp_path / "a.bin", tmp_path / "b.bin"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")

    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(1, "Operation not permitted")

    real_replace = os.replace

    def replace(source: Any, destination: Any) -> None:
        moving_new_b = Path(destination) == second and Path(source).read_bytes() == b"new b"
        if moving_new_b:  # the new b into place; the old one put back goes through
            raise OSError(28, "No space left on device")
        real_replace(source, destination)

    monkeypatch.setattr(temporaries.os, "link", no_links)
    monkeypatch.setattr(outputs.os, "replace", replace)
    monkeypatch.setattr(temporaries.os, "replace", replace)
    with pytest.raises(UserError, match="the disk is full"):
        write_files({first: b"new a", second: b"new b"})
    monkeypatch.undo()
    assert first.read_bytes() == b"old a" and second.read_bytes() == b"old b"
    assert {p.name for p in tmp_path.iterdir()} == {"a.bin", "b.bin"}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_root_replacing_a_users_file_leaves_it_theirs(
    cli: Any, write_session: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "agenda.pdf"
    target.write_bytes(b"an older agenda")
    os.chown(target, 65534, 65534)
    target.chmod(0o600)
    assert cli("agenda", write_session(), "-o", target).exit_code == 0
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o600)
