"""``workbook init``: an annotated example session file to start from, with the schema beside
it that gives an editor completion and help."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbook.app.schema import example_with_schema, schema_beside
from workbook.core.errors import Problem, UserError
from workbook.core.resources import data_dir
from workbook.files.outputs import write_atomically


@dataclass(frozen=True)
class Started:
    path: Path
    replaced: bool  # an earlier file was there (with --force)
    schema: Path | None  # the schema written beside it, if one was
    warnings: tuple[str, ...] = ()  # about the language folders found


def write_starter(path: Path, force: bool, lang: str) -> Started:
    examples = {
        p.suffixes[0][1:] if len(p.suffixes) > 1 else "da": p
        for p in data_dir("examples").glob("session*.yaml")
    }
    if lang not in examples:
        raise UserError(
            Problem(
                f"no example session file in '{lang}'",
                field="--lang",
                hint=f"Use one of: {', '.join(sorted(examples))}; "
                "the 'language:' line of either can then name any language.",
                key="no_example",
                values=(("code", lang), ("examples", ", ".join(sorted(examples)))),
            )
        )
    if path.is_symlink():
        raise UserError(
            Problem(
                "is a link; 'init' writes a new file of its own, not through a link",
                file=path,
                hint="Give the name of a new file, e.g. workbook init session.yaml.",
                key="init_link",
            )
        )
    if path.exists() and not force:
        raise UserError(
            Problem(
                "already exists; not overwritten",
                file=path,
                hint="Add --force to replace it.",
                key="exists",
            )
        )
    example = examples[lang].read_bytes()
    schema = schema_beside(path, force, lang)  # checked before either file is written
    replaced = path.exists()
    write_atomically(path, lambda out: out.write(example_with_schema(example)))
    schema.write()
    written = schema.path if schema.text is not None else None
    return Started(path, replaced, written, schema.warnings)
