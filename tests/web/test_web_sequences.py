"""No sequence of page loads, tabs, outside edits, saves and merges loses a value.

Two tabs and an editor work on one session file in any order (hypothesis, stateful). A
tab's Save succeeds only over the very version the tab started from, and then the file
holds the tab's values; otherwise it is refused and the file is left exactly as it was.
A merge saves, field by field, the side the page proposed, and only over the version the
choices were shown for.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tests.conftest import REPO
from tests.web.conftest import PORT, _Client, form_of, post
from workbook.web.app import create_app
from workbook.web.workspace import Workspace

FIELDS = ("title", "venue", "host")
WORDS = st.sampled_from(["Skolemad", "Valby", "Kødbyen", "Hal 5", "Nørrebro", "Ja", "no"])
TABS = st.sampled_from([0, 1])


def _values(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    values = {key: data.get(key) for key in FIELDS}
    values["partners"] = [p["name"] for p in data["partners"]]
    return values


def _form_values(fields: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {key: fields.get(key) or None for key in FIELDS}
    count = len({m for m in re.findall(r"partners\[(\d+)\]\.name", " ".join(fields))})
    values["partners"] = [fields[f"partners[{i}].name"] for i in range(count)]
    return values


class Sessions(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.path = Path(tempfile.mkdtemp(prefix="workbook-seq-")) / "session.yaml"
        self.path.write_bytes((REPO / "examples" / "session.yaml").read_bytes())
        app = create_app(Workspace(self.path))
        app.config["PORT"] = PORT
        self.client = _Client(app.test_client())
        self.tabs: list[dict[str, Any] | None] = [None, None]
        self.shown: list[tuple[dict[str, Any], bytes] | None] = [None, None]
        self.read: list[bytes] = [b"", b""]
        self.partners = 0

    @initialize()
    def open_both(self) -> None:
        for tab in (0, 1):
            self.open(tab)

    @rule(tab=TABS)
    def open(self, tab: int) -> None:
        """A load or a reload: the file as it is now."""
        fields = form_of(self.client.get("/").data)
        assert _form_values(fields) == _values(self.path)
        self.tabs[tab], self.shown[tab] = fields, None
        self.read[tab] = self.path.read_bytes()  # the file this tab's page was made from

    @rule(tab=TABS, field=st.sampled_from(FIELDS), word=WORDS)
    def edit(self, tab: int, field: str, word: str) -> None:
        fields = self.tabs[tab]
        assert fields is not None
        fields[field] = word

    @rule(tab=TABS)
    def add_partner(self, tab: int) -> None:
        fields = self.tabs[tab]
        assert fields is not None
        fields = form_of(post(self.client, {**fields, "op": "add:partner"}).data)
        count = len(_form_values(fields)["partners"])
        self.partners += 1
        fields[f"partners[{count - 1}].name"] = f"Partner {self.partners}"
        fields[f"partners[{count - 1}].organisation"] = "Organisation"
        self.tabs[tab] = fields

    @rule(field=st.sampled_from(FIELDS), word=WORDS)
    def outside_edit(self, field: str, word: str) -> None:
        """An editor changes one value and writes the file its own way (no comments)."""
        data = yaml.safe_load(self.path.read_text("utf-8"))
        data[field] = word
        self.path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    @rule(tab=TABS)
    def save(self, tab: int) -> None:
        fields = self.tabs[tab]
        assert fields is not None
        before = self.path.read_bytes()
        response = post(self.client, {**fields, "save": "1"})
        same = _form_values(fields) == _values(self.path)  # only its writing changed
        if before == self.read[tab] or same:
            assert response.status_code == 303, response.data[:300]
            assert _values(self.path) == _form_values(fields)
            self.open(tab)
        else:
            assert response.status_code == 409, response.data[:300]
            assert self.path.read_bytes() == before  # refused, never silently over it
            self.shown[tab] = (form_of(response.data), before)

    @precondition(lambda self: any(self.shown))
    @rule(tab=TABS)
    def merge(self, tab: int) -> None:
        shown = self.shown[tab]
        if shown is None:
            return
        fields, then = shown
        theirs = yaml.safe_load(then.decode("utf-8"))
        before = self.path.read_bytes()
        response = post(self.client, {**fields, "merge": "1"})
        if before != then:  # changed again since the choices were shown: shown again
            assert response.status_code == 409
            assert self.path.read_bytes() == before
            self.shown[tab] = (form_of(response.data), before)
            return
        assert response.status_code == 303, response.data[:300]
        mine = _form_values(fields)
        saved = _values(self.path)
        for key in FIELDS:
            pick = fields.get(f"pick.{key}")
            expected = theirs.get(key) if pick == "theirs" else mine[key]
            assert saved[key] == expected, key
        pick = fields.get("pick.partners")
        others = [p["name"] for p in theirs["partners"]]
        assert saved["partners"] == (others if pick == "theirs" else mine["partners"])
        self.open(tab)

    def teardown(self) -> None:
        import shutil

        shutil.rmtree(self.path.parent, ignore_errors=True)

    @invariant()
    def the_file_reads(self) -> None:
        assert isinstance(yaml.safe_load(self.path.read_text("utf-8")), dict)


Sessions.TestCase.settings = settings(max_examples=15, stateful_step_count=14, deadline=None)
test_no_sequence_loses_a_value = Sessions.TestCase
