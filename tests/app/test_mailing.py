"""``invitations --calendar --drafts``: calendar entries read back with icalendar, e-mail
drafts with the standard email parser, the same bytes from the same session, nothing sent."""

from __future__ import annotations

import datetime as dt
import email
import os
from email import policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import BASE_SESSION

PARTNERS = [
    {"name": "Ayşe Yılmaz", "organisation": "Ağaç Kooperatif", "email": "ayse@example.dk"},
    {"name": "Bjørn Åberg", "organisation": "Grønt Køkken ApS"},  # no address: no draft
    {"name": "Ida Nørgaard", "organisation": "Madfællesskabet", "email": "ida@example.dk"},
]
TWO_DAYS = [
    "opening",
    "introductions",
    "ambition",
    {"day": "2027-03-05", "start": "10:00"},
    "closing",
]


def _write(folder: Path, **changes: Any) -> Path:
    data = {**BASE_SESSION, "partners": PARTNERS, "agenda": TWO_DAYS, **changes}
    path = folder / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    stamp = dt.datetime(2027, 1, 10, 12, 0, tzinfo=dt.UTC).timestamp()
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    from typer.testing import CliRunner

    from workbook.cli import app

    folder = tmp_path_factory.mktemp("mailing")
    session = _write(folder)
    result = CliRunner().invoke(
        app, ["invitations", str(session), "-o", str(folder / "out"), "--calendar", "--drafts"]
    )
    return folder / "out", result


def test_what_is_written_and_said(sent: tuple[Path, Any]) -> None:
    out, result = sent
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        ".workbook-written",  # the tool's record of the names it made up there
        "ayse-yilmaz.eml",
        "ayse-yilmaz.ics",
        "ayse-yilmaz.pdf",
        "bjorn-aberg.ics",
        "bjorn-aberg.pdf",
        "facilitator.ics",
        "ida-norgaard.eml",
        "ida-norgaard.ics",
        "ida-norgaard.pdf",
    ]
    # a Danish session's run says what it did in Danish
    assert "Skrev 4 kalenderaftaler (.ics)" in result.output
    assert "Skrev 2 e-mailkladder (.eml)" in result.output
    assert "Bjørn Åberg har ingen e-mailadresse; der skrives ingen kladde til dem" in (
        result.output
    )


def _events(path: Path) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return [c for c in calendar.walk("VEVENT")]


def test_an_event_per_day_in_the_sessions_time_zone(sent: tuple[Path, Any]) -> None:
    out, _ = sent
    calendar = icalendar.Calendar.from_ical((out / "ayse-yilmaz.ics").read_bytes())
    assert str(calendar["METHOD"]) == "PUBLISH"
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Copenhagen"
    first, second = _events(out / "ayse-yilmaz.ics")
    copenhagen = ZoneInfo("Europe/Copenhagen")
    assert first.decoded("DTSTART") == dt.datetime(2027, 3, 4, 9, 0, tzinfo=copenhagen)
    assert first.decoded("DTEND") == dt.datetime(2027, 3, 4, 11, 25, tzinfo=copenhagen)
    assert second.decoded("DTSTART") == dt.datetime(2027, 3, 5, 10, 0, tzinfo=copenhagen)
    assert first["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert str(first["SUMMARY"]) == "Invitation til partnerskabssession: Testsession"
    assert str(first["LOCATION"]) == "CPH Food Space"
    assert str(first["ORGANIZER"]) == "mailto:anne@example.dk"
    assert first["ORGANIZER"].params["CN"] == "Københavns Kommune"
    assert str(first["DESCRIPTION"]).splitlines() == [
        "09.00–09.10 Indledning",
        "09.10–09.25 Introduktion af partnerdeltagerne",
        "09.25–11.25 Hvad bliver vi partnere om?",
    ]
    assert [str(a) for a in [first["ATTENDEE"]]] == ["mailto:ayse@example.dk"]
    # the stamp is the session file's, not the clock's
    assert first.decoded("DTSTAMP") == dt.datetime(2027, 1, 10, 12, 0, tzinfo=dt.UTC)


def test_the_facilitators_calendar_lists_everyone_with_an_address(
    sent: tuple[Path, Any],
) -> None:
    out, _ = sent
    first, _ = _events(out / "facilitator.ics")
    attendees = first["ATTENDEE"]
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert [str(a) for a in attendees] == ["mailto:ayse@example.dk", "mailto:ida@example.dk"]
    assert _events(out / "bjorn-aberg.ics")[0].get("ATTENDEE") is None


def test_a_resent_invitation_updates_the_entry(tmp_path: Path, cli: Any) -> None:
    """The same UIDs when the date and the venue move; a later SEQUENCE and DTSTAMP."""
    session = _write(tmp_path)
    assert cli("invitations", session, "-o", tmp_path / "a", "--calendar").exit_code == 0
    data = yaml.safe_load(session.read_text("utf-8"))
    data.update(date="2027-03-11", venue="Et andet sted", agenda=TWO_DAYS[:3])
    session.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    later = dt.datetime(2027, 1, 20, tzinfo=dt.UTC).timestamp()
    os.utime(session, (later, later))
    assert cli("invitations", session, "-o", tmp_path / "b", "--calendar").exit_code == 0
    before, moved = (
        _events(tmp_path / "a" / "ayse-yilmaz.ics"),
        _events(tmp_path / "b" / "ayse-yilmaz.ics"),
    )
    assert str(before[0]["UID"]) == str(moved[0]["UID"])
    assert moved[0]["SEQUENCE"] > before[0]["SEQUENCE"]
    assert str(moved[0]["LOCATION"]) == "Et andet sted"


def test_the_draft_is_ready_to_send_and_never_sent(sent: tuple[Path, Any]) -> None:
    out, _ = sent
    message = email.message_from_bytes(
        (out / "ayse-yilmaz.eml").read_bytes(), policy=policy.default
    )
    assert message["To"] == "Ayşe Yılmaz <ayse@example.dk>"
    assert message["From"] == "Anne Holm <anne@example.dk>"
    assert message["Subject"] == "Invitation til partnerskabssession: Testsession"
    assert message["X-Unsent"] == "1"
    assert message["Date"] is None and message["Message-ID"] is None
    body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert body.startswith("Kære Ayşe Yılmaz,\n\nKøbenhavns Kommune inviterer dig til")
    assert "senest torsdag den 25. februar 2027 på anne@example.dk" in body
    parts = {part.get_filename(): part for part in message.iter_attachments()}
    assert set(parts) == {"ayse-yilmaz.pdf", "ayse-yilmaz.ics"}
    assert parts["ayse-yilmaz.pdf"].get_content() == (out / "ayse-yilmaz.pdf").read_bytes()
    assert parts["ayse-yilmaz.ics"].get_content_type() == "text/calendar"
    assert (
        parts["ayse-yilmaz.ics"].get_content().encode()
        == (out / "ayse-yilmaz.ics").read_bytes().decode().encode()
    )
    # drafts come with letters a partner can fill in
    assert PdfReader(out / "ayse-yilmaz.pdf").get_fields()


def test_the_same_session_gives_the_same_bytes(tmp_path: Path, cli: Any) -> None:
    session = _write(tmp_path)
    for name in ("a", "b"):
        result = cli("invitations", session, "-o", tmp_path / name, "--calendar", "--drafts")
        assert result.exit_code == 0
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_english_drafts(tmp_path: Path, cli: Any) -> None:
    session = _write(tmp_path, language="en", partners=PARTNERS[:1])
    assert cli("invitations", session, "-o", tmp_path / "out", "--drafts").exit_code == 0
    message = email.message_from_bytes(
        (tmp_path / "out" / "ayse-yilmaz.eml").read_bytes(), policy=policy.default
    )
    body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert body.startswith("Hello Ayşe Yılmaz,")
    assert "by Thursday, 25 February 2027 at anne@example.dk" in body
    assert message["Subject"] == "Invitation to a partnership session: Testsession"


def test_a_time_zone_that_does_not_exist_is_told(tmp_path: Path, cli: Any) -> None:
    session = _write(tmp_path, time_zone="Europe/Kobenhavn")
    result = cli("invitations", session, "--calendar")
    assert result.exit_code == 1
    assert "'time_zone' is not a time zone (found 'Europe/Kobenhavn')" in result.output
    assert not any(tmp_path.glob("*invitationer*"))
