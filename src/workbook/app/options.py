"""How a pack is printed: the sheet, the joint boards as posters, the circles' order; and
the options checked against the layout, every problem at once."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.core.errors import Problem, UserError
from workbook.render.layout import Layout, load_layout


@dataclass(frozen=True)
class PrintOptions:
    paper: str | None = None  # a key of the layout's papers_mm; None: the layout's own
    boards: str | None = None  # also write the joint boards as posters of this size
    tile: bool = False  # ... split across sheets of `paper` instead
    split: bool = False  # also one PDF per print job beside the pack
    order: str = "partner"  # the circles partner by partner, or dialogue by dialogue


PLAIN = PrintOptions()  # the layout's own paper, no posters
ORDERS = ("partner", "dialogue")  # --order: how the circle worksheets are sorted
AUTO, NONE = "auto", "none"  # --boards: the size chosen for the group, or no posters


def poster_size(options: PrintOptions) -> str | None:
    """The poster size the options ask for (``auto``: sized later for the group), checked."""
    return print_setup(options)[1]


def print_setup(options: PrintOptions) -> tuple[Layout, str | None]:
    """The layout on the chosen paper and the poster size, with every option problem at once."""
    problems: list[Problem] = []
    if options.tile and options.boards in (None, NONE):
        problems.append(
            Problem(
                "needs --boards: the poster size to split across sheets",
                field="--tile",
                hint="Add a poster size, e.g. --boards a1 --tile.",
                key="tile_needs_boards",
            )
        )
    try:
        layout = load_layout(paper=options.paper)
    except UserError as exc:
        problems += exc.problems
        layout = load_layout()
    size = None
    if options.boards in (AUTO, NONE):
        size = None if options.boards == NONE else AUTO
    elif options.boards:
        try:
            size = check_board_size(layout, options.boards)
        except UserError as exc:
            problems += exc.problems
    if options.order not in ORDERS:
        problems.append(
            Problem(
                f"unknown order '{options.order}'",
                field="--order",
                hint=f"Use one of: {', '.join(ORDERS)}.",
                key="unknown_order",
                values=(("found", options.order), ("choices", ", ".join(ORDERS))),
                hint_key="use_one_of",
            )
        )
    if problems:
        raise UserError(problems)
    return layout, size


def check_board_size(layout: Layout, size: str) -> str:
    """``size`` as a key of the layout's poster sizes, or a user error listing them."""
    sizes = layout.data["posters"]["sizes"]
    key = size.lower()
    if key not in sizes:
        raise UserError(
            Problem(
                f"unknown board size '{size}'",
                field="--boards",
                hint=f"Use one of: {', '.join(sizes)}.",
                key="unknown_board_size",
                values=(("found", size), ("choices", ", ".join(sizes))),
                hint_key="use_one_of",
            )
        )
    return key


def layout_keys(*section: str) -> list[str]:
    """The keys of a section of the built-in layout (papers, poster sizes), for completion."""
    from workbook.core import yamlio
    from workbook.core.resources import layouts_dir

    node = yamlio.load(layouts_dir() / "default.yaml", "layout file").data
    for key in section:
        node = node[key]
    return list(node)


def paper_choices() -> tuple[list[str], str]:
    """The sheets the layout prints on, and the one it uses unless told otherwise."""
    layout = load_layout()
    return list(layout.data["papers_mm"]), layout.paper_name
