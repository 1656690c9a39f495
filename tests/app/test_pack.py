"""The facilitator's pack, rendered for real and read back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import normalise, pdf_text, qpdf_check
from workbook.language.loading import load_content

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def default_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from workbook.cli import app

    folder = tmp_path_factory.mktemp("pack")
    session = folder / "session.yaml"
    session.write_text(
        """language: da
title: "Smag & <Samarbejde> / test"
date: 2027-03-04
start: "08:30"
venue: "Ørestad Madhus"
facilitator: {name: "Åse Ærø"}
partners:
  - {name: "Bjørn & Søn <ApS>", organisation: "Fødevarer A/S", role: "Direktør"}
  - {name: "Ida Nørgaard", organisation: "Økologisk Forening"}
""",
        "utf-8",
    )
    result = CliRunner().invoke(app, ["pack", str(session), "-o", str(folder / "pack.pdf")])
    assert result.exit_code == 0, result.output
    return folder / "pack.pdf"


def test_every_question_label_and_prompt_of_the_guide_is_in_the_pack(default_pack: Path) -> None:
    text = " ".join(pdf_text(default_pack))
    content = load_content("da")
    expected: list[str] = []
    for dialogue in (
        content.process.dialogues.ambition,
        content.process.dialogues.contribution,
        content.process.dialogues.scaling,
    ):
        expected.append(dialogue.question)
        expected.append(dialogue.circle.centre)
        for sector in dialogue.circle.sectors:
            expected += [sector.question, sector.prompt]
        for category in dialogue.analysis.categories:
            expected += [category.name, category.definition]
        expected += [field.label for field in dialogue.reflection.fields]
        expected += [question.text for question in dialogue.reflection.questions]
    for quadrant in content.next_steps.quadrants:
        expected += [quadrant.title, quadrant.question, *quadrant.prompts]
    for group in content.planning.groups:
        expected += [group.title, *group.items]
    expected.append(content.process.dialogues.ambition.circle.opening or "")
    missing = [item for item in expected if normalise(item) not in text]
    assert not missing


def test_the_cover_credits_the_authors_as_the_letter_does(default_pack: Path) -> None:
    cover = pdf_text(default_pack)[0]
    assert "af Jesper Lee Jyderup, Frank Sejersen og Mia Maja Hansson." in cover


def test_user_text_with_markup_characters_appears_literally(default_pack: Path) -> None:
    pages = pdf_text(default_pack)
    assert "Smag & <Samarbejde> / test" in pages[0]
    assert "Bjørn & Søn <ApS>" in pages[0]
    assert "Åse Ærø" in pages[0]
    circles = [page for page in pages if "Bjørn & Søn <ApS>" in page and "Min ambition" in page]
    assert len(circles) == 2  # the personal forandringscirkel and the extra one


def test_default_agenda_times_from_the_start(default_pack: Path) -> None:
    agenda = next(page for page in pdf_text(default_pack) if "Programpunkt" in page)
    starts = ["08.30", "08.40", "08.55", "10.55", "11.55", "13.25", "14.55", "15.15"]
    ends = [*starts[1:], "15.30"]
    for start, end in zip(starts, ends, strict=True):
        assert f"{start}–{end}" in agenda
    assert "slut kl. 15.30" in agenda
    assert "Samlet varighed 7 t" in agenda


def test_pages_are_a4_portrait_or_landscape(default_pack: Path) -> None:
    sizes = {
        (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
        for p in PdfReader(default_pack).pages
    }
    assert sizes == {A4, A4[::-1]}


def test_every_font_is_embedded(default_pack: Path) -> None:
    fonts = {}
    for page in PdfReader(default_pack).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            fonts[font["/BaseFont"]] = descriptor is not None and (
                "/FontFile2" in descriptor.get_object()
            )
    assert fonts and all(fonts.values()), fonts
    assert all("NotoSans" in name for name in fonts)


def test_every_page_has_the_footer_with_its_number(default_pack: Path) -> None:
    pages = pdf_text(default_pack)
    assert all(
        f"Side {number}" in page and "Smag & <Samarbejde> / test" in page
        for number, page in enumerate(pages, 1)
    )


def test_the_pdf_is_structurally_sound(default_pack: Path) -> None:
    qpdf_check(default_pack)


def test_same_session_gives_the_same_bytes(write_session, cli, tmp_path: Path) -> None:
    session = write_session(agenda=["opening", "ambition"])
    # the same name in two folders: the print guide names the files beside the pack
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        cli("pack", session, "-o", tmp_path / folder / "pack.pdf")
    assert (tmp_path / "a" / "pack.pdf").read_bytes() == (tmp_path / "b" / "pack.pdf").read_bytes()


def test_a_part_left_out_leaves_out_its_worksheets_and_notes(
    write_session, cli, tmp_path: Path
) -> None:
    session = write_session(agenda=["opening", "ambition", "closing"])
    result = cli("pack", session, "-o", tmp_path / "short.pdf")
    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text(tmp_path / "short.pdf"))
    assert "FORANDRINGSCIRKLEN" in text  # a worksheet's title, in capitals by its level
    assert "HVAD BLIVER VI PARTNERE OM?" in text
    for absent in (
        "SKALERINGSCIRKLEN",
        "BIDRAGSCIRKLEN",
        "VORES SAMSPILSAMBITION",  # (the process model's text names every dialogue)
        "TIPS TIL OPSAMLINGEN",
    ):
        assert absent not in text


def test_worksheets_per_partner_are_counted_in_the_print_list(
    write_session, cli, tmp_path: Path
) -> None:
    partners = [{"name": f"Partner {i}", "organisation": f"Org {i}"} for i in range(5)]
    session = write_session(partners=partners)
    cli("pack", session, "-o", tmp_path / "p.pdf")
    pages = pdf_text(tmp_path / "p.pdf")
    circles = [p for p in pages if "Individuel refleksion" in p and "Partner 3" in p]
    assert len(circles) == 4  # forandringscirkel, extra, bidragscirkel, skaleringscirkel
    planning = next(p for p in pages if "PRINTGUIDE" in p)
    found = re.search(
        r"Arbejdsark med navn – 4 pr. partner \S+ s\. (\d+)–(\d+) 1 A4 enkeltsidet 20", planning
    )
    assert found, planning
    first, last = int(found[1]), int(found[2])
    assert last - first + 1 == 20
    assert all("Individuel refleksion" in page for page in pages[first - 1 : last])
    assert "Individuel refleksion" not in pages[first - 2] + pages[last]


def test_each_circle_sheet_is_drawn_once_and_placed_on_every_partners_page(
    write_session, cli, tmp_path: Path
) -> None:
    partners = [{"name": f"Partner {i}", "organisation": f"Org {i}"} for i in range(4)]
    cli("pack", write_session(partners=partners), "-o", tmp_path / "p.pdf")
    reader = PdfReader(tmp_path / "p.pdf")
    forms: dict[str, set[int]] = {}
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject")
        for name, ref in xobjects.get_object().items() if xobjects else []:
            forms.setdefault(name, set()).add(ref.idnum)
    circles = {name: ids for name, ids in forms.items() if "circle" in name}
    # four kinds of circle sheet, each one object however many partners there are
    assert len(circles) == 4 and all(len(ids) == 1 for ids in circles.values())
    # and each partner's sheets read in full, the same but for the name
    texts = pdf_text(tmp_path / "p.pdf")
    sheets = [
        [
            re.sub(r"Side \d+|Partner \d|Org \d", "", t)
            for t in texts
            if f"Partner {i}" in t and "Individuel refleksion" in t
        ]
        for i in range(4)
    ]
    assert len(sheets[0]) == 4 and all(found == sheets[0] for found in sheets)
    assert all("Hvad vil jeg forandre?" in t for t in sheets[3][:2])


def test_default_output_name_comes_from_date_and_title(write_session, cli, tmp_path: Path) -> None:
    session = write_session(title="Skolemad på Nørrebro!")
    result = cli("pack", session)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "2027-03-04-skolemad-pa-norrebro.pdf").is_file()


def test_a_title_with_path_characters_stays_beside_the_session(
    write_session, cli, tmp_path: Path
) -> None:
    session = write_session(title="../../etc/passwd\\..")
    result = cli("pack", session)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert names == ["2027-03-04-etc-passwd-boards.pdf", "2027-03-04-etc-passwd.pdf"]


def test_two_hundred_partners_render(write_session, cli, tmp_path: Path) -> None:
    partners = [
        {"name": f"Deltager {i:03d} Ærø", "organisation": f"Organisation {i}"} for i in range(200)
    ]
    out = tmp_path / "200.pdf"
    result = cli("pack", write_session(partners=partners), "-o", out)
    assert result.exit_code == 0, result.output
    text = pdf_text(out)
    first = sum("Deltager 000 Ærø" in page for page in text)
    last = sum("Deltager 199 Ærø" in page for page in text)
    assert first >= 3 and first == last  # each partner gets the same named worksheets


def test_text_of_two_thousand_characters_is_refused_naming_each_limit(
    write_session, cli, tmp_path: Path
) -> None:
    long = ("Skovbrynets Grønne Fællesskab " * 70)[:2000]
    partners = [{"name": long, "organisation": long}, {"name": "Bo", "organisation": "Org"}]
    session = write_session(
        language="en",  # its messages in English, as pinned below
        title=long,
        venue=long,
        host=long,
        facilitator={"name": long},
        partners=partners,
        agenda=["opening", {"title": long, "minutes": 30}, "ambition", "contribution", "closing"],
    )
    out = tmp_path / "long.pdf"
    result = cli("pack", session, "-o", out)
    assert result.exit_code == 1, result.output
    for whose, limit in [
        (": 'title'", 160),
        (": 'venue'", 120),
        (": 'host'", 120),
        (": 'facilitator.name'", 80),
        (" partner 1: 'name'", 80),
        (" partner 1: 'organisation'", 120),
        (" agenda, entry 2: 'title'", 100),
    ]:
        said = f"{whose} is 2000 characters long; at most {limit} are allowed\n"
        assert said in result.output
    assert not out.exists()


def test_text_at_the_stated_maxima_renders(write_session, cli, tmp_path: Path) -> None:
    def text(length: int) -> str:
        return ("Skovbrynets Grønne Fællesskab " * 10)[:length].strip().ljust(length, "x")

    def email(length: int) -> str:  # an address, as long as one may be
        return "a" * (length - len("@example.dk")) + "@example.dk"

    partners = [
        {"name": text(80), "organisation": text(120), "role": text(120), "email": email(100)},
        {"name": "Bo", "organisation": "Org"},
    ]
    session = write_session(
        title=text(160),
        short_title=text(60),
        venue=text(120),
        host=text(120),
        facilitator={"name": text(80), "email": email(100)},
        partners=partners,
        agenda=["opening", {"title": text(100), "minutes": 30}, "ambition", "closing"],
    )
    out = tmp_path / "long.pdf"
    result = cli("pack", session, "-o", out)
    assert result.exit_code == 0, result.output
    pages = pdf_text(out)
    assert normalise(text(160)) in pages[0]  # the cover wraps the whole title
    # the footers name the session by its short title, whole, beside the date
    assert all(f"{normalise(text(60))} · torsdag den 4. marts 2027" in page for page in pages)


def _days(count: int, first: dt.date) -> list[object]:
    agenda: list[object] = ["opening", "ambition"]
    for day in range(1, count):
        agenda += [{"day": (first + dt.timedelta(days=day)).isoformat()}, "lunch"]
    return agenda


def test_a_session_of_more_than_a_week_is_refused_naming_the_limit(
    write_session, cli, tmp_path: Path
) -> None:
    from workbook.session.model import MAX_DAYS, load_session

    first = dt.date(2027, 3, 4)
    week = write_session(date=first.isoformat(), agenda=_days(MAX_DAYS, first))
    assert load_session(week)  # a week is allowed
    longer = write_session(language="en", date=first.isoformat(), agenda=_days(MAX_DAYS + 1, first))
    out = tmp_path / "long.pdf"
    result = cli("pack", longer, "-o", out)
    assert result.exit_code == 1
    assert (
        f"'agenda' runs over {MAX_DAYS + 1} days; at most {MAX_DAYS} are allowed" in result.output
    )
    assert not out.exists()


@pytest.mark.parametrize("count", [16, 24])
def test_a_group_larger_than_the_cover_holds_gets_its_list_on_a_page_of_its_own(
    count: int, tmp_path: Path
) -> None:
    """Up to 12 partners the cover lists them; a larger group at every maximum has its list
    after the cover (two to a row when one page would not hold it otherwise), and the
    cover says so: no page holding only the cover's last lines."""
    import yaml

    from tests.conftest import REPO
    from tests.layout_check import Expect, check_pdf
    from workbook.app.options import PrintOptions
    from workbook.app.pack import make_pack

    data = yaml.safe_load((REPO / "tests/data/stress/da-twelve-bare-a4.yaml").read_text("utf-8"))
    twelve = data["partners"]
    partners = [
        dict(twelve[i % 12], name=f"{twelve[i % 12]['name'][:56]} {i:02d}") for i in range(count)
    ]
    session = tmp_path / "session.yaml"
    session.write_text(yaml.safe_dump({**data, "partners": partners}, allow_unicode=True), "utf-8")
    pack = tmp_path / "pack.pdf"
    made = make_pack(session, pack, options=PrintOptions(boards="none"))
    pages = pdf_text(pack)
    assert f"{count} partnere – listen står på næste side." in normalise(pages[0])
    names = [partner["name"] for partner in partners]
    assert not any(name in normalise(pages[0]) for name in names)
    assert "Side 2 Partnere " in pages[1]  # the footer first, then the list's heading
    listed = normalise(" ".join(pages[1:3]))
    assert all(name in listed for name in names)
    assert check_pdf(pack, Expect(whole=names, ends=made.ends)) == []
