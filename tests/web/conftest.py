"""The page's test helpers: the form as a browser posts it, a client at the server's own
address, and a session file to serve."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, normalise
from workbook.web.app import create_app
from workbook.web.workspace import Workspace

PORT = 8765
HOST = f"127.0.0.1:{PORT}"
ORIGIN = f"http://{HOST}"


class _Inputs(HTMLParser):
    """The form as a browser would post it: every named input, select and textarea."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        kind = a.get("type")
        chosen = kind not in ("file", "checkbox", "radio") or (kind == "radio" and "checked" in a)
        if tag == "input" and a.get("name") == "drop":  # one per key removed on the page
            self.fields.setdefault("drop", []).append(a.get("value", ""))  # type: ignore[attr-defined]
        elif tag == "input" and a.get("name") and chosen:
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select":
            self._select = a.get("name")
        elif (
            tag == "option"
            and self._select
            and ("selected" in a or self._select not in self.fields)
        ):
            self.fields[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea is not None:  # the parser's leading newline, as a browser drops it
                self.fields[self._textarea] = self.fields[self._textarea].removeprefix("\n")
            self._textarea = None


def form_of(html: bytes) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(html.decode("utf-8"))
    return parser.fields


def notes_for(page: bytes, name: str) -> list[str]:
    """The problems the page shows beside the input named ``name``."""
    found = re.findall(
        rf'<p class="problem" data-for="{re.escape(name)}">(.*?)</p>', page.decode("utf-8")
    )
    return [normalise(html.unescape(text)) for text in found]


class _Client:
    """Flask's test client, asking for this server's own address unless told otherwise."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.client.get(path, base_url=ORIGIN, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.client.post(path, base_url=ORIGIN, **kwargs)


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "session.yaml"
    path.write_bytes((REPO / "examples" / "session.yaml").read_bytes())
    return path


@pytest.fixture
def client_for() -> Callable[..., Any]:
    def make(session: Path | None) -> Any:
        app = create_app(Workspace(session))
        app.config["PORT"] = PORT
        return _Client(app.test_client())

    return make


@pytest.fixture
def client(client_for: Callable[..., Any], session_file: Path) -> Any:
    return client_for(session_file)


def post(client: Any, fields: dict[str, str], **extra: Any) -> Any:
    return client.post("/", data=fields, headers={"Origin": ORIGIN}, **extra)
