"""Every file the tool writes goes through here: checked first, then written whole or not at all.

A facilitator's session file is the work of an evening, so an output is never allowed to
be an input, a device, a FIFO or a folder, and two outputs of one run never share a file.
Documents are rendered into memory first; only then are they written, each to a temporary
file with a short name beside its target, and renamed into place once all are complete.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

from workbook.core.errors import Problem, UserError

# Temporary files are named ".wb-XXXXXXXX.part" whatever the target is called, so a target
# whose name is near the file system's limit can still be written.
_TEMP_PREFIX, _TEMP_SUFFIX = ".wb-", ".part"

_TEMPORARY = re.compile(r"^\.wb-[^./]+\.part$")


def is_temporary(name: str) -> bool:
    """Whether a file name is one of our temporary files (for --watch to ignore)."""
    return bool(_TEMPORARY.match(name))


_WHY = {
    errno.ENOSPC: ("the disk is full", "Free some space, or write to another disk with -o."),
    errno.EDQUOT: ("the disk quota is used up", "Free some space, or write elsewhere with -o."),
    errno.EROFS: ("the file system is read-only", "Choose a writable folder with -o."),
    errno.EACCES: ("permission denied", "Choose a folder you may write to, with -o."),
    errno.EPERM: ("permission denied", "Choose a folder you may write to, with -o."),
    errno.ENAMETOOLONG: ("the file name is too long", "Choose a shorter name with -o."),
}


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def check_target(path: Path) -> None:
    """Refuse an output path we could not or must not write, before any work is done."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENAMETOOLONG):  # a long name is told below
            raise write_error(path, exc) from None
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UserError(Problem("is a folder; give a file name ending in .pdf", file=path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UserError(
            Problem(
                f"is {_kind(info.st_mode)}, not a regular file; it is not touched",
                file=path,
                hint="Give -o the name of a PDF file to write.",
            )
        )
    folder = _folder(path)
    if not folder.is_dir():
        raise UserError(
            Problem(
                "the folder for the output does not exist",
                file=folder,
                hint="Create it first, or choose another path with -o.",
            )
        )
    if not os.access(folder, os.W_OK):
        raise UserError(Problem("the output folder cannot be written to", file=folder))
    limit = _name_max(folder)
    if len(path.name.encode("utf-8", "surrogateescape")) > limit:
        raise UserError(
            Problem(
                f"the file name is {len(path.name)} characters; this disk allows at most {limit}",
                file=path,
                hint="Choose a shorter name with -o.",
            )
        )


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _identity(path: Path) -> tuple[str, object]:
    """What makes two paths the same file: the inode when it exists, else the resolved path."""
    try:
        info = os.stat(path)
        return ("inode", (info.st_dev, info.st_ino))
    except OSError:
        return ("path", os.path.realpath(path))


def check_outputs(outputs: Sequence[Path], inputs: Iterable[Path]) -> None:
    """Refuse, before anything renders, an output that is an input or another output.

    Paths are compared as files (symlinks, ``..`` and hard links resolved), not as text.
    """
    problems: list[Problem] = []
    read = {_identity(p): p for p in inputs}
    read.update({("path", os.path.realpath(p)): p for p in inputs})
    seen: dict[object, Path] = {}
    for path in outputs:
        keys = {_identity(path), ("path", os.path.realpath(path))}
        source = next((read[k] for k in keys if k in read), None)
        if source is not None:
            problems.append(
                Problem(
                    f"{_naming(path, source)}; writing there would destroy it",
                    file=path,
                    hint="Choose another name for the output, e.g. -o pack.pdf.",
                )
            )
            continue
        other = next((seen[k] for k in keys if k in seen), None)
        if other is not None:
            problems.append(
                Problem(
                    f"would be written twice in this run (also as {other})",
                    file=path,
                    hint="Give each output its own name.",
                )
            )
            continue
        for key in keys:
            seen[key] = path
    if problems:
        raise UserError(problems)


def write_error(path: Path, exc: OSError) -> UserError:
    unknown = (exc.strerror or str(exc), "Check the path and try again.")
    why, hint = _WHY.get(exc.errno or 0, unknown)
    return UserError(Problem(f"cannot be written: {why}", file=path, hint=hint))


def write_files(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: all go to temporary files first, then are renamed.

    If anything fails (a full disk, an interruption), the temporary files are removed and
    every file replaced so far is put back, so the folders are exactly as they were.
    """
    temporary: dict[Path, str] = {}
    backups: dict[Path, str] = {}
    renamed: list[Path] = []
    current = next(iter(files), Path("."))  # the file being written, to name in a message
    try:
        for path, data in files.items():
            current = path
            check_target(path)
            temporary[path] = _write_temporary(path, data)
        for path, temp in temporary.items():
            current = path
            backup = _backup(path) if path.exists() else None
            if backup is not None:  # the old file, kept until every new one is in place
                backups[path] = backup
            os.replace(temp, path)
            renamed.append(path)
    except BaseException as exc:
        for path in renamed:
            with contextlib.suppress(OSError):
                if path in backups:
                    os.replace(backups.pop(path), path)
                else:
                    os.unlink(path)
        for temp in (*temporary.values(), *backups.values()):
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if isinstance(exc, OSError):
            raise write_error(current, exc) from None
        raise
    for backup in backups.values():
        with contextlib.suppress(OSError):
            os.unlink(backup)


def _write_temporary(path: Path, data: bytes) -> str:
    handle, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=_folder(path))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())  # a full disk shows here, not after the rename
        os.chmod(temp, 0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def _backup(path: Path) -> str | None:
    """A hard link to the file about to be replaced, so a failed run can restore it.

    None where the file system has no hard links: the file is then replaced without one.
    """
    handle, backup = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=_folder(path))
    os.close(handle)
    os.unlink(backup)
    try:
        os.link(path, backup)
    except OSError:
        return None
    return backup


def write_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Render with ``write`` into memory, then write ``path`` whole or not at all."""
    check_target(path)
    buffer = io.BytesIO()
    write(buffer)
    write_files({path: buffer.getvalue()})


def safe_name(text: str, fallback: str = "pack", limit: int = 60) -> str:
    """ASCII, lower case, no spaces or path characters: safe as a file name anywhere.

    python-slugify transliterates every script the bundled font prints (Latin, Greek,
    Cyrillic), so a partner named in Greek gets a readable name, not the fallback.
    """
    from slugify import slugify  # 12 ms of imports, needed only when a name is made up

    return slugify(text, max_length=limit) or fallback


def unique_names(stems: list[str]) -> Iterator[str]:
    """Each stem, numbered from its second use on, never colliding with another stem."""
    taken = set(stems)
    seen: dict[str, int] = {}
    for stem in stems:
        count = seen.get(stem, 0) + 1
        name = stem
        if count > 1:
            while f"{stem}-{count}" in taken:
                count += 1
            name = f"{stem}-{count}"
            taken.add(name)
        seen[stem] = count
        yield name


def _naming(output: Path, source: Path) -> str:
    """How an output that is an input is told: the input itself, or the same file under
    another name (a link, ``..``)."""
    if os.path.abspath(output) == os.path.abspath(source):
        return "is a file this run reads"
    return f"is the same file as {source}, which this run reads"
