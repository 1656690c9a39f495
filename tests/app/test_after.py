"""After the day: ``workbook report`` read back (PDF, calendar, text) and ``workbook
follow-up`` rendered by ``workbook pack`` as it is."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from PIL import Image
from pypdf import PdfReader

from tests.conftest import REPO, pdf_text
from workbook.app.record import RecordFile
from workbook.session.record import NextStep, Record, load_record, record_path

RECORD = Record(
    ambitions={"ambition": "Alle skolebørn i Valby får et varmt måltid hver dag."},
    next_steps={
        "relations_resources": [
            NextStep(who="Sofie Jensen", what="Taler med skolechefen om mandat", when="2027-04-01"),
            NextStep(who="Ahmed Yilmaz", what="Spørger de frivillige", when="2027-03-20"),
        ],
        "obstacles": [NextStep(who="Ahmed Yilmaz", what="Finder et køkken", when="efter påske")],
        "concept_development": [NextStep(who="Mads Kristensen", what="Skriver en idé ned")],
    },
    agreed=["Mads Kristensen", "Sofie Jensen"],
)


def _photo(colour: str, size: tuple[int, int] = (900, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "session.yaml"
    path.write_bytes((REPO / "examples" / "session.yaml").read_bytes())
    return path


def test_without_a_record_the_report_says_how_to_make_one(
    session_file: Path, cli: Callable[..., Any]
) -> None:
    result = cli("report", session_file)
    assert result.exit_code == 1
    assert "der er ingen opsamling fra denne session endnu" in result.output  # Danish session
    assert "workbook serve" in result.output and "/record" in result.output
    assert not list(session_file.parent.glob("*.pdf"))


def test_the_report_read_back_in_every_form(session_file: Path, cli: Callable[..., Any]) -> None:
    RecordFile(session_file).save(
        RECORD, "", "header", [("board one.png", _photo("green")), ("board.png", _photo("blue"))]
    )
    result = cli("report", session_file)
    assert result.exit_code == 0, result.output
    stem = "2027-03-04-partnerskab-om-baeredygtige-skolemaltider-rapport"
    pdf = session_file.parent / f"{stem}.pdf"
    pages = pdf_text(pdf)
    whole = " ".join(pages)
    # the opening band: the dates as its kicker over the report's title
    assert "Side 1 TORSDAG DEN 4. MARTS 2027 Rapport fra partnerskabssessionen" in pages[0]
    assert "Alle skolebørn i Valby får et varmt måltid hver dag." in whole
    # by owner, then dated before undated, dates in order
    # (each owner's name once, over their steps)
    order = [
        "Ahmed Yilmaz",
        "Spørger de frivillige",
        "Finder et køkken",
        "Mads Kristensen",
        "Skriver en idé ned",
        "Sofie Jensen",
        "Taler med skolechefen",
    ]
    steps = whole[whole.index("NÆSTE SKRIDT EFTER ANSVARLIG OG DATO") :]
    places = [steps.index(text) for text in order]
    assert places == sorted(places)
    assert steps.count("Ahmed Yilmaz") == 1
    assert "lørdag den 20. marts 2027" in whole and "uden dato" in whole
    assert "ENIGE I OPSAMLINGEN Mads Kristensen, Sofie Jensen" in whole  # label, side column
    assert "BILLEDE 1" in whole and "BILLEDE 2" in whole  # kickers beside the photos
    images = sum(len(page.images) for page in PdfReader(pdf).pages)
    assert images == 2
    assert "Jesper Lee Jyderup" in whole  # the guide's credit
    calendar = Calendar.from_ical((session_file.parent / f"{stem}.ics").read_bytes())
    events = sorted((e.get("dtstart").dt, str(e.get("summary"))) for e in calendar.walk("VEVENT"))
    assert events == [
        (dt.date(2027, 3, 20), "Ahmed Yilmaz: Spørger de frivillige"),
        (dt.date(2027, 4, 1), "Sofie Jensen: Taler med skolechefen om mandat"),
    ]
    text = (session_file.parent / f"{stem}.txt").read_text("utf-8")
    assert (
        "- Mads Kristensen: Skriver en idé ned (Hvornår: uden dato; Område: KONCEPTUDVIKLING)"
        in text
    )
    # same record, same bytes
    before = {p.name: p.read_bytes() for p in session_file.parent.glob(f"{stem}.*")}
    assert cli("report", session_file).exit_code == 0
    assert before == {p.name: p.read_bytes() for p in session_file.parent.glob(f"{stem}.*")}


def test_the_report_in_english(session_file: Path, cli: Callable[..., Any]) -> None:
    session_file.write_text(
        session_file.read_text("utf-8").replace("language: da", "language: en"), "utf-8"
    )
    RecordFile(session_file).save(RECORD, "", "header")
    out = session_file.parent / "report.pdf"
    assert cli("report", session_file, "-o", out).exit_code == 0
    whole = " ".join(pdf_text(out))
    assert "Page 1 THURSDAY, 4 MARCH 2027 Report from the partnership session" in whole
    assert "NEXT STEPS BY OWNER AND DATE" in whole and "Thursday, 4 March 2027" in whole
    assert (session_file.parent / "report.ics").is_file()
    assert (session_file.parent / "report.txt").is_file()


def test_a_photo_missing_from_the_folder_is_named(
    session_file: Path, cli: Callable[..., Any]
) -> None:
    RecordFile(session_file).save(RECORD, "", "header", [("b.png", _photo("red"))])
    (record_path(session_file).parent / "photos" / "b.jpg").unlink()
    result = cli("report", session_file)
    assert result.exit_code == 1
    assert "billedet 'photos/b.jpg' ligger ikke i opsamlingens mappe" in result.output


def test_the_follow_up_session_renders_with_its_review_sheet(
    session_file: Path, cli: Callable[..., Any]
) -> None:
    RecordFile(session_file).save(RECORD, "", "header")
    new = session_file.parent / "next.yaml"
    result = cli("follow-up", session_file, "--date", "2027-05-06", "-o", new)
    assert result.exit_code == 0, result.output
    text = new.read_text("utf-8")
    assert text.startswith("# Opfølgning på Partnerskab om bæredygtige skolemåltider")
    assert "# De samme partnere som ved første session." in text
    assert "date: 2027-05-06" in text
    assert "# A partnership session, as workbook reads it." in text  # its comments carried over
    result = cli("pack", new, "-o", session_file.parent / "next.pdf")
    assert result.exit_code == 0, result.output
    pages = pdf_text(session_file.parent / "next.pdf")
    sheet = next(page for page in pages if "Hvor står I med det, I aftalte sidst?" in page)
    for text in ("Sofie Jensen", "Taler med skolechefen om mandat", "torsdag den 1. april 2027"):
        assert text in sheet
    assert "Hvor står vi?" in sheet
    agenda = next(page for page in pages if "09.00–09.30 Gennemgang af næste skridt" in page)
    assert "torsdag den 6. maj 2027" in agenda
    # a second run does not replace the file it wrote
    again = cli("follow-up", session_file, "--date", "2027-05-06", "-o", new)
    assert again.exit_code == 1 and "findes allerede" in again.output
    # a follow-up of the follow-up reviews its own record's steps only, once
    RecordFile(new).save(
        Record(next_steps={"obstacles": [NextStep(who="Lise", what="Ny")]}), "", "h"
    )
    third = session_file.parent / "third.yaml"
    assert cli("follow-up", new, "--date", "2027-06-10", "-o", third).exit_code == 0
    assert third.read_text("utf-8").count("review:") == 1
    assert 'who: "Lise"' in third.read_text("utf-8")


def test_a_follow_up_of_several_days_moves_its_days_with_the_date(
    write_session: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    session = write_session(agenda=["opening", "ambition", {"day": "2027-03-05"}, "next_steps"])
    RecordFile(session).save(RECORD, "", "header")
    new = session.parent / "next.yaml"
    assert cli("follow-up", session, "--date", "2027-06-10", "-o", new).exit_code == 0
    assert "day: 2027-06-11" in new.read_text("utf-8")
    assert cli("pack", new, "-o", session.parent / "n.pdf").exit_code == 0


def test_a_bad_date_for_the_follow_up(session_file: Path, cli: Callable[..., Any]) -> None:
    result = cli("follow-up", session_file, "--date", "6 May")
    assert result.exit_code == 1 and "'6 May' er ikke en dato som" in result.output


def test_the_record_keeps_its_photos_apart_from_every_other_file(session_file: Path) -> None:
    folder = record_path(session_file).parent / "photos"
    folder.mkdir(parents=True)
    (folder / "board.jpg").write_bytes(b"someone else's")
    record, _ = RecordFile(session_file).save(Record(), "", "h", [("board.png", _photo("red"))])
    assert [p.file for p in record.photos] == ["photos/board-2.jpg"]
    assert (folder / "board.jpg").read_bytes() == b"someone else's"
    assert load_record(record_path(session_file)).photos == record.photos
    assert RecordFile(session_file).photo_file("../session.yaml") is None
    shutil.rmtree(folder)


def test_the_report_replaces_its_own_files_but_not_someone_elses(
    session_file: Path, cli: Callable[..., Any]
) -> None:
    """The report's names are made up from the session: a file there that workbook did not
    write is not replaced without --force (issue 23's rule for every writer)."""
    RecordFile(session_file).save(RECORD, "", "header")
    stem = "2027-03-04-partnerskab-om-baeredygtige-skolemaltider-rapport"
    notes = session_file.parent / f"{stem}.txt"
    notes.write_text("my own notes for the partners\n", "utf-8")
    refused = cli("report", session_file)
    assert refused.exit_code == 1
    assert f"{stem}.txt: findes allerede og er ikke en fil, workbook har skrevet" in refused.output
    assert notes.read_text("utf-8") == "my own notes for the partners\n"
    assert not (session_file.parent / f"{stem}.pdf").exists()  # all or none
    assert cli("report", session_file, "--force").exit_code == 0
    again = cli("report", session_file)
    assert again.exit_code == 0, again.output
    assert f"Erstattede {session_file.parent / f'{stem}.txt'}" in again.output


def test_the_report_is_never_written_onto_a_photo_it_shows(
    session_file: Path, cli: Callable[..., Any]
) -> None:
    RecordFile(session_file).save(RECORD, "", "header", [("board.png", _photo("green"))])
    photo = session_file.parent / "session.day" / "photos" / "board.jpg"
    before = photo.read_bytes()
    result = cli("report", session_file, "-o", photo)
    assert result.exit_code == 1
    assert "board.jpg: er en fil, denne kørsel læser" in result.output
    assert photo.read_bytes() == before
