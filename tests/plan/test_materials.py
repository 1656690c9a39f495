"""Materials for the day: worksheet instructions, name cards, sign-in sheet, record, credits."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from tests.conftest import normalise, pdf_text
from workbook.language.loading import load_content


def _pack(write_session: Any, cli: Any, tmp_path: Path, **changes: Any) -> list[str]:
    session = write_session(**changes)
    out = tmp_path / "pack.pdf"
    result = cli("pack", session, "-o", out, "--boards", "none")
    assert result.exit_code == 0, result.output
    return pdf_text(out)


def _font_sizes(page: Any) -> list[float]:
    return [float(s) for s in re.findall(rb"([\d.]+) Tf", page.get_contents().get_data())]


def test_every_worksheet_says_what_to_do_with_the_agendas_minutes(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    agenda = ["opening", {"ambition": 60}, "contribution", "next_steps"]
    pages = _pack(write_session, cli, tmp_path, agenda=agenda)
    circles = [p for p in pages if "FORANDRINGSCIRKLEN" in p and "Mads Kristensen" in p]
    # ambition cut from 120 to 60 minutes: its circle step (30 of the guide's) gets 15
    assert circles and all("Hver for sig (15 min.)" in p for p in circles)
    assert all("Med partnerskabet drømmer jeg om at forandre…" in p for p in circles)
    assert any("Sammen (15 min.)" in p and "Styrker" in p for p in pages)
    assert any("Udfyld skabelonen, og gør beslutningerne" in p for p in pages)


def test_name_cards_sign_in_record_and_credits_are_in_the_pack_filled_in(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    pages = _pack(write_session, cli, tmp_path)
    content = load_content("da")
    cards = [p for p in pages if "Fold her" in p]
    people = ["Mads Kristensen", "Sofie Jensen", "Anne Holm"]
    assert len(cards) == 3
    assert all(any(p.count(name) == 2 for p in cards) for name in people)  # both faces
    sign_in = next(p for p in pages if "Deltagerliste" in p and "Underskrift" in p)
    assert all(name in sign_in for name in people)
    assert "Grønt Køkken ApS" in sign_in and "Billeder af plakater må deles" in sign_in
    record = " ".join(
        p
        for p in pages
        # the record's first page, the pages under its running head, and its signatures
        if "Opsamling efter sessionen" in p or "OPSAMLING EFTER" in p or "Til stede torsdag" in p
    )
    assert all(q in record for q in content.invitation.documentation.questions)
    assert all(q.title in record for q in content.next_steps.quadrants)
    assert "VORES FORANDRINGSAMBITION" in record and "Sofie Jensen" in record
    # the credits and the page they run on to (under the chapter's running head)
    credits = " ".join(
        p for p in pages if "Tak og kreditering" in p or "KREDITERING (FORTSAT)" in p
    )
    guide = content.guide
    # the guide's foreword and each author's bio, as the guide prints them
    assert all(normalise(a.bio) in credits for a in guide.authors)
    assert normalise(guide.purpose[0]) in credits
    assert guide.acknowledgements.title in credits
    assert all(person.split()[0] in credits for person in guide.acknowledgements.people)
    assert "Danmarks Frie Forskningsfond" in credits


def test_the_names_on_the_cards_are_large(write_session: Any, cli: Any, tmp_path: Path) -> None:
    session = write_session()
    out = tmp_path / "pack.pdf"
    assert cli("pack", session, "-o", out, "--boards", "none").exit_code == 0
    cards = [p for p in PdfReader(out).pages if "Fold her" in (p.extract_text() or "")]
    assert cards and all(max(_font_sizes(p)) >= 36 for p in cards)
    # one face printed upright, the other turned round: both read right way up when folded
    for card in cards:
        turns: list[float] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float, turns: Any = turns) -> None:
            if text.strip() in ("Mads Kristensen", "Sofie Jensen", "Anne Holm"):
                turns.append(cm[0])

        card.extract_text(visitor_text=visit)
        assert sorted(set(turns)) == [-1.0, 1.0]


def test_each_material_can_be_left_out(write_session: Any, cli: Any, tmp_path: Path) -> None:
    leave_out = ["name_cards", "sign_in", "record", "credits"]
    pages = _pack(write_session, cli, tmp_path, leave_out=leave_out)
    text = " ".join(pages)
    for word in ("Fold her", "Deltagerliste", "Opsamling efter sessionen", "Tak og kreditering"):
        assert word not in text


def test_an_unknown_material_is_a_clear_error(write_session: Any, cli: Any, tmp_path: Path) -> None:
    session = write_session(leave_out=["namecards"])
    result = cli("pack", session, "-o", tmp_path / "pack.pdf")
    assert result.exit_code != 0
    assert "leave_out" in result.output and "name_cards" in result.output
    assert not (tmp_path / "pack.pdf").exists()


def test_boards_too_small_for_the_group_are_warned_about(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    partners = [{"name": f"Partner {i}", "organisation": f"Org {i}"} for i in range(3)]
    session = write_session(partners=partners)
    out = tmp_path / "pack.pdf"
    result = cli("pack", session, "-o", out, "--boards", "a3")
    assert result.exit_code == 0, result.output
    # three partners need six notes per field; A3 boards hold fewer: said once, for all
    warned = [line for line in result.output.splitlines() if "to post-its pr. partner (6)" in line]
    assert len(warned) == 1 and "I A3" in warned[0]
    # the print guide and the page it runs on to (under the chapter's running head)
    planning = " ".join(p for p in pdf_text(out) if "PRINTGUIDE" in p or "NING (FORTSAT)" in p)
    assert "to post-its pr. partner (6)" in planning
    # the default picks posters large enough, and says nothing
    result = cli("pack", session, "-o", tmp_path / "auto.pdf")
    assert result.exit_code == 0 and "pr. partner (" not in result.output


def test_the_longest_names_fit_the_cards_and_the_sign_in_sheet_whole(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    name = "Maximilian Alexander Kristensen-Frederiksen Østergaard Bjørn Lykke-Winther Krogh"
    assert len(name) == 80
    organisation = "Grønt Køkken ApS – " + "bæredygtige måltider til skoler og plejehjem " * 3
    organisation = organisation[:120].strip()
    partners = [{"name": name, "organisation": organisation}]
    pages = _pack(write_session, cli, tmp_path, partners=partners)
    card = next(p for p in pages if "Fold her" in p and "Bjørn" in p)
    assert card.count(name) == 2 and "…" not in card
    sign_in = next(p for p in pages if "Deltagerliste" in p and "Underskrift" in p)
    # a name breaks after its own hyphens in the sign-in's narrow column, never inside a word
    sign_in = sign_in.replace("- ", "-")
    assert name in sign_in and organisation in sign_in
