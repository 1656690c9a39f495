"""Invitation letters, rendered for real and read back: one per partner, safe names, fields."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.conftest import BASE_SESSION, normalise, pdf_text, qpdf_check
from workbook.cli import app
from workbook.files.outputs import safe_name, unique_names
from workbook.language.loading import load_content

A4 = (595.28, 841.89)
SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.pdf$")

PARTNERS = [
    {"name": "Bjørn & Søn <ApS>", "organisation": "Fødevarer A/S", "role": "Direktør"},
    {"name": "Bjørn & Søn <ApS>", "organisation": "Fødevarer A/S"},
    {"name": "Ida/Nørgaard", "organisation": "Økologisk Forening"},
    {"name": "Æsa Øst-Ålund", "organisation": "Madfællesskabet"},
    {"name": "Αλέξης Παπαδόπουλος", "organisation": "Ελληνική Κουζίνα"},
]


def _write(folder: Path, **changes: Any) -> Path:
    data = {**BASE_SESSION, "partners": PARTNERS, **changes}
    path = folder / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _invite(*args: object) -> Any:
    return CliRunner().invoke(app, ["invitations", *[str(a) for a in args]])


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("letters")
    session = _write(folder)
    result = _invite(session, "-o", folder / "out", "--combined", folder / "all.pdf")
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def fillable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fillable")
    session = _write(folder, partners=PARTNERS[2:4])
    result = _invite(session, "-o", folder / "out", "--combined", folder / "all.pdf", "--fillable")
    assert result.exit_code == 0, result.output
    return folder


def test_one_letter_per_partner_with_safe_distinct_names(letters: Path) -> None:
    names = sorted(path.name for path in (letters / "out").glob("*.pdf"))
    assert names == [
        "aesa-ost-alund.pdf",
        "alexes-papadopoulos.pdf",
        "bjorn-son-aps-2.pdf",
        "bjorn-son-aps.pdf",
        "ida-norgaard.pdf",
    ]
    assert all(SAFE.match(name) for name in names)


def test_each_letter_names_its_own_partner_and_no_other(letters: Path) -> None:
    files = {
        "ida-norgaard.pdf": "Ida/Nørgaard",
        "aesa-ost-alund.pdf": "Æsa Øst-Ålund",
        "alexes-papadopoulos.pdf": "Αλέξης Παπαδόπουλος",
        "bjorn-son-aps.pdf": "Bjørn & Søn <ApS>",
    }
    for file, own in files.items():
        text = " ".join(pdf_text(letters / "out" / file))
        assert f"Kære {own}," in text
        others = {p["name"] for p in PARTNERS} - {own}
        assert not [other for other in others if other in text], file


def test_the_reply_slip_and_address_carry_the_partner(letters: Path) -> None:
    first, second = pdf_text(letters / "out" / "bjorn-son-aps.pdf")
    assert first.startswith("Københavns Kommune Bjørn & Søn <ApS> Direktør Fødevarer A/S")
    assert "Navn: Bjørn & Søn <ApS>" in second
    assert "Organisation: Fødevarer A/S" in second
    # the reply-by date: the planning deadline for the partners' answers (7 days before)
    assert "Send gerne dit svar til anne@example.dk senest torsdag den 25. februar 2027." in second
    assert "Svar senest torsdag den 25. februar 2027" in first


def test_the_guide_prompts_and_every_kind_of_resource_are_there(letters: Path) -> None:
    content = load_content("da")
    invitation = content.invitation
    page = pdf_text(letters / "out" / "ida-norgaard.pdf")[1]
    expected = [
        invitation.resources.title,
        invitation.resources.inspiration,
        *invitation.resources.kinds,
        invitation.letter.resources.ask,
        invitation.mandate.title,
        invitation.letter.mandate.ask,
        invitation.documentation.title,
        invitation.letter.documentation.ask,
        *invitation.documentation.questions,
    ]
    assert [item for item in expected if normalise(item) not in page] == []
    assert "ressourcer kan komme i forskellige former" in page.lower()


def test_practical_details_and_programme_in_brief(letters: Path) -> None:
    page = pdf_text(letters / "out" / "ida-norgaard.pdf")[0]
    for expected in (
        "torsdag den 4. marts 2027",
        "kl. 09.00–16.00",
        "CPH Food Space",
        "Anne Holm",
        "anne@example.dk",
        "09.00–09.10 Indledning",
        "09.25–11.25 Hvad bliver vi partnere om?",
        "11.25–12.25 Frokost",
        "15.45–16.00 Afrunding",
        "»Testsession«",
    ):
        assert expected in page, expected


def test_every_letter_is_two_a4_pages_numbered_from_one(letters: Path) -> None:
    for path in (letters / "out").glob("*.pdf"):
        reader = PdfReader(path)
        assert len(reader.pages) == 2, path.name
        assert all(
            (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) == A4
            for p in reader.pages
        )
    pages = pdf_text(letters / "all.pdf")
    assert len(pages) == 2 * len(PARTNERS)
    assert all(f"Side {1 + i % 2}" in page for i, page in enumerate(pages))


def test_combined_holds_every_letter_in_order(letters: Path) -> None:
    pages = pdf_text(letters / "all.pdf")
    for index, partner in enumerate(PARTNERS):
        assert f"Kære {partner['name']}," in pages[2 * index]


def test_without_fillable_no_fields_and_every_font_embedded(letters: Path) -> None:
    for path in [*(letters / "out").glob("*.pdf"), letters / "all.pdf"]:
        reader = PdfReader(path)
        assert not reader.get_fields()
        assert _fonts(reader) and all(_fonts(reader).values()), path.name


def test_fillable_fields_read_back(fillable: Path) -> None:
    fields = PdfReader(fillable / "out" / "ida-norgaard.pdf").get_fields()
    assert fields is not None
    kinds = len(load_content("da").invitation.resources.kinds)
    ticks = {f"resource_{n}" for n in range(1, kinds + 2)} | {"reply"}
    texts = {
        "resources_1",
        "resource_other",
        "mandate_1",
        "documentation_1",
        "documentation_2",
        "reply_field_1",
        "letter_identifier",
    }
    assert set(fields) == ticks | texts
    assert all(fields[name]["/FT"] == "/Btn" for name in ticks)
    assert all(fields[name]["/FT"] == "/Tx" for name in texts)
    assert fields["mandate_1"]["/TU"] == "Det har jeg mandat til at træffe beslutninger om:"
    # attending or not: one radio group, so a partner cannot tick both
    reply = fields["reply"]
    assert int(reply["/Ff"]) & (1 << 15)
    states = [set(kid.get_object()["/AP"]["/N"]) for kid in reply["/Kids"]]
    assert states == [{"/attend", "/Off"}, {"/decline", "/Off"}]


def test_fillable_combined_keeps_each_letters_fields_apart(fillable: Path) -> None:
    fields = PdfReader(fillable / "all.pdf").get_fields() or {}
    assert "letter1_mandate_1" in fields and "letter2_mandate_1" in fields
    assert len(fields) == 2 * len(PdfReader(fillable / "out" / "ida-norgaard.pdf").get_fields())


def test_fields_have_a_white_background(fillable: Path) -> None:
    page = PdfReader(fillable / "out" / "ida-norgaard.pdf").pages[1]
    widgets = [a.get_object() for a in page["/Annots"]]
    shown = [w for w in widgets if not int(w["/F"]) & 2]  # the identifier is hidden
    assert len(shown) == len(widgets) - 1
    assert shown and all(list(w["/MK"]["/BG"]) == [1, 1, 1] for w in shown)


def test_every_pdf_made_is_structurally_sound(letters: Path, fillable: Path) -> None:
    made = [*letters.rglob("*.pdf"), *fillable.rglob("*.pdf")]
    assert len(made) == len(PARTNERS) + 1 + 2 + 1
    for path in made:
        qpdf_check(path)


def test_same_session_gives_the_same_bytes(tmp_path: Path) -> None:
    session = _write(tmp_path, partners=PARTNERS[:1])
    for name in ("a", "b"):
        assert _invite(session, "-o", tmp_path / name, "--fillable").exit_code == 0
    first, second = (tmp_path / n / "bjorn-son-aps.pdf" for n in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()


def test_english_letters(tmp_path: Path) -> None:
    session = _write(
        tmp_path, language="en", title="School meals", partners=[PARTNERS[2]], host="City"
    )
    result = _invite(session, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    first, second = pdf_text(tmp_path / "out" / "ida-norgaard.pdf")
    assert "Hello Ida/Nørgaard," in first
    assert "Thursday, 4 March 2027" in first and "09:00–16:00" in first
    assert "09:25–11:25 What will we partner on?" in first and "Sub-session" not in first
    for title in ("RESOURCES", "DECISION MANDATE", "DOCUMENTATION", "Networks and contacts"):
        assert title in second
    assert "Page 2" in second and "Kære" not in first + second


def test_the_letter_credits_the_guides_three_authors(letters: Path, tmp_path: Path) -> None:
    """Named as the cover names them, joined as each language joins a list (CLDR)."""
    first = pdf_text(letters / "out" / "ida-norgaard.pdf")[0]
    assert (
        "»Partnerskaber for bæredygtig omstilling«, som Jesper Lee Jyderup, Frank Sejersen og "
        "Mia Maja Hansson har udviklet i et forskningsprojekt ved Københavns Universitet." in first
    )
    session = _write(tmp_path, language="en", partners=[PARTNERS[2]])
    assert _invite(session, "-o", tmp_path / "out").exit_code == 0
    first = pdf_text(tmp_path / "out" / "ida-norgaard.pdf")[0]
    assert (
        # en_GB, the English folder's locale: no serial comma.
        "which Jesper Lee Jyderup, Frank Sejersen and Mia Maja Hansson developed in a research "
        "project at the University of Copenhagen." in first
    )


def test_a_long_name_and_organisation_still_fit_two_pages(tmp_path: Path) -> None:
    long_partner = {
        "name": "Maximiliane Alexandra Konstantinopoulou-Vandenberghe-Østerby",  # 60: the most
        # 98 characters: near the 100 an organisation may have
        "organisation": "The Very Long Name of an Organic Cooperative for Regional Food "
        "Producers, Kitchens and Growers ApS",
        "role": "Head of Partnerships, Innovation and Sustainable Development",
    }
    session = _write(tmp_path, partners=[long_partner], host="Københavns Kommune, " * 4)
    assert _invite(session, "-o", tmp_path / "out").exit_code == 0
    (path,) = (tmp_path / "out").glob("*.pdf")
    assert len(path.name) <= 64
    pages = pdf_text(path)
    assert len(pages) == 2
    assert normalise(long_partner["organisation"]) in pages[0]


def test_the_host_logo_is_drawn(tmp_path: Path) -> None:
    Image.new("RGB", (300, 100), (46, 107, 79)).save(tmp_path / "logo.png")
    session = _write(tmp_path, partners=PARTNERS[:1], host_logo="logo.png")
    assert _invite(session, "-o", tmp_path / "out").exit_code == 0
    page = PdfReader(tmp_path / "out" / "bjorn-son-aps.pdf").pages[0]
    images = [x for x in page["/Resources"]["/XObject"].values() if x["/Subtype"] == "/Image"]
    assert len(images) == 1


def test_default_folder_from_date_and_title(tmp_path: Path) -> None:
    session = _write(tmp_path, partners=PARTNERS[:1])
    assert _invite(session).exit_code == 0
    assert (tmp_path / "2027-03-04-testsession-invitationer" / "bjorn-son-aps.pdf").is_file()


@pytest.mark.parametrize(
    ("changes", "args", "expected"),
    [
        (
            {"host_logo": "missing.png", "language": "en"},
            [],
            ["session.yaml:", "'host_logo'", "missing.png does not exist", "relative to"],
        ),
        (
            {"host_logo": "bad.png", "language": "en"},
            [],
            ["session.yaml:", "'host_logo'", "bad.png is not an image"],
        ),
        ({}, ["-o", "{tmp}/afile"], ["afile: er en fil, ikke en mappe"]),
        ({}, ["-o", "{tmp}/no/such/folder"], ["findes ikke"]),
        ({}, ["--combined", "{tmp}/no/such.pdf"], ["mappen, filen skulle skrives i, findes ikke"]),
        ({}, ["--lang", "xx"], ["unknown language 'xx'"]),
        ({"venue": "Hal 東", "language": "en"}, [], ["'東' (U+6771", "not in the font"]),
        # a Danish session is told in Danish
        ({"host_logo": "missing.png"}, [], ["'host_logo': logofilen", "findes ikke"]),
    ],
)
def test_errors_leave_nothing_behind(
    tmp_path: Path, changes: dict[str, Any], args: list[str], expected: list[str]
) -> None:
    (tmp_path / "bad.png").write_text("not an image", "utf-8")
    (tmp_path / "afile").write_text("", "utf-8")
    session = _write(tmp_path, **changes)
    before = sorted(tmp_path.iterdir())
    result = _invite(session, *[arg.format(tmp=tmp_path) for arg in args])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert all(part in result.output for part in expected), result.output
    assert sorted(tmp_path.iterdir()) == before


@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=12))
def test_any_names_give_safe_distinct_file_names(names: list[str]) -> None:
    stems = list(unique_names([safe_name(name, "partner") for name in names]))
    assert len(set(stems)) == len(stems)
    assert all(SAFE.match(f"{stem}.pdf") and len(stem) <= 64 for stem in stems)


def _fonts(reader: PdfReader) -> dict[str, bool]:
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            fonts[font["/BaseFont"]] = descriptor is not None and (
                "/FontFile2" in descriptor.get_object()
            )
    return fonts


def test_several_days_without_host_or_email(tmp_path: Path) -> None:
    session = _write(
        tmp_path,
        host=None,
        facilitator={"name": "Anne Holm"},
        partners=[{"name": "Bo", "organisation": "Org"}],
        agenda=[
            "opening",
            "ambition",
            {"title": "Rundvisning i køkkenet", "minutes": 30},
            {"day": "2027-03-05", "start": "10:00"},
            "contribution",
            "closing",
        ],
    )
    result = _invite(session, "-o", tmp_path / "out", "--combined", tmp_path / "out" / "all.pdf")
    assert result.exit_code == 0, result.output
    first, second = pdf_text(tmp_path / "out" / "bo.pdf")
    assert first.startswith("Anne Holm Bo Org")  # the facilitator invites when no host is named
    assert "torsdag den 4. marts 2027, kl. 09.00–11.40" in first
    assert "fredag den 5. marts 2027, kl. 10.00–11.45" in first
    assert "11.10–11.40 Rundvisning i køkkenet" in first
    assert "Kontakt" not in first and "dit svar til" not in second
    assert len(PdfReader(tmp_path / "out" / "all.pdf").pages) == 2


def test_combined_may_not_take_a_letters_name(tmp_path: Path) -> None:
    session = _write(tmp_path, partners=[{"name": "All", "organisation": "Org"}])
    (tmp_path / "out").mkdir()
    result = _invite(session, "-o", tmp_path / "out", "--combined", tmp_path / "out" / "all.pdf")
    assert result.exit_code == 1
    assert "har samme navn som en partners invitation" in result.output
    assert list((tmp_path / "out").iterdir()) == []


def test_letters_on_letter_paper_say_the_same(letters: Path, tmp_path: Path) -> None:
    session = _write(tmp_path)
    result = _invite(session, "-o", tmp_path / "out", "--paper", "letter")
    assert result.exit_code == 0, result.output
    on_letter = tmp_path / "out" / "ida-norgaard.pdf"
    on_a4 = letters / "out" / "ida-norgaard.pdf"
    pages = PdfReader(on_letter).pages
    assert [(float(p.mediabox.width), float(p.mediabox.height)) for p in pages] == [(612, 792)] * 2
    assert " ".join(pdf_text(on_letter)).split() == " ".join(pdf_text(on_a4)).split()


def test_many_letters_on_every_core_give_the_bytes_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbook.app import invitations

    partners = [
        {**PARTNERS[i % len(PARTNERS)], "name": f"{PARTNERS[i % len(PARTNERS)]['name']} {i}"}
        for i in range(invitations.PARALLEL_FROM + 6)
    ]
    session = _write(tmp_path, partners=partners)
    runs = {}
    for name, threshold in [("parallel", invitations.PARALLEL_FROM), ("serial", 10**6)]:
        monkeypatch.setattr(invitations, "PARALLEL_FROM", threshold)
        out = tmp_path / name
        out.mkdir()
        result = _invite(session, "-o", out / "letters", "--combined", out / "all.pdf")
        assert result.exit_code == 0, result.output
        runs[name] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}
    assert len(runs["parallel"]) == len(partners) + 1
    assert runs["parallel"] == runs["serial"]
    qpdf_check(tmp_path / "parallel" / "all.pdf")
