"""``pack --png``: a rendered PDF's pages written as ``page-01.png`` ... into a folder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.core.errors import Problem, UserError
from workbook.files.outputs import write_atomically
from workbook.render.png import iter_pngs, page_count, render_pngs

if TYPE_CHECKING:
    from typing import IO

_PAGE = re.compile(r"page-\d{2,}\.png")


def page_name(number: int, count: int) -> str:
    """``page-01.png``: zero-padded to the page count's width (at least two), so names sort."""
    width = max(2, len(str(count)))
    return f"page-{number:0{width}d}.png"


def check_folder(folder: Path) -> None:
    """Refuse a preview folder we could not write into, before any work is done."""
    if folder.exists() and not folder.is_dir():
        raise UserError(
            Problem(
                "is a file, not a folder for the page previews",
                file=folder,
                field="--png",
                hint="Name a folder (it is created if missing), e.g. --png previews.",
            )
        )
    parent = folder if folder.exists() else folder.parent
    if not (parent if str(parent) else Path(".")).is_dir():
        raise UserError(
            Problem(
                "the folder that should hold the previews' folder does not exist",
                file=parent,
                field="--png",
                hint="Create it first, or name another folder with --png.",
            )
        )


@dataclass(frozen=True)
class Written:
    files: list[Path]
    stale: list[Path]  # page files this run did not write, left from a longer earlier run


def write_previews(pdf: bytes, folder: Path, dpi: int = 60) -> Written:
    """Every page of ``pdf`` as ``folder/page-NN.png``; all rendered before the first is written.

    Earlier previews of the same names are replaced (the folder was named for them); other
    files are never touched, so a page file this run did not write is reported, not removed.
    """
    check_folder(folder)
    pngs = render_pngs(pdf, dpi)
    folder.mkdir(exist_ok=True)
    files = []
    for number, png in enumerate(pngs, start=1):
        path = folder / page_name(number, len(pngs))
        write_atomically(path, partial(_write, png))
        files.append(path)
    stale = sorted(
        path
        for path in folder.glob("page-*.png")
        if _PAGE.fullmatch(path.name) and path not in files
    )
    return Written(files, stale)


def page_pngs(pdf: bytes, dpi: int, first: int, count: int) -> tuple[list[bytes], int]:
    """Pages ``first`` (from 0) to ``first + count`` of ``pdf`` as PNGs, and how many pages it
    has: a long pack is looked at a screenful at a time, never held whole as images."""
    import itertools

    total = page_count(pdf)
    first = max(0, min(first, total - 1)) if total else 0
    pages = list(itertools.islice(iter_pngs(pdf, dpi, first), count))
    return pages, total


def _write(png: bytes, out: IO[bytes]) -> None:
    out.write(png)
