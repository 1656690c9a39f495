"""What a resident process (``--watch``, the web page) keeps between renders.

Loading and validating a language is the largest cost of a render that is not paper. It is
kept here and used again only while every file under the folders searched for languages is
unchanged (same size, modification time and inode), so an edit to a translation, a new
language folder or a replaced font is read on the next render, never missed. The check
costs a directory walk; a one-shot run pays that once and nothing more.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from workbook.language.folders import search_path
from workbook.language.loading import Content
from workbook.language.loading import load_content as _load

Signature = tuple[tuple[str, int, int, int], ...]

_kept: dict[tuple[str, tuple[str, ...], bool, str], tuple[Signature, Content]] = {}


def load_content(
    code: str, extra: Iterable[Path] = (), strict: bool = False, near: Path | None = None
) -> Content:
    """``content.load_content``, answered from memory while its files are unchanged;
    ``near`` is the session file, beside which a content/ folder is searched too."""
    extra = list(extra)
    key = (code, tuple(str(p) for p in extra), strict, str(near))
    # Taken before loading: a file changed while it is read makes the next check miss.
    stamp = signature((root for root, _ in search_path(extra, near)), of_languages=True)
    kept = _kept.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    content = _load(code, extra, strict=strict, near=near)
    _kept.clear()  # one language at a time is what a resident process renders
    _kept[key] = (stamp, content)
    return content


def language_folders(root: Path) -> list[Path]:
    """The language folders (those with a meta.yaml) directly in a folder of languages."""
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError:
        return []
    return [
        Path(entry.path)
        for entry in entries
        if os.path.lexists(os.path.join(entry.path, "meta.yaml"))
    ]


def signature(roots: Iterable[Path], of_languages: bool = False) -> Signature:
    """Size, modification time and inode of every file under ``roots`` (or of a root that
    is a file itself). A folder of languages counts its own entries and everything in its
    language folders, nothing else below it; with ``of_languages`` every root is taken as
    one (a ``--content /proc`` is never walked)."""
    found: list[tuple[str, int, int, int]] = []
    for root in roots:
        if os.path.isfile(root):
            stat = os.stat(root)
            found.append((str(root), stat.st_size, stat.st_mtime_ns, stat.st_ino))
            continue
        languages = language_folders(root)
        if not languages and not of_languages:  # a language folder, or the layouts: all
            found += _walk([root])
            continue
        # A language folder added or removed changes the root; timing.yaml lies beside them.
        for entry in [root, *(p for p in _entries(root) if p.is_file())]:
            with contextlib.suppress(OSError):
                stat = os.stat(entry)
                found.append((str(entry), stat.st_size, stat.st_mtime_ns, stat.st_ino))
        found += _walk(languages)
    return tuple(found)


def _entries(root: Path) -> list[Path]:
    try:
        return sorted(root.iterdir())
    except OSError:
        return []


def _walk(folders: Iterable[Path]) -> Signature:
    found = []
    seen: set[str] = set()  # a linked folder is followed once: a link loop ends here
    for root in folders:
        for folder, dirs, files in os.walk(root, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen:
                dirs.clear()
                continue
            seen.add(real)
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found.append((path, stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return tuple(found)
