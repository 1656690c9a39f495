"""Why a file could not be written, said as a problem the run's language can tell.

Each problem carries a key (``messages.write_<why>`` and its hint in ui.yaml) and the
English said where no language is known; what a file is (a folder, a device) is named by
``kind_of`` so that it can be said in words too (``messages.kind_<name>``).
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from workbook.core.errors import Problem, UserError

# Why a write failed, by errno: the message's key (``messages.write_<key>`` and its hint in
# ui.yaml, said in the run's language) and the English said where no language is known.
_WHY = {
    errno.ENOSPC: (
        "disk_full",
        "the disk is full",
        "Free some space, or write to another disk with -o.",
    ),
    errno.EDQUOT: (
        "quota",
        "the disk quota is used up",
        "Free some space, or write elsewhere with -o.",
    ),
    errno.EROFS: (
        "read_only",
        "the file system is read-only",
        "Choose a writable folder with -o.",
    ),
    errno.EACCES: (
        "permission",
        "permission denied",
        "Choose a folder you may write to, with -o.",
    ),
    errno.EPERM: (
        "permission",
        "permission denied",
        "Choose a folder you may write to, with -o.",
    ),
    errno.ENAMETOOLONG: (
        "name_too_long",
        "the file name is too long",
        "Choose a shorter name with -o.",
    ),
    errno.ELOOP: (
        "loop",
        "it is a link that leads back to itself",
        "Give the path of the file itself.",
    ),
}


def describe(mode: int) -> str:
    """What a file that is not a regular one is, in a user's (English) words."""
    return _KINDS[kind_of(mode)]


def kind_of(mode: int) -> str:
    """What a file is, as a name: ``messages.kind_<name>`` in ui.yaml says it in words."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISREG(mode):
        return "file"
    return "other"


_KINDS = {
    "folder": "a folder",
    "device": "a device",
    "fifo": "a named pipe (FIFO)",
    "socket": "a socket",
    "file": "a file",
    "other": "not a regular file",
}


def write_error(path: Path, exc: OSError) -> UserError:
    reason = exc.strerror or str(exc)  # the system's own words, where we have none
    unknown = ("failed", reason, "Check the path and try again.")
    key, why, hint = _WHY.get(exc.errno or 0, unknown)
    values = (("reason", reason),) if key == "failed" else ()
    return UserError(
        Problem(
            f"cannot be written: {why}", file=path, hint=hint, key=f"write_{key}", values=values
        )
    )
