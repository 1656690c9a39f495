"""``pack --png``: a rendered PDF's pages as ``page-01.png`` ... in a folder.

The page files are names the tool makes up: written with the pack, all or none, under the
rule of ``files.outputs`` (never onto an input, nor onto a file the tool did not write).
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from workbook.core.errors import Problem, UserError
from workbook.files.outputs import check_outputs, write_files
from workbook.render.png import iter_pngs, page_count, render_pngs

_PAGE = re.compile(r"page-\d{2,}\.png")


def page_name(number: int, count: int) -> str:
    """``page-01.png``: zero-padded to the page count's width (at least two), so names sort."""
    width = max(2, len(str(count)))
    return f"page-{number:0{width}d}.png"


def check_folder(folder: Path) -> None:
    """Refuse a preview folder we could not write into, before any work is done."""
    if os.path.islink(folder) and not folder.exists():
        raise UserError(
            Problem(
                f"is a link to {os.readlink(folder)}, which does not exist",
                file=folder,
                field="--png",
                hint="Name a folder (it is created if missing), or remove the link.",
                key="link_missing",
                values=(("target", os.readlink(folder)),),
                hint_key="png_link",
            )
        )
    if folder.exists() and not folder.is_dir():
        raise UserError(
            Problem(
                "is a file, not a folder for the page previews",
                file=folder,
                field="--png",
                hint="Name a folder (it is created if missing), e.g. --png previews.",
                key="png_not_folder",
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
                key="png_no_parent",
            )
        )


def preview_files(pdf: bytes, folder: Path, dpi: int = 60) -> dict[Path, bytes]:
    """Every page of ``pdf`` as ``folder/page-NN.png``, in memory."""
    pngs = render_pngs(pdf, dpi)
    return {folder / page_name(n, len(pngs)): png for n, png in enumerate(pngs, start=1)}


def stale_pages(folder: Path, written: list[Path]) -> list[Path]:
    """Page files in ``folder`` this run did not write, left from a longer earlier run."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.glob("page-*.png")
        if _PAGE.fullmatch(path.name) and path not in written
    )


def make_folder(folder: Path) -> bool:
    """Create the previews' folder if missing (a link to one is used); whether it was made."""
    check_folder(folder)
    if folder.is_dir():
        return False
    folder.mkdir()
    return True


@dataclass(frozen=True)
class Written:
    files: list[Path]
    stale: list[Path]  # page files this run did not write, left from a longer earlier run


def write_previews(
    pdf: bytes,
    folder: Path,
    dpi: int = 60,
    inputs: tuple[Path, ...] = (),
    force: bool = False,
    session: Path | None = None,
) -> Written:
    """Every page of ``pdf`` as ``folder/page-NN.png``; all rendered before the first is
    written, and written all or none.

    Earlier previews the tool wrote are replaced; other files are never touched (without
    ``force``), so a page file this run did not write is reported, not removed.
    """
    check_folder(folder)
    files = preview_files(pdf, folder, dpi)
    check_outputs(list(files), inputs, made_up=list(files), force=force, session=session)
    made = make_folder(folder)
    try:
        write_files(files, made_up=list(files), force=force, session=session)
    except BaseException:
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return Written(list(files), stale_pages(folder, list(files)))


def page_pngs(pdf: bytes, dpi: int, first: int, count: int) -> tuple[list[bytes], int]:
    """Pages ``first`` (from 0) to ``first + count`` of ``pdf`` as PNGs, and how many pages it
    has: a long pack is looked at a screenful at a time, never held whole as images."""
    import itertools

    total = page_count(pdf)
    first = max(0, min(first, total - 1)) if total else 0
    pages = list(itertools.islice(iter_pngs(pdf, dpi, first), count))
    return pages, total
