"""The session file's JSON Schema: every real session passes it, every misspelling fails it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import BASE_SESSION, DATA, REPO
from workbook.app.schema import CLOCK_PATTERN, FILE_NAME, MARK, render_schema
from workbook.core.errors import UserError
from workbook.language.loading import load_content
from workbook.session.model import load_session, parse_clock


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2): a date stays a string."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(render_schema("da"))
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft7Validator:
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def sessions_workbook_accepts() -> Iterator[Path]:
    """The example and every session file in the test data that workbook renders from."""
    yield REPO / "examples" / "session.yaml"
    for path in sorted(DATA.rglob("*.yaml")) if DATA.is_dir() else []:
        try:
            load_session(path)
        except (UserError, OSError, UnicodeDecodeError):
            continue  # a deliberately broken file, for the error tests
        yield path


def errors(validator: jsonschema.Draft7Validator, data: Any) -> list[str]:
    return [error.message for error in validator.iter_errors(data)]


@pytest.mark.parametrize("path", list(sessions_workbook_accepts()), ids=lambda p: p.name)
def test_every_session_workbook_accepts_passes_the_schema(
    path: Path, validator: jsonschema.Draft7Validator
) -> None:
    data = yaml.load(path.read_text("utf-8"), Loader=EditorLoader)
    assert errors(validator, data) == []


def every_agenda_form() -> dict[str, Any]:
    return {
        **BASE_SESSION,
        "agenda": [
            "opening",
            {"introductions": 20},
            {"part": "ambition", "minutes": 90},
            {"part": "lunch"},
            "break",
            {"title": "Rundvisning i køkkenet", "minutes": 30},
            {
                "title": "Smagsprøver",
                "minutes": 20,
                "purpose": "At smage på årstidens grøntsager.",
                "materials": "Tallerkener",
                "steps": [{"text": "Smag", "minutes": 15}, "Ryd op"],
            },
            {"day": "2027-03-05", "start": "9.30"},
            "contribution",
        ],
        "letter": {"opening": "Kære {{ name }}", "closing": "Vi ses!"},
    }


def test_every_form_of_agenda_entry_passes(validator: jsonschema.Draft7Validator) -> None:
    assert errors(validator, every_agenda_form()) == []
    assert errors(validator, {**BASE_SESSION, "agenda": None}) == []


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(venu=d.pop("venue")),
        lambda d: d["facilitator"].update(mail="anne@example.dk"),
        lambda d: d["partners"][0].update(organization=d["partners"][0].pop("organisation")),
        lambda d: d["agenda"].append({"part": "closing", "minuts": 10}),
        lambda d: d["agenda"].append({"title": "Kaffe", "minutes": 10, "room": "B"}),
        lambda d: d["agenda"].append({"day": "2027-03-06", "begin": "09:00"}),
        lambda d: d["agenda"][6]["steps"].append({"text": "Tak", "minuts": 2}),
        lambda d: d["letter"].update(openning="Hej"),
    ],
    ids=["top", "facilitator", "partner", "part", "custom", "day", "step", "letter"],
)
def test_a_misspelt_key_is_refused(
    change: Callable[[dict[str, Any]], None], validator: jsonschema.Draft7Validator
) -> None:
    data = json.loads(json.dumps(every_agenda_form()))
    change(data)
    assert errors(validator, data)


@pytest.mark.parametrize(
    "agenda",
    [["brunch"], [{"brunch": 30}], [{"part": "brunch"}], [{"lunch": 0}], [{"title": "Kaffe"}]],
)
def test_an_unknown_part_or_missing_minutes_is_refused(
    agenda: list[Any], validator: jsonschema.Draft7Validator
) -> None:
    assert errors(validator, {**BASE_SESSION, "agenda": agenda})


@pytest.mark.parametrize(
    "change",
    [{"date": "2027-13-04"}, {"start": "25:00"}, {"start": "kl. 9"}, {"partners": []}],
)
def test_wrong_values_are_refused(
    change: dict[str, Any], validator: jsonschema.Draft7Validator
) -> None:
    assert errors(validator, {**BASE_SESSION, **change})


def test_the_parts_are_an_enum_of_the_guides_parts_with_their_titles(
    schema: dict[str, Any],
) -> None:
    part = schema["definitions"]["Part"]
    content = load_content("da")
    assert sorted(part["enum"]) == sorted(content.timing.parts)
    titles = dict(zip(part["enum"], part["enumDescriptions"], strict=True))
    assert titles["ambition"].startswith(content.parts.parts.ambition.short_title)
    assert "120 min." in titles["ambition"]
    assert titles["lunch"].startswith(content.parts.parts.lunch.short_title)


def properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            yield f"{where}.{key}", value
        for key, value in node.items():
            yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for item in node:
            yield from properties(item, where)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_key_has_a_description_in_the_language(lang: str) -> None:
    schema = json.loads(render_schema(lang))
    found = list(properties(schema))
    assert len(found) > 20
    missing = [where for where, prop in found if not prop.get("description")]
    assert missing == []
    assert schema["properties"]["date"]["format"] == "date"
    if lang == "en":
        assert schema["properties"]["venue"]["description"].startswith("Where the session")


def test_every_language_folder_has_every_help_text_of_the_reference() -> None:
    def keys(value: Any, prefix: str = "") -> set[str]:
        if isinstance(value, dict):
            return set().union(*(keys(v, f"{prefix}{k}.") for k, v in value.items()))
        return {prefix}

    reference = keys(yaml.safe_load((REPO / "content" / "da" / "schema.yaml").read_text()))
    for folder in sorted((REPO / "content").iterdir()):
        if (folder / "meta.yaml").is_file():
            own = yaml.safe_load((folder / "schema.yaml").read_text("utf-8"))
            assert keys(own) == reference, folder.name


@given(st.text(alphabet="0123456789:. ap", max_size=7))
def test_the_schemas_clock_pattern_accepts_what_the_session_accepts(text: str) -> None:
    try:
        parse_clock(text)
        accepted = True
    except ValueError:
        accepted = False
    assert bool(re.search(CLOCK_PATTERN, text)) == accepted


def test_schema_command_prints_the_schema_and_writes_it_with_o(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    result = cli("schema", "--lang", "en")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["$schema"] == "http://json-schema.org/draft-07/schema#"
    out = tmp_path / "schema.json"
    assert cli("schema", "--lang", "en", "-o", out).exit_code == 0
    assert json.loads(out.read_text("utf-8")) == printed


def test_init_points_the_session_at_a_schema_beside_it(
    tmp_path: Path, cli: Callable[..., Any], validator: jsonschema.Draft7Validator
) -> None:
    session = tmp_path / "session.yaml"
    result = cli("init", session)
    assert result.exit_code == 0, result.output
    first = session.read_text("utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={FILE_NAME}"
    written = json.loads((tmp_path / FILE_NAME).read_text("utf-8"))
    assert written == validator.schema
    load_session(session)  # the line is a comment to workbook

    # A second session in the folder shares it; an old copy of ours is brought up to date.
    (tmp_path / FILE_NAME).write_text(json.dumps({"$comment": MARK}), "utf-8")
    assert cli("init", tmp_path / "other.yaml").exit_code == 0
    assert json.loads((tmp_path / FILE_NAME).read_text("utf-8")) == written


def test_init_writes_the_schema_in_the_example_language(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    """An English example gets an English schema: the help an editor shows beside its keys."""
    english = yaml.safe_load((REPO / "content" / "en" / "schema.yaml").read_text("utf-8"))
    danish = yaml.safe_load((REPO / "content" / "da" / "schema.yaml").read_text("utf-8"))
    result = cli("init", "--lang", "en", tmp_path / "session.yaml")
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / FILE_NAME).read_text("utf-8"))
    assert written["description"] == english["description"] != danish["description"]
    venue = written["properties"]["venue"]["description"]
    assert venue == english["session"]["venue"] != danish["session"]["venue"]
    assert written == json.loads(render_schema("en"))

    # Starting a Danish session in the same folder brings our schema back to Danish.
    assert cli("init", tmp_path / "dansk.yaml").exit_code == 0
    assert json.loads((tmp_path / FILE_NAME).read_text("utf-8")) == json.loads(render_schema("da"))


def test_init_leaves_someone_elses_schema_file_alone(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    theirs = tmp_path / FILE_NAME
    theirs.write_text('{"title": "mine"}', "utf-8")
    result = cli("init", tmp_path / "session.yaml")
    assert result.exit_code == 1
    assert "er ikke skrevet af workbook; den er ikke overskrevet" in result.output
    assert theirs.read_text("utf-8") == '{"title": "mine"}'
    assert not (tmp_path / "session.yaml").exists()
