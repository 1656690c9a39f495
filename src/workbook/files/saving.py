"""Saving a file that is edited elsewhere too: compare-and-swap on its bytes.

The web page saves the session file a facilitator may also have open in an editor or in a
second tab. A save names the version (a hash of the bytes) it was made from, and the file
is replaced only if it still holds exactly those bytes; the check is made again on the
file that the new one displaces, in the same step as the replacement, so an editor's save
that lands while ours is written is never silently undone:

- On Linux, the new file and the old one are swapped in one atomic step
  (``renameat2(RENAME_EXCHANGE)``) and the file taken out is read: if it is not the
  expected version, the two are swapped back, so the other program's file stands.
- Elsewhere (or on a file system without the exchange), the old file is held by a hard
  link, checked, and replaced; a write into it in that moment is put back afterwards.

A symlink is written through to its target (the link stays a link), and the file keeps its
permission bits; a new file gets the bits the umask allows, as an editor's would. Reads
never block on a FIFO or a device, and never take more than a limit.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import stat
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from workbook.core.errors import Problem, UserError

ABSENT = ""  # the version of a file that is not there
_TEMP_PREFIX, _TEMP_SUFFIX = ".wb-", ".part"  # as files.outputs names its temporaries
_LOCK = threading.Lock()  # one save at a time in this process: the check and the swap
_UMASK_LOCK = threading.Lock()


def version_of(data: bytes | None) -> str:
    """The version a page carries: a hash of the file's bytes ("" for no file)."""
    return ABSENT if data is None else hashlib.sha256(data).hexdigest()[:32]


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes as read at one moment, with their version."""

    path: Path
    data: bytes | None  # None: there is no file

    @property
    def version(self) -> str:
        return version_of(self.data)


class Changed(Exception):
    """The file is not at the version the save was made from; ``current`` is what is there."""

    def __init__(self, current: Snapshot) -> None:
        super().__init__(f"{current.path} changed on disk")
        self.current = current


def read_regular(path: Path, limit: int, what: str = "file") -> bytes | None:
    """The bytes of the regular file at ``path`` (through links), None if there is none.

    Opened without blocking and checked on the open file, so a FIFO or a device put in its
    place is refused at once instead of stalling the caller; more than ``limit`` bytes is
    refused too.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _unreadable(path, what, exc) from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise UserError(
                Problem(
                    f"is a folder, not a {what}", file=path, key="folder", values=(("what", what),)
                )
            )
        if not stat.S_ISREG(info.st_mode):
            raise UserError(
                Problem(
                    f"is not a regular file (a device, pipe or socket); a {what} must be one",
                    file=path,
                    key="not_regular",
                    values=(("what", what),),
                )
            )
        if info.st_size > limit:
            raise UserError(_too_large(path, what, limit))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while being read
            raise UserError(_too_large(path, what, limit))
        return b"".join(chunks)
    except OSError as exc:
        raise _unreadable(path, what, exc) from None
    finally:
        os.close(handle)


def snapshot(path: Path, limit: int, what: str = "file") -> Snapshot:
    return Snapshot(path, read_regular(path, limit, what))


def replace_if_unchanged(path: Path, expected: str, data: bytes, limit: int) -> Snapshot:
    """Write ``data`` to ``path`` if the file there is still at version ``expected``.

    ``expected`` is ``ABSENT`` for a file that must not exist yet. Raises ``Changed`` with
    the file as it is when it is not at that version (then nothing is written), and a
    ``UserError`` when the file cannot be written.
    """
    target = through_links(path)
    with _LOCK:
        current = read_regular(target, limit)
        if version_of(current) != expected:
            raise Changed(Snapshot(path, current))
        mode = _mode_of(target) if current is not None else new_file_mode()
        temp = _temporary(target, data, mode)
        try:
            if current is None:
                _create(temp, target, path, limit)
            else:
                _swap(temp, target, path, expected, data, limit)
        except OSError as exc:
            raise _unwritable(path, exc) from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        _sync_folder(target.parent)
    return Snapshot(path, data)


def create_new(path: Path, data: bytes) -> bool:
    """Write ``data`` as a new file at ``path``, whole; False (nothing written) if any file,
    folder or link is already there."""
    if os.path.lexists(path):
        return False
    temp = _temporary(path, data, new_file_mode())
    try:
        os.link(temp, path)  # fails if something appeared meanwhile: never replaces it
    except FileExistsError:
        return False
    except OSError as exc:
        raise _unwritable(path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    _sync_folder(path.parent)
    return True


def remove_if_same(path: Path, data: bytes) -> None:
    """Remove the file this run created at ``path``, if it still holds ``data``."""
    with contextlib.suppress(OSError, UserError):
        if not path.is_symlink() and read_regular(path, len(data)) == data:
            os.unlink(path)


def through_links(path: Path) -> Path:
    """The file a symlink (or a chain of them) points at; ``path`` itself otherwise."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def new_file_mode() -> int:
    """The permission bits a newly created file gets here: 0o666 less the umask."""
    return 0o666 & ~_umask()


def _umask() -> int:
    try:  # read without changing it (Linux 4.7+): os.umask() would race with other threads
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _mode_of(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return new_file_mode()


def _temporary(target: Path, data: bytes, mode: int) -> str:
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise _unwritable(target, exc) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())  # a full disk shows here, not after the swap
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _unwritable(target, exc) from None
        raise
    return temp


def _create(temp: str, target: Path, named: Path, limit: int) -> None:
    try:
        os.link(temp, target)
    except FileExistsError:  # created by someone else since the check: theirs stands
        raise Changed(Snapshot(named, read_regular(target, limit))) from None


def _swap(temp: str, target: Path, named: Path, expected: str, data: bytes, limit: int) -> None:
    if _exchange(temp, target):
        displaced = _read_back(Path(temp), limit)
        if version_of(displaced) == expected:
            return
        # Another program wrote the file in the moment before the swap: put its file back.
        _exchange(temp, target)
        if _read_back(Path(temp), limit) != data:  # and once more, a write in that moment
            _exchange(temp, target)
        raise Changed(Snapshot(named, read_regular(target, limit)))
    _replace_held(temp, target, named, expected, limit)


def _replace_held(temp: str, target: Path, named: Path, expected: str, limit: int) -> None:
    """Without an atomic exchange: hold the old file by a hard link, check it, replace it,
    and check the held file again (a program writing into it in that moment wins)."""
    handle, held = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=target.parent)
    os.close(handle)
    os.unlink(held)
    try:
        os.link(target, held)
    except OSError:
        held = ""  # no hard links here: check the file itself, just before the rename
    try:
        before = read_regular(Path(held) if held else target, limit)
        if version_of(before) != expected:
            raise Changed(Snapshot(named, read_regular(target, limit)))
        os.replace(temp, target)
        if held and version_of(read_regular(Path(held), limit)) != expected:
            os.replace(held, target)
            held = ""
            raise Changed(Snapshot(named, read_regular(target, limit)))
    finally:
        if held:
            with contextlib.suppress(OSError):
                os.unlink(held)


def _read_back(path: Path, limit: int) -> bytes | None:
    try:
        return read_regular(path, limit)
    except UserError:  # not a regular file, or grown past the limit: not the expected one
        return None


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_renameat2: object = None  # looked up once: the C function, or False where there is none


def _exchange(first: str | Path, second: str | Path) -> bool:
    """Swap two paths atomically; False where the system or file system cannot."""
    global _renameat2
    if _renameat2 is None:
        try:
            function = ctypes.CDLL(None, use_errno=True).renameat2
            function.argtypes = (
                ctypes.c_int,
                ctypes.c_char_p,
                ctypes.c_int,
                ctypes.c_char_p,
                ctypes.c_uint,
            )
            function.restype = ctypes.c_int
            _renameat2 = function
        except (AttributeError, OSError):
            _renameat2 = False
    if not _renameat2:
        return False
    result = _renameat2(  # type: ignore[operator]
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(folder if str(folder) else ".", os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _too_large(path: Path, what: str, limit: int) -> Problem:
    return Problem(
        f"the {what} is larger than {limit // 1024} KiB; it is not read",
        file=path,
        hint="Is this the right file? Session files are small text files.",
        key="larger_than",
        values=(("what", what), ("limit", limit // 1024)),
        hint_key="too_big",
    )


def _unreadable(path: Path, what: str, exc: OSError) -> UserError:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return UserError(
            Problem(
                f"the {what} cannot be read (permission denied)",
                file=path,
                key="permission",
                values=(("what", what),),
            )
        )
    reason = exc.strerror or str(exc)  # the system's own words
    return UserError(
        Problem(
            f"the {what} cannot be read ({reason})",
            file=path,
            key="unreadable",
            values=(("what", what), ("reason", reason)),
        )
    )


# Why a save failed, by errno: ``messages.write_<key>`` in ui.yaml, and its English.
_REASONS = {
    errno.ENOSPC: ("disk_full", "the disk is full"),
    errno.EDQUOT: ("quota", "the disk quota is used up"),
    errno.EROFS: ("read_only", "the file system is read-only"),
    errno.EACCES: ("permission", "permission denied"),
    errno.EPERM: ("permission", "permission denied"),
    errno.ENAMETOOLONG: ("name_too_long", "the file name is too long"),
}


def _unwritable(path: Path, exc: OSError) -> UserError:
    system = exc.strerror or str(exc)
    key, reason = _REASONS.get(exc.errno or 0, ("failed", system))
    values = (("reason", system),) if key == "failed" else ()
    return UserError(
        Problem(f"cannot be written: {reason}", file=path, key=f"write_{key}", values=values)
    )
