"""The whole loop, as the README tells it: partners from a spreadsheet, letters with
calendar entries and e-mail drafts, the letters filled in by the partners (in two different
PDF programs), collected, and a pack that shows the answers."""

from __future__ import annotations

import email
import shutil
from email import policy
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.app.filling import ANSWERS, fill_mupdf, fill_pypdf
from tests.conftest import pdf_text

SESSION = """\
# Skolemad i Valby: the session file the host keeps
language: da
title: "Skolemad i Valby"
date: 2027-03-04
start: "09:00"
venue: "Valby Kulturhus"
host: "Københavns Kommune"
facilitator: {name: "Anne Holm", email: "anne@example.dk"}
partners: partnere.xlsx   # from the host's spreadsheet
reply_by: 2027-02-19
"""


def test_from_a_spreadsheet_to_a_pack_that_shows_the_answers(tmp_path: Path, cli: Any) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Navn", "Organisation", "E-mail", "Telefon"])
    sheet.append(["Ayşe Yılmaz", "Ağaç Kooperatif", "ayse@example.dk", "12345678"])
    sheet.append(["Bjørn Åberg", "Grønt Køkken ApS", "bjorn@example.dk", None])
    sheet.append(["Ida Nørgaard", "Madfællesskabet", "ida@example.dk", None])
    book.save(tmp_path / "partnere.xlsx")
    session = tmp_path / "session.yaml"
    session.write_text(SESSION, "utf-8")

    # 1. Letters, calendar entries and drafts ready to send
    made = cli("invitations", session, "--calendar", "--drafts")
    assert made.exit_code == 0, made.output
    assert "kolonnerne 'Telefon' læses ikke" in made.output
    folder = tmp_path / "2027-03-04-skolemad-i-valby-invitationer"
    draft = email.message_from_bytes(
        (folder / "ayse-yilmaz.eml").read_bytes(), policy=policy.default
    )
    assert draft["To"] == "Ayşe Yılmaz <ayse@example.dk>"
    attached = {part.get_filename() for part in draft.iter_attachments()}
    assert attached == {"ayse-yilmaz.pdf", "ayse-yilmaz.ics"}
    assert "Svar senest fredag den 19. februar 2027" in pdf_text(folder / "ayse-yilmaz.pdf")[0]

    # 2. The partners answer: one in a program writing like pypdf, one like MuPDF; one not
    replies = tmp_path / "svar"
    replies.mkdir()
    fill_pypdf(folder / "ayse-yilmaz.pdf", replies / "Invitation (udfyldt).pdf", ANSWERS)
    fill_mupdf(folder / "bjorn-aberg.pdf", replies / "bjorn.pdf", {**ANSWERS, "reply": "decline"})
    shutil.copy(folder / "ida-norgaard.pdf", replies / "ida-blank.pdf")
    before = session.read_bytes()

    # 3. Collected beside the session; the session file is only read
    collected = cli("collect", session, replies)
    assert collected.exit_code == 0, collected.output
    assert "Invitation (udfyldt).pdf: Ayşe Yılmaz: kommer; læst ind" in collected.output
    assert "bjorn.pdf: Bjørn Åberg: kan ikke komme; læst ind" in collected.output
    assert "invitationen til Ida Nørgaard er ikke udfyldt" in collected.output
    assert "Har ikke svaret endnu: Ida Nørgaard" in collected.output
    assert (tmp_path / "session.replies.yaml").is_file()
    assert session.read_bytes() == before

    # 4. The pack shows the answers where they are needed
    packed = cli("pack", session, "-o", tmp_path / "pack.pdf", "--boards", "none")
    assert packed.exit_code == 0, packed.output
    pages = pdf_text(tmp_path / "pack.pdf")
    before_page = next(p for p in pages if "Før sessionen Partnernes svar" in p)
    assert "2 af 3 partnere har svaret: 1 kommer, 1 kan ikke komme." in before_page
    assert "Ayşe Yılmaz · Ağaç Kooperatif · Kommer" in before_page
    assert "Ağaç-metoden i Ølstykke" in before_page
    assert "HAR IKKE SVARET ENDNU • Ida Nørgaard (Madfællesskabet)" in before_page
    circle = next(p for p in pages if "BIDRAGSCIRKLEN" in p and "Ayşe Yılmaz" in p)
    assert "Fra dit svar på invitationen: Netværk og kontakter" in circle
    record = next(p for p in pages if "Det skrev partnerne om dokumentationen" in p)
    assert "Kommunen ved Åse Øberg" in record
