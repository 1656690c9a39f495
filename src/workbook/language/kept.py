"""What a resident process (``--watch``, the web page) keeps between renders.

Loading and validating a language is the largest cost of a render that is not paper. It is
kept here and used again only while every file under the folders searched for languages is
unchanged (same size, modification time and inode), so an edit to a translation, a new
language folder or a replaced font is read on the next render, never missed. The check
costs a directory walk; a one-shot run pays that once and nothing more.
"""

from __future__ import annotations

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
    stamp = signature(root for root, _ in search_path(extra, near))
    kept = _kept.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    content = _load(code, extra, strict=strict, near=near)
    _kept.clear()  # one language at a time is what a resident process renders
    _kept[key] = (stamp, content)
    return content


def signature(roots: Iterable[Path]) -> Signature:
    """Size, modification time and inode of every file under ``roots`` (or of a root that
    is a file itself)."""
    found = []
    seen: set[str] = set()  # a linked folder is followed once: a link loop ends here
    for root in roots:
        if os.path.isfile(root):
            stat = os.stat(root)
            found.append((str(root), stat.st_size, stat.st_mtime_ns, stat.st_ino))
            continue
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
