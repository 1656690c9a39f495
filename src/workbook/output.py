"""Writing output files whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from workbook.errors import Problem, UserError


def check_target(path: Path) -> None:
    """Refuse an output path we could not write, before any work is done."""
    if path.is_dir():
        raise UserError(Problem("is a folder; give a file name ending in .pdf", file=path))
    folder = path.parent if str(path.parent) else Path(".")
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


def write_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write to a temporary file beside ``path`` and rename it into place when complete."""
    check_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


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
