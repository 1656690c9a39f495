"""The partners' answers on the web page: ``/replies`` shows them and takes filled-in
letters; the form's import button fills its partners from a spreadsheet. The same rules
as every route: this server's own address, no other origin, bounded uploads."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.app.filling import ANSWERS, fill_pypdf
from tests.conftest import REPO
from tests.web.conftest import ORIGIN, PORT, form_of
from workbook.app.invitations import make_invitations
from workbook.session.model import load_session
from workbook.session.replies import load_replies, replies_path
from workbook.web.app import create_app
from workbook.web.workspace import Workspace


def _client(session: Path | None) -> Any:
    app = create_app(Workspace(session))
    app.config["PORT"] = PORT
    return app.test_client()


def _text(page: bytes) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.decode("utf-8"))).split())


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "session.yaml"
    path.write_bytes((REPO / "examples" / "session.yaml").read_bytes())
    return path


def test_uploaded_letters_are_read_and_shown(session: Path, tmp_path: Path) -> None:
    made = make_invitations(session, tmp_path / "letters", fillable=True)
    first, second, *_ = made.letters
    filled = fill_pypdf(first, tmp_path / "filled.pdf", ANSWERS)
    client = _client(session)
    before = session.read_bytes()
    shown = client.get("/replies", base_url=ORIGIN)
    assert shown.status_code == 200 and "Partnernes svar" in _text(shown.data)
    answer = client.post(
        "/replies",
        base_url=ORIGIN,
        data={
            "letters": [
                (io.BytesIO(filled.read_bytes()), "svar fra Mads.pdf"),
                (io.BytesIO(b"not a pdf"), "noter.pdf"),
                (io.BytesIO(second.read_bytes()), "blank.pdf"),
            ]
        },
        content_type="multipart/form-data",
    )
    text = _text(answer.data)
    name = load_session(session)[0].partners[0].name
    assert f"svar fra Mads.pdf: {name}: kommer; læst ind" in text  # the session's language
    assert "noter.pdf: er ikke en PDF" in text  # told, and the rest still read
    assert "blank.pdf: invitationen til " in text and "er ikke udfyldt" in text
    assert f"{name} · " in text and "Kommer" in text  # the answers, as the pack shows them
    assert "Ağaç-metoden i Ølstykke" in text
    replies = load_replies(replies_path(session))
    assert replies is not None and [r.partner for r in replies.replies] == [name]
    assert session.read_bytes() == before


def test_a_session_not_saved_yet_keeps_no_replies(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    client = _client(None)
    answer = client.post(
        "/replies",
        base_url=ORIGIN,
        data={"letters": [(io.BytesIO(b"%PDF-1.4"), "a.pdf")]},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 409
    assert "Gem sessionsfilen først" in _text(answer.data)
    assert list(tmp_path.iterdir()) == []


def test_letters_from_another_site_are_refused(session: Path) -> None:
    answer = _client(session).post(
        "/replies",
        base_url=ORIGIN,
        headers={"Origin": "http://example.com"},
        data={"letters": [(io.BytesIO(b"%PDF-1.4"), "a.pdf")]},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 403
    assert not replies_path(session).exists()


def test_partners_from_a_spreadsheet_fill_the_form(session: Path) -> None:
    client = _client(session)
    fields = form_of(client.get("/", base_url=ORIGIN).data)
    sheet = "Navn;Organisation;E-mail\r\nAyşe Yılmaz;Ağaç Kooperatif;ayse@example.dk\r\n"
    answer = client.post(
        "/",
        base_url=ORIGIN,
        data={
            **fields,
            "import_partners": "1",
            "partners_file": (io.BytesIO(sheet.encode("utf-8-sig")), "p.csv"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 200
    shown = form_of(answer.data)
    assert shown["partners[0].name"] == "Ayşe Yılmaz"
    assert shown["partners[0].email"] == "ayse@example.dk"
    assert "partners[1].name" not in shown
    assert shown["venue"] == fields["venue"]  # the rest of the form as it was posted
    assert session.read_bytes() == (REPO / "examples" / "session.yaml").read_bytes()


def test_a_spreadsheet_with_problems_is_told_beside_the_partners(session: Path) -> None:
    client = _client(session)
    fields = form_of(client.get("/", base_url=ORIGIN).data)
    answer = client.post(
        "/",
        base_url=ORIGIN,
        data={
            **fields,
            "import_partners": "1",
            "partners_file": (io.BytesIO(b"Navn;Organisation\r\nBo;\r\n"), "p.csv"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 422
    assert "p.csv:2:2 række 2 (Bo): 'Organisation' er tom" in _text(answer.data)
    assert form_of(answer.data)["partners[0].name"] == fields["partners[0].name"]


def test_a_session_whose_partners_are_a_spreadsheet_shows_them(tmp_path: Path) -> None:
    (tmp_path / "partnere.csv").write_text("name,organisation\nBo Ek,Ek ApS\n", "utf-8")
    text = (REPO / "examples" / "session.yaml").read_text("utf-8")
    start = text.index("partners:")
    end = text.index("\n", text.index("agenda:") - 2) if "agenda:" in text else len(text)
    session = tmp_path / "session.yaml"
    session.write_text(text[:start] + "partners: partnere.csv\n" + text[end:], "utf-8")
    assert [p.name for p in load_session(session)[0].partners] == ["Bo Ek"]
    fields = form_of(_client(session).get("/", base_url=ORIGIN).data)
    assert fields["partners[0].name"] == "Bo Ek"
