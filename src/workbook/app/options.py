"""How a pack is printed: the sheet, and the joint boards as posters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrintOptions:
    paper: str | None = None  # a key of the layout's papers_mm; None: the layout's own
    boards: str | None = None  # also write the joint boards as posters of this size
    tile: bool = False  # ... split across sheets of `paper` instead
    split: bool = False  # also one PDF per print job beside the pack
    order: str = "partner"  # the circles partner by partner, or dialogue by dialogue


PLAIN = PrintOptions()  # the layout's own paper, no posters
