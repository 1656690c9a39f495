"""The partners' answers in the pack: the "Before the session" page, the pointer in the
introductions' notes, each partner's resources faintly on their contribution circle, and
what they asked for the documentation on the record. Rendered and read back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml

from tests.conftest import BASE_SESSION, pdf_text
from workbook.language.loading import load_content
from workbook.render.layout import load_layout
from workbook.session.replies import Replies, Reply, dump

PARTNERS = [
    {"name": "Ayşe Yılmaz", "organisation": "Ağaç Kooperatif"},
    {"name": "Bjørn Åberg", "organisation": "Grønt Køkken ApS"},
    {"name": "Sofie Jensen", "organisation": "Københavns Kommune"},
    {"name": "Ida Nørgaard", "organisation": "Madfællesskabet"},
]
KINDS = load_content("da").invitation.resources.kinds
REPLIES = Replies(
    replies=[
        Reply(
            partner="Ayşe Yılmaz",
            organisation="Ağaç Kooperatif",
            attending=True,
            resources=[KINDS[0], KINDS[1]],
            resources_other="Et prøvekøkken",
            resources_text="To medarbejdere fem timer om ugen.\nBetingelse: deling af data.",
            mandate=["Arbejdstid og indkøb op til 50.000 kr."],
            documentation=["Kommunen", "Alle partnere, straks"],
            catering="Vegetarisk",
        ),
        Reply(partner="Bjørn Åberg", organisation="Grønt Køkken ApS", attending=False),
        Reply(partner="Sofie Jensen", organisation="Københavns Kommune", catering="Halal"),
        Reply(partner="Nogen Andre", organisation="Væk", attending=True),  # removed since
    ]
)


def _write(folder: Path, replies: Replies | None = REPLIES, **changes: Any) -> Path:
    data = {**BASE_SESSION, "partners": PARTNERS, **changes}
    path = folder / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    if replies is not None:
        (folder / "session.replies.yaml").write_text(dump(replies), "utf-8")
    return path


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    from typer.testing import CliRunner

    from workbook.cli import app

    folder = tmp_path_factory.mktemp("answers")
    session = _write(folder)
    result = CliRunner().invoke(
        app, ["pack", str(session), "-o", str(folder / "pack.pdf"), "--boards", "none"]
    )
    assert result.exit_code == 0, result.output
    return folder / "pack.pdf", result


def _bodies(path: Path) -> list[str]:
    """Each page's text without its footer (which pypdf reads first)."""
    return [re.sub(r"^.*? Side \d+ ", "", text, count=1) for text in pdf_text(path)]


def _page(pages: list[str], start: str) -> int:
    return next(i for i, text in enumerate(pages) if text.startswith(start))


def test_before_the_session_says_who_comes_and_what_they_wrote(pack: tuple[Path, Any]) -> None:
    pages = _bodies(pack[0])
    at = _page(pages, "Før sessionen")
    # after the programme section, just before the facilitator's notes that point to it
    assert _page(pages, "Program") < at == _page(pages, "Facilitatorens noter") - 1
    page = pages[at]
    assert "3 af 4 partnere har svaret: 1 kommer, 1 kan ikke komme, 1 har ikke sagt, om de " in (
        page
    )
    assert "Svarfristen er torsdag den 25. februar 2027." in page
    for expected in (
        "Ayşe Yılmaz · Ağaç Kooperatif · Kommer",
        "RESSOURCER Netværk og kontakter, Arbejdstid, Et prøvekøkken To medarbejdere fem "
        "timer om ugen. Betingelse: deling af data.",
        "Det har jeg mandat til at træffe beslutninger om: Arbejdstid og indkøb op til",
        "Hvem tager ansvar for materialerne? Kommunen",
        "Hvem skal have adgang til materialerne – hvornår? Alle partnere, straks",
        "Ønsker og hensyn til forplejning Vegetarisk",
        "Bjørn Åberg · Grønt Køkken ApS · Kan ikke komme",
        "Sofie Jensen · Københavns Kommune · Har ikke sagt, om de kommer",
        "HAR IKKE SVARET ENDNU • Ida Nørgaard (Madfællesskabet)",
    ):
        assert expected in page, expected
    assert "Nogen Andre" not in " ".join(pages)


def test_a_reply_for_nobody_in_the_session_is_told(pack: tuple[Path, Any]) -> None:
    assert "the reply from Nogen Andre (Væk) is for no partner of the session any more" in (
        pack[1].output
    )


def test_the_introductions_notes_point_to_the_answers(pack: tuple[Path, Any]) -> None:
    pages = _bodies(pack[0])
    intro = pages[_page(pages, "RAMMESÆTNING · 09.10–09.25")]
    assert "står på siden »Før sessionen«" in intro
    others = [p for p in pages if p.startswith(("RAMMESÆTNING ·", "DELSESSION"))]  # kickers
    assert sum("står på siden »Før sessionen«" in p for p in others) == 1


def _faint(path: Path) -> dict[str, list[str]]:
    """Per partner's contribution circle, the words drawn in the faint colour."""
    faint = load_layout().colour("faint")
    colour = (faint.red, faint.green, faint.blue)
    found: dict[str, list[str]] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            text = page.extract_text() or ""
            if "BIDRAGSCIRKLEN" not in text:
                continue
            owner = next(p["name"] for p in PARTNERS if p["name"] in text)
            chars = [
                c
                for c in page.chars
                if tuple(round(v, 3) for v in (c.get("non_stroking_color") or ()))
                == tuple(round(v, 3) for v in colour)
            ]
            found[owner] = [c["text"] for c in chars]
            assert all(c["size"] > 8.99 for c in chars)  # the type floor
    return found


def test_the_contribution_circle_shows_the_partners_resources_faintly(
    pack: tuple[Path, Any],
) -> None:
    faint = _faint(pack[0])
    assert set(faint) == {p["name"] for p in PARTNERS}
    drawn = "".join(faint["Ayşe Yılmaz"]).replace(" ", "")
    # a start to write over: the kinds ticked, then what was written, cut to the room
    assert (
        drawn
        == "Fraditsvarpåinvitationen:Netværkogkontakter,Arbejdstid,Etprøvekøkken–Tomedarbejdere…"
    )
    words = _circle_words(pack[0], "Ayşe Yılmaz")
    assert "Fra dit svar på invitationen: Netværk og kontakter, Arbejdstid" in words
    # Bjørn replied without resources, Ida did not reply: their circles are blank
    assert faint["Bjørn Åberg"] == [] and faint["Ida Nørgaard"] == []


def _circle_words(path: Path, partner: str) -> str:
    pages = pdf_text(path)
    return next(p for p in pages if "BIDRAGSCIRKLEN" in p and partner in p)


def test_leave_out_keeps_the_circles_blank(tmp_path: Path, cli: Any) -> None:
    session = _write(tmp_path, leave_out=["circle_resources"])
    assert cli("pack", session, "-o", tmp_path / "pack.pdf", "--boards", "none").exit_code == 0
    assert all(words == [] for words in _faint(tmp_path / "pack.pdf").values())
    assert "Før sessionen" in " ".join(pdf_text(tmp_path / "pack.pdf"))


def test_the_record_lists_what_partners_asked_for_the_documentation(
    pack: tuple[Path, Any],
) -> None:
    pages = _bodies(pack[0])
    record = " ".join(p for p in pages[_page(pages, "Opsamling efter sessionen") :])
    assert (
        "Det skrev partnerne om dokumentationen i deres svar på invitationen: Ayşe Yılmaz: "
        "Hvem tager ansvar for materialerne? Kommunen · Hvem skal have adgang til "
        "materialerne – hvornår? Alle partnere, straks"
    ) in record


def test_without_replies_the_pack_is_as_before(tmp_path: Path, cli: Any) -> None:
    session = _write(tmp_path, replies=None)
    assert cli("pack", session, "-o", tmp_path / "pack.pdf", "--boards", "none").exit_code == 0
    text = " ".join(pdf_text(tmp_path / "pack.pdf"))
    assert "Før sessionen" not in text and "Fra dit svar" not in text
    assert "Det skrev partnerne" not in text


def test_a_replies_file_with_a_mistake_stops_the_pack_with_its_line(
    tmp_path: Path, cli: Any
) -> None:
    session = _write(tmp_path, replies=None)
    (tmp_path / "session.replies.yaml").write_text(
        "replies:\n- partner: Ida Nørgaard\n  organisation: Madfællesskabet\n  attending: måske\n"
    )
    result = cli("pack", session, "-o", tmp_path / "pack.pdf")
    assert result.exit_code == 1
    assert (
        "session.replies.yaml:4:3" in result.output and "true eller false" in result.output
    )  # in the session's language
    assert not (tmp_path / "pack.pdf").exists()


def test_in_english(tmp_path: Path, cli: Any) -> None:
    session = _write(tmp_path, language="en")
    assert cli("pack", session, "-o", tmp_path / "pack.pdf", "--boards", "none").exit_code == 0
    text = " ".join(pdf_text(tmp_path / "pack.pdf"))
    assert "Before the session" in text
    assert "3 of 4 partners have replied: 1 will come, 1 cannot come, 1 did not say" in text
    assert "From your reply to the invitation:" in text
