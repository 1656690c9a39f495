"""The session file's JSON Schema, for editors: completion, hover help and red squiggles.

Generated from the session model, so a key the model gains or a limit it sets reaches the
editor without a second list to keep. What pydantic cannot know is added here: the help
texts (``content/<lang>/schema.yaml``, a translator's file like the others), the guide's
agenda parts with their titles, and the short forms the session accepts (``- lunch``,
``- lunch: 45``). Draft 7, which the YAML language server and most editors read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbook.core.errors import Problem, UserError
from workbook.core.text import fill
from workbook.files.outputs import check_outputs, check_target, destination, write_atomically
from workbook.language.folders import REFERENCE, find
from workbook.language.loading import Content, fallback_chain
from workbook.session.model import Session

DRAFT = "http://json-schema.org/draft-07/schema#"
# Beside the session files, so the editor finds it offline; one per folder serves them all.
FILE_NAME = "workbook-session.schema.json"
# Marks a file as written by workbook, so 'init' may bring it up to date without asking.
MARK = "Written by 'workbook schema'; regenerate it rather than editing it."
_DEFS = {"Facilitator": "facilitator", "Partner": "partner", "LetterWords": "letter"}
# 9:00, 09:00 or 9.00, hours 0-23: what session.parse_clock accepts (a test holds them equal).
CLOCK_PATTERN = r"^\s*([01]?[0-9]|2[0-3])[:.][0-5][0-9]\s*$"
# partners: partnere.csv (or .xlsx): what session.partners_file reads
SPREADSHEET_PATTERN = r"\.([cC][sS][vV]|[xX][lL][sS][xX])\s*$"  # ECMA 262: no inline flags


def session_schema(content: Content, texts: dict[str, Any]) -> dict[str, Any]:
    schema = _draft7(Session.model_json_schema())
    _strip(schema)
    defs = schema["definitions"]
    for name, group in (("Session", "session"), *_DEFS.items()):
        target = schema if name == "Session" else defs[name]
        for key, prop in target["properties"].items():
            prop["description"] = texts[group][key]
    schema["properties"]["start"] = {**_clock(), "description": texts["session"]["start"]}
    partners = schema["properties"]["partners"]  # a list, or a spreadsheet beside the file
    schema["properties"]["partners"] = {
        "description": partners.pop("description"),
        "anyOf": [partners, {"type": "string", "pattern": SPREADSHEET_PATTERN}],
    }
    _entries(defs, content, texts["agenda"])
    agenda = schema["properties"]["agenda"]
    listing = next(option for option in agenda["anyOf"] if option.get("type") == "array")
    forms = ["Part", "PartMinutes", "PartEntry", "CustomEntry", "DayEntry"]
    listing["items"] = {"anyOf": [{"$ref": f"#/definitions/{form}"} for form in forms]}
    agenda["anyOf"] = [listing, {"type": "null"}]
    _lone_refs(schema)
    return {
        "$schema": DRAFT,
        "$comment": MARK,
        "title": texts["title"],
        "description": texts["description"],
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def part_keys(content: Content) -> list[str]:
    """The agenda's part keys in the guide's order, pauses last."""
    parts = content.timing.parts
    return sorted(parts, key=lambda key: bool(parts[key].pause))


def _entries(defs: dict[str, Any], content: Content, texts: dict[str, str]) -> None:
    """The agenda's forms: the generated entries with their help, the short forms added."""
    keys = part_keys(content)
    titles = [_title(content, key, texts["part_title"]) for key in keys]
    defs["Part"] = {
        "type": "string",
        "description": texts["part"],
        "enum": keys,
        # Shown beside each value by VS Code's JSON and YAML language servers.
        "enumDescriptions": titles,
        "markdownEnumDescriptions": titles,
    }
    minutes = defs["CustomEntry"]["properties"]["minutes"]
    defs["Minutes"] = {**minutes, "description": texts["minutes"]}
    defs["PartMinutes"] = {  # - lunch: 45
        "type": "object",
        "description": texts["part_minutes"],
        "minProperties": 1,
        "maxProperties": 1,
        "propertyNames": {"$ref": "#/definitions/Part"},
        "properties": {
            key: {"$ref": "#/definitions/Minutes", "description": title}
            for key, title in zip(keys, titles, strict=True)
        },
    }
    entry = defs["PartEntry"]
    entry["description"] = texts["entry"]
    minutes_ref = {"$ref": "#/definitions/Minutes", "description": texts["minutes"]}
    entry["properties"] = {
        "part": {"$ref": "#/definitions/Part", "description": texts["part"]},
        "minutes": minutes_ref,
    }
    custom = defs["CustomEntry"]
    custom["description"] = texts["custom"]
    custom["properties"]["title"]["description"] = texts["custom_title"]
    custom["properties"]["minutes"] = dict(minutes_ref)
    custom["properties"]["purpose"]["description"] = texts["custom_purpose"]
    custom["properties"]["materials"]["description"] = texts["custom_materials"]
    steps = custom["properties"]["steps"]
    steps["description"] = texts["custom_steps"]
    text = {**defs["CustomStep"]["properties"]["text"], "description": texts["step_text"]}
    steps["items"] = {"anyOf": [{"$ref": "#/definitions/CustomStep"}, text]}  # - "a step"
    step = defs["CustomStep"]
    step["description"] = texts["step"]
    step["properties"]["text"] = dict(text)
    step["properties"]["minutes"]["description"] = texts["step_minutes"]
    custom["properties"]["review"]["description"] = texts["custom_review"]
    for key, prop in defs["ReviewItem"]["properties"].items():
        prop["description"] = texts[f"review_{key}"]
    day = defs["DayEntry"]
    day["description"] = texts["day"]
    day["properties"]["day"]["description"] = texts["day_date"]
    day["properties"]["start"] = {**_clock(), "description": texts["day_start"]}


def _title(content: Content, key: str, template: str) -> str:
    part = getattr(content.parts.parts, "break_" if key == "break" else key)
    return fill(template, title=part.short_title, minutes=content.timing.parts[key].minutes)


def _clock() -> dict[str, Any]:
    """A time as people type it (see ``session.parse_clock``). Not ``format: time``: in JSON
    Schema that means RFC 3339, with seconds and a time zone."""
    return {"type": "string", "pattern": CLOCK_PATTERN, "examples": ["09:00"]}


def _lone_refs(node: Any) -> None:
    """In draft 7 a ``$ref`` hides the keywords beside it; put it in an ``allOf`` so a
    description beside it counts."""
    if isinstance(node, dict):
        if "$ref" in node and len(node) > 1:
            node["allOf"] = [{"$ref": node.pop("$ref")}]
        for value in node.values():
            _lone_refs(value)
    elif isinstance(node, list):
        for item in node:
            _lone_refs(item)


def _draft7(schema: dict[str, Any]) -> dict[str, Any]:
    """pydantic writes draft 2020-12 ``$defs``; draft 7 calls them ``definitions``."""
    text = json.dumps(schema).replace('"#/$defs/', '"#/definitions/')
    converted: dict[str, Any] = json.loads(text)
    converted["definitions"] = converted.pop("$defs", {})
    return converted


def _strip(node: Any) -> None:
    """Drop pydantic's titles and class docstrings: the help texts come from the content."""
    if isinstance(node, dict):
        for key in ("title", "description"):
            if isinstance(node.get(key), str):
                del node[key]
        for key, value in node.items():
            if key != "properties":
                _strip(value)
            else:
                for prop in value.values():
                    _strip(prop)
    elif isinstance(node, list):
        for item in node:
            _strip(item)


def render_schema(code: str, content_dirs: Sequence[Path] = ()) -> str:
    return schema_text(code, content_dirs)[0]


def schema_text(code: str, content_dirs: Sequence[Path] = ()) -> tuple[str, list[str]]:
    """The schema as JSON, and what the user should be told about the language's folders."""
    from workbook.language.kept import load_content

    content = load_content(code, content_dirs)
    schema = session_schema(content, content.schema.model_dump())
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n", list(content.notices)


def write_schema(path: Path, text: str, force: bool = False, inputs: Sequence[Path] = ()) -> bool:
    """Write the schema to ``path``, a name the user gave; whether a file was replaced.

    Never onto a file the run reads; a file that is not a schema workbook wrote (a session
    file, say) only with ``force``."""
    check_outputs([path], inputs)
    check_target(path)
    real = destination(path)
    replaced = real.exists()
    if replaced and not force and MARK not in _head(real):
        raise UserError(
            Problem(
                "already exists and is not a schema workbook wrote; not replaced",
                file=path,
                hint="Give -o a new file name (e.g. workbook-session.schema.json), "
                "or add --force to replace it.",
                key="not_our_schema",
            )
        )
    write_atomically(path, lambda out: out.write(text.encode("utf-8")))
    return replaced


def _head(path: Path) -> str:
    """The start of a file, where a schema workbook wrote carries its mark."""
    try:
        with path.open("rb") as handle:
            return handle.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return ""


def schema_inputs(code: str, content_dirs: Sequence[Path] = ()) -> list[Path]:
    """Every file ``render_schema`` may read: the language's folder and its fallbacks'."""
    from workbook.core.resources import content_dir, layouts_dir

    languages = find(content_dirs)
    found = [content_dir(), layouts_dir(), content_dir() / REFERENCE]
    if code in languages.languages:
        folder = languages.languages[code]
        found += [f.path for f in (folder, *fallback_chain(folder, languages.languages))]
    return sorted({file for folder in found for file in folder.glob("*.yaml")})


@dataclass(frozen=True)
class Beside:
    path: Path
    text: str | None  # None: the file there is already this schema
    warnings: tuple[str, ...] = ()  # about the language folders found

    def write(self) -> None:
        text = self.text
        if text is not None:  # checked by ``schema_beside``: ours, or --force
            write_atomically(self.path, lambda out: out.write(text.encode("utf-8")))


def schema_beside(session: Path, force: bool = False, lang: str = REFERENCE) -> Beside:
    """The schema file to place next to a new session file: new, or brought up to date if
    workbook wrote the one there; someone else's file is refused unless ``force``. Its help
    texts are in ``lang``, the language of the example it goes with."""
    path = session.parent / FILE_NAME
    text, warnings = schema_text(lang)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise UserError(
            Problem(
                "is in the way of the schema file and is not one",
                file=path,
                hint="Move it, then run 'workbook init' again.",
                key="schema_in_way",
            )
        )
    if path.exists():
        current = path.read_text("utf-8", errors="replace")
        if current == text:
            return Beside(path, None, tuple(warnings))
        if MARK not in current and not force:
            raise UserError(
                Problem(
                    "already exists and was not written by workbook; not overwritten",
                    file=path,
                    hint="Add --force to replace it, or move it away.",
                    key="schema_not_ours",
                )
            )
    return Beside(path, text, tuple(warnings))


def example_with_schema(example: bytes) -> bytes:
    """The example session with the line the YAML language server reads its schema from."""
    line = f"# yaml-language-server: $schema={FILE_NAME}\n".encode()
    return line + example
