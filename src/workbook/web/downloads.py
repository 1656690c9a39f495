"""The buttons that make files: every PDF from the pipeline functions the CLI calls, and the
pack's pages as images on the page, a screenful at a time."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from workbook.core.errors import Problem, UserError

if TYPE_CHECKING:
    from workbook.app.prepare import Prepared
    from workbook.web.workspace import Workspace

DOWNLOADS = ("pack", "posters", "letters", "letters_zip", "agenda")
PREVIEW_DPI = 80  # sharp enough to read when opened large on a laptop
PREVIEW_PAGES = 12  # a screenful: a pack for 200 partners is never held whole as images


def download(
    workspace: Workspace,
    prepared: Prepared,
    action: str,
    paper: str | None,
    fillable: bool,
    logo: bytes | None,
) -> tuple[str, bytes, str]:
    """The file a button asks for: its name, its bytes and its media type."""
    from workbook.app.agenda import agenda_in_memory
    from workbook.app.invitations import letters_archive, letters_in_one
    from workbook.app.options import AUTO, PrintOptions
    from workbook.app.pack import pack_in_memory

    target = workspace.target
    if action in ("pack", "posters"):  # as 'workbook pack SESSION' makes them
        made = pack_in_memory(prepared, target, PrintOptions(paper=paper, boards=AUTO))
        if action == "pack":
            return made.output.name, made.pack, "application/pdf"
        if made.boards is None or made.posters is None:
            raise UserError(
                Problem(
                    "the agenda has no joint boards to print as posters",
                    field="agenda",
                    hint="Include ambition, contribution, scaling or next_steps.",
                    key="no_boards",
                )
            )
        return made.boards.name, made.posters, "application/pdf"
    if action == "agenda":
        name, pdf = agenda_in_memory(prepared, target)
        return name, pdf, "application/pdf"
    if action == "letters":
        name, pdf = letters_in_one(prepared, target, logo, fillable)
        return name, pdf, "application/pdf"
    name, archive = letters_archive(prepared, target, logo, fillable)
    return name, archive, "application/zip"


def previews(
    workspace: Workspace, prepared: Prepared, paper: str | None, first: int
) -> tuple[list[tuple[int, str]], int]:
    """Pages ``first`` onwards of the pack as the pack button makes it, as PNGs (base64,
    for data: URLs) kept in the page, never on disk; and the pack's page count."""
    from workbook.app.previews import page_pngs

    _, pdf, _ = download(workspace, prepared, "pack", paper, False, None)
    pngs, total = page_pngs(pdf, PREVIEW_DPI, first, PREVIEW_PAGES)
    start = max(0, min(first, total - 1)) if total else 0
    return [
        (start + number + 1, base64.b64encode(png).decode("ascii"))
        for number, png in enumerate(pngs)
    ], total
