"""The temporary files a write goes through, and the sweeping of those a dead run left.

A run that writes into a folder first takes a lock file there, ``.wb-<token>.part``, and
holds an exclusive ``flock`` on it until it is done; its temporaries (the new files, and
hard links keeping the old ones until every new one is in place) are ``.wb-<token>-N.part``.
The kernel drops the lock when the process ends, however it ends (SIGKILL included), so a
later run tells a dead run's files from a live one's exactly: a token whose lock is free
(or gone) and whose files are a few seconds old is a leftover, and is removed. Files of
another user, links and anything not a regular file are never touched, whatever their name.

Every file is created with mode 0o666 and the user's umask applied by the kernel (what
any other program would create); a file replaced keeps its mode and, where the system
allows, its owner.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; leftovers are then recognised by age alone
    fcntl = None  # type: ignore[assignment]

PREFIX, SUFFIX = ".wb-", ".part"
TEMPORARY = re.compile(r"^\.wb-([^./-]+)(?:-[^./]+)?\.part$")
# A leftover is at least this old: a live run's files are locked from the moment they
# exist but for the instant between creating its lock file and taking the lock.
STALE_AFTER_S = 2.0
# Without flock, a temporary is a leftover once older than any write takes.
STALE_WITHOUT_LOCKS_S = 3600.0
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows, where links are rare


def _uid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else -1


def is_temporary(name: str) -> bool:
    """Whether a file name is one of our temporary files (for --watch to ignore)."""
    return bool(TEMPORARY.match(name))


class Stash:
    """One run's temporaries in one folder, under its lock; ``close`` removes what is left."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.token = secrets.token_hex(6)
        self._count = 0
        self._lock_fd: int | None = None
        self.lock = folder / f"{PREFIX}{self.token}{SUFFIX}"
        fd = os.open(self.lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        self._lock_fd = fd
        if fcntl is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def name(self) -> Path:
        self._count += 1
        return self.folder / f"{PREFIX}{self.token}-{self._count}{SUFFIX}"

    def create(self, data: bytes, like: os.stat_result | None) -> Path:
        """A new temporary holding ``data``, synced; with the mode (and owner) of ``like``,
        the file it will replace, else with the umask's mode."""
        path = self.name()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                if like is not None:
                    _same_owner_and_mode(out.fileno(), like)
                os.fsync(out.fileno())  # a full disk shows here, not after the rename
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise
        return path

    def backup(self, target: Path) -> Path | None:
        """The file about to be replaced, kept aside so a failed run can put it back: a hard
        link to it, or, where the file system has none, the file itself moved aside (for
        the instant until the new one is renamed into its place). None if neither works."""
        path = self.name()
        try:
            os.link(target, path, follow_symlinks=False)
        except OSError:
            try:
                os.replace(target, path)
            except OSError:
                return None
        return path

    def close(self) -> None:
        """Remove every temporary of this run still there, then the lock."""
        for number in range(1, self._count + 1):
            with contextlib.suppress(OSError):
                os.unlink(self.folder / f"{PREFIX}{self.token}-{number}{SUFFIX}")
        with contextlib.suppress(OSError):
            os.unlink(self.lock)
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock_fd)
            self._lock_fd = None


def _same_owner_and_mode(fd: int, like: os.stat_result) -> None:
    gid = os.getegid() if hasattr(os, "getegid") else -1
    if (like.st_uid, like.st_gid) != (_uid(), gid):
        with contextlib.suppress(OSError, AttributeError):
            os.fchown(fd, like.st_uid, like.st_gid)  # root replacing a user's file
    with contextlib.suppress(AttributeError):  # no fchmod on Windows before Python 3.13
        os.fchmod(fd, stat.S_IMODE(like.st_mode))


def sweep(folder: Path, keep: str | None = None) -> list[Path]:
    """Remove the temporaries dead runs left in ``folder`` (all but token ``keep``'s)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    tokens: dict[str, list[str]] = {}
    for name in names:
        match = TEMPORARY.match(name)
        if match and match.group(1) != keep:
            tokens.setdefault(match.group(1), []).append(name)
    removed = []
    now = time.time()
    for token, group in tokens.items():
        lock = f"{PREFIX}{token}{SUFFIX}"
        # The lock (or, without one, every file) must be a regular file of this user's; a
        # backup may belong to whoever owned the file it keeps.
        owners = {lock} if lock in group else set(group)
        infos = {name: _regular(folder / name, name in owners) for name in group}
        if any(info is None for info in infos.values()):
            continue  # not a file of ours: not touched
        newest = max(info.st_ctime for info in infos.values() if info is not None)
        if fcntl is None:
            if now - newest < STALE_WITHOUT_LOCKS_S:
                continue
        elif now - newest < STALE_AFTER_S or (lock in infos and _held(folder / lock)):
            continue
        for name in sorted(group, key=lambda n: n == lock):  # the lock last
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
                removed.append(folder / name)
    return removed


def _regular(path: Path, own: bool) -> os.stat_result | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or (own and info.st_uid != _uid()):
        return None
    return info


def _held(lock: Path) -> bool:
    """Whether a live run holds this lock (a file we cannot open counts as held)."""
    try:
        fd = os.open(lock, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also releases the probe's own lock
    return False


@contextlib.contextmanager
def stashes() -> Iterator[dict[Path, Stash]]:
    """Stashes by folder, opened on first use (after sweeping that folder), all closed on exit."""
    opened: dict[Path, Stash] = {}
    try:
        yield opened
    finally:
        for stash in opened.values():
            stash.close()


def stash_for(opened: dict[Path, Stash], folder: Path) -> Stash:
    if folder not in opened:
        sweep(folder)
        opened[folder] = Stash(folder)
    return opened[folder]
