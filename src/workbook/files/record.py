"""What the tool wrote in a folder, so that it knows its own files from the user's.

Where the tool makes up a file name (a pack named from date and title, a partner's letter,
a page preview, the boards and print-job files beside a pack, later calendar and mail
files), a file already there is replaced only if the tool wrote it, for the same session,
and nobody changed it since. That is looked up in ``.workbook-written``, a small JSON file
the tool keeps in every folder where it made up a name: each file's name with a SHA-256 of
the bytes written and a digest of the path of the session file it was made from.

Why a record rather than looking inside the file (a PDF's producer): it works the same for
every kind of file the tool writes, PNGs and text included; it needs no parsing of files
that may be anything; and it tells a letter the user filled in and saved (other bytes)
from the one the tool wrote. Its cost is one hidden file in such folders. A file the tool
wrote before it kept records is not recognised: the message says to add ``--force``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

NAME = ".workbook-written"
_ABOUT = (
    "The files workbook wrote in this folder, so that it replaces only its own. "
    "Safe to delete: workbook then asks for --force before replacing them."
)
MAX_BYTES = 4 * 1024 * 1024  # a record larger than this was not written by us: ignored


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(folder: Path) -> dict[str, dict[str, Any]]:
    """The folder's record by file name; empty when there is none or it is not ours."""
    path = folder / NAME
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_BYTES:
            return {}
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, dict)}


def identity(session: Path | None) -> str | None:
    """How a session is named in the record: a digest of its file's path (links and ``..``
    resolved), so that a folder sent on does not tell where the session file lives."""
    if session is None:
        return None
    path = os.path.realpath(session).encode("utf-8", "surrogateescape")
    return hashlib.sha256(path).hexdigest()[:32]


def written_by_us(path: Path, session: Path | None, record: Mapping[str, Any]) -> bool:
    """Whether the file at ``path`` is one the tool wrote there for ``session`` (None: any),
    unchanged since: its bytes are those recorded."""
    entry = record.get(path.name)
    if not isinstance(entry, dict):
        return False
    if session is not None and entry.get("session") not in (None, identity(session)):
        return False
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return False
    return len(data) <= MAX_FILE_BYTES and digest(data) == entry.get("sha256")


MAX_FILE_BYTES = 512 * 1024 * 1024  # far beyond any poster; a larger file is not ours


def updated(
    record: Mapping[str, dict[str, Any]],
    folder: Path,
    written: Mapping[str, bytes],
    session: Path | None,
) -> bytes:
    """The record with ``written`` (name -> bytes) in it and files no longer there dropped."""
    files = {name: entry for name, entry in record.items() if (folder / name).exists()}
    for name, data in written.items():
        files[name] = {"sha256": digest(data), "session": identity(session)}
    text = json.dumps({"about": _ABOUT, "files": dict(sorted(files.items()))}, indent=1)
    return (text + "\n").encode("utf-8")
