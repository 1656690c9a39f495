"""The house by stage: which package may import which, read from the source with ``ast``.

A session flows core -> session -> language -> plan -> render, with files/ for every write
and app/ doing what each command does for cli/ and web/. An import against that direction
fails here with the file, the line and what to move (as import-linter would, from code).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "workbook"

# What each package may import besides itself (TYPE_CHECKING imports count: a type is a
# dependency too). The order is the pipeline's; app/ is the one layer the faces call.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "session": {"core"},
    "language": {"core", "session"},
    "plan": {"core", "session", "language"},
    "render": {"core", "plan"},  # plan: its page types only (see PAGE_TYPES_ONLY)
    "files": {"core"},
    "app": {"core", "session", "language", "plan", "render", "files"},
    "web": {"core", "session", "language", "plan", "files", "app"},
    "cli": {"core", "files", "app", "web"},
}
# A package that may take from another only its classes (the page types), never a function.
PAGE_TYPES_ONLY = {("render", "plan")}
TOP_LEVEL = {"__init__", "__main__"}  # every other module lives in its stage's package
ENTRY = {"__main__": {"cli"}}
MAX_LINES = 500
PAGE_DRAWING = "render/pages/"  # one page kind's drawing may run longer


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    module: str  # the module imported from, dotted
    names: tuple[str, ...]  # what is taken from it ("" for a plain ``import``)


def imports_of(path: Path) -> list[Import]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "workbook":  # ``from workbook import cli``: a module each
                for alias in node.names:
                    if alias.name.startswith("__"):  # the package's own __version__
                        continue
                    found.append(Import(path, node.lineno, f"workbook.{alias.name}", ("",)))
            elif node.module.startswith("workbook."):
                names = tuple(alias.name for alias in node.names)
                found.append(Import(path, node.lineno, node.module, names))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("workbook."):
                    found.append(Import(path, node.lineno, alias.name, ("",)))
    return found


def package_of(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return parts[0]


def violations(root: Path, check_names: bool = True) -> list[str]:
    """Every import against the house's direction, as a line that says what to move."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        here = package_of(path, root)
        if path.parent == root and here not in TOP_LEVEL:
            problems.append(
                f"{path.relative_to(root)}: a module at the top of the package; move it into "
                f"the package of its stage ({', '.join(ALLOWED)})"
            )
            continue
        allowed = ENTRY.get(here, ALLOWED.get(here, set()))
        for found in imports_of(path):
            there = found.module.split(".")[1]
            if there == here:
                continue
            where = f"{path.relative_to(root)}:{found.line}"
            what = f"{found.module}" + (
                f" ({', '.join(n for n in found.names if n)})" if any(found.names) else ""
            )
            if there not in allowed:
                problems.append(
                    f"{where} imports {what}: {here}/ may import only "
                    f"{', '.join(sorted(allowed)) or 'nothing of workbook'}; move the import "
                    f"to a package that may, or what it needs into {here}/ or below it"
                )
            elif (here, there) in PAGE_TYPES_ONLY and check_names:
                module = importlib.import_module(found.module)
                for name in found.names:
                    value = getattr(module, name, None) if name else module
                    if not _is_type(value):
                        problems.append(
                            f"{where} imports {found.module}.{name or '(the module)'}: {here}/ "
                            f"takes only page types from {there}/; have the caller in app/ "
                            f"pass what it computes instead"
                        )
    return problems


def _is_type(value: object) -> bool:
    if inspect.isclass(value):
        return True
    if isinstance(value, types.UnionType):  # an alias such as Board = A | B | C
        return all(inspect.isclass(arg) for arg in value.__args__)
    return isinstance(value, str)  # a forward-referenced alias, e.g. plan.document.Page


def package_cycles(root: Path) -> list[list[str]]:
    """Cycles in the graph of packages importing each other (none may exist)."""
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        here = package_of(path, root)
        for found in imports_of(path):
            there = found.module.split(".")[1]
            if there != here:
                graph.setdefault(here, set()).add(there)
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in trail:
                cycle = [*trail[trail.index(nxt) :], nxt]
                if sorted(cycle[:-1]) not in [sorted(c[:-1]) for c in cycles]:
                    cycles.append(cycle)
            else:
                visit(nxt, [*trail, nxt])

    for start in sorted(graph):
        visit(start, [start])
    return cycles


def test_every_import_follows_the_pipeline() -> None:
    found = violations(SOURCE)
    assert not found, "\n".join(found)


def test_no_package_imports_one_that_imports_it() -> None:
    assert not package_cycles(SOURCE)


def test_the_allowed_directions_have_no_cycle() -> None:
    order: list[str] = []
    pending = dict(ALLOWED)
    while pending:
        ready = [name for name, needs in pending.items() if needs <= set(order)]
        assert ready, f"the allowed imports go round in a circle among {sorted(pending)}"
        order += ready
        for name in ready:
            del pending[name]


def test_modules_stay_small_outside_page_drawing() -> None:
    long = [
        f"{path.relative_to(SOURCE)}: {count} lines"
        for path in sorted(SOURCE.rglob("*.py"))
        if (count := len(path.read_text("utf-8").splitlines())) > MAX_LINES
        and not str(path.relative_to(SOURCE)).startswith(PAGE_DRAWING)
    ]
    assert not long, "split by job: " + "; ".join(long)


def test_every_package_says_what_it_holds_and_may_import() -> None:
    for package in ALLOWED:
        doc = ast.get_docstring(ast.parse((SOURCE / package / "__init__.py").read_text("utf-8")))
        assert doc, f"{package}/__init__.py has no docstring"
        assert "import" in doc.lower(), f"{package}/__init__.py does not say what it may import"


@pytest.mark.parametrize(
    ("file", "line", "named"),
    [
        ("render/posters.py", "from workbook.session.model import Session\n", "session"),
        ("core/errors.py", "from workbook.plan.words import Words\n", "core/ may import only"),
        ("render/boxes.py", "from workbook.plan.pack import build_plan\n", "only page types"),
        ("session/model.py", "import workbook.language.loading\n", "session/ may import only"),
        ("cli/shared.py", "from workbook.render.pack import render_pack\n", "render.pack"),
        ("stray.py", "", "a module at the top of the package"),
    ],
)
def test_a_planted_wrong_import_is_named_with_what_to_move(
    tmp_path: Path, file: str, line: str, named: str
) -> None:
    """The check itself can fail: a copy of the source with one wrong import planted."""
    import shutil

    copy = tmp_path / "workbook"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    target = copy / file
    target.write_text(line + (target.read_text("utf-8") if target.exists() else ""), "utf-8")
    found = violations(copy)
    assert len(found) == 1, found
    assert found[0].startswith(file) and named in found[0], found[0]


def test_a_planted_cycle_between_packages_is_found(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "workbook"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    model = copy / "session" / "model.py"
    model.write_text("from workbook.plan.words import Words\n" + model.read_text("utf-8"))
    assert ["plan", "session", "plan"] in package_cycles(copy) or [
        "session",
        "plan",
        "session",
    ] in package_cycles(copy)
