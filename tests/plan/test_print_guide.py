"""The print guide's page ranges, and ``pack --split``: one complete PDF per print job."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import normalise, pdf_text
from workbook.plan.checklist import Checklist
from workbook.plan.document import PackPlan

JOBS = ("haefte", "arbejdsark", "boards-ark", "navnekort", "deltagerliste-og-opsamling")


def _ranges(planning: str) -> dict[str, tuple[int, int]]:
    """Each split file the print guide names, with the pages it says the pack holds."""
    found = {}
    for name, first, last in re.findall(r"pack-([a-z-]+)\.pdf s\. (\d+)(?:–(\d+))?", planning):
        found[name] = (int(first), int(last or first))
    return found


def _without_footer(page: str) -> str:
    return re.sub(r"Side \d+", "", page).strip()


def test_split_writes_one_complete_file_per_print_job(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    session = write_session()
    pack = tmp_path / "pack.pdf"
    result = cli("pack", session, "-o", pack, "--split")
    assert result.exit_code == 0, result.output
    pages = pdf_text(pack)
    planning = next(p for p in pages if "PRINTGUIDE" in p)
    ranges = _ranges(planning)
    assert set(ranges) == set(JOBS)
    covered = []
    for name in JOBS:
        path = tmp_path / f"pack-{name}.pdf"
        assert f"Skrev {path}" in result.output  # a Danish session says it in Danish
        first, last = ranges[name]
        split = pdf_text(path)
        assert len(split) == last - first + 1
        # the same pages as in the pack, only the footer's page numbers differ
        assert [_without_footer(p) for p in split] == [
            _without_footer(p) for p in pages[first - 1 : last]
        ]
        covered += range(first, last + 1)
    assert sorted(covered) == list(range(1, len(pages) + 1))  # every page in exactly one job
    assert "Fold her" in pdf_text(tmp_path / "pack-navnekort.pdf")[0]
    assert (tmp_path / "pack-boards.pdf").exists()  # the posters, named in the guide too
    assert "pack-boards.pdf" in planning


def test_without_split_only_the_pack_and_its_posters_are_written(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    session = write_session()
    assert cli("pack", session, "-o", tmp_path / "pack.pdf").exit_code == 0
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["pack-boards.pdf", "pack.pdf"]


def test_the_guide_counts_the_booklet_two_sided_and_names_what_posters_replace(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    session = write_session()
    pack = tmp_path / "pack.pdf"
    assert cli("pack", session, "-o", pack, "--boards", "a1").exit_code == 0
    planning = next(p for p in pdf_text(pack) if "PRINTGUIDE" in p)
    first, last = _ranges(planning)["haefte"]
    sheets = -(-(last - first + 1) // 2)
    assert re.search(rf"s\. {first}–{last} 1 A4 dobbeltsidet {sheets} ", planning)
    assert re.search(
        r"Fælles skabeloner i A4 \(til overblik\) \S+ s\. \d+–\d+ – A4 enkeltsidet –", planning
    )
    assert "Fælles plakater i A1" in planning
    assert len(PdfReader(tmp_path / "pack-boards.pdf").pages) == 7


def test_left_out_materials_leave_the_guide_and_the_split(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    session = write_session(leave_out=["name_cards", "sign_in", "record"])
    pack = tmp_path / "pack.pdf"
    assert cli("pack", session, "-o", pack, "--split", "--boards", "none").exit_code == 0
    planning = next(p for p in pdf_text(pack) if "PRINTGUIDE" in p)
    assert set(_ranges(planning)) == {"haefte", "arbejdsark", "boards-ark"}
    assert not (tmp_path / "pack-navnekort.pdf").exists()


def test_order_dialogue_sorts_the_circles_by_dialogue(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    session = write_session()
    pack = tmp_path / "pack.pdf"
    assert (
        cli("pack", session, "-o", pack, "--order", "dialogue", "--boards", "none").exit_code == 0
    )
    pages = pdf_text(pack)
    names = ("FORANDRINGSCIRKLEN", "BIDRAGSCIRKLEN", "SKALERINGSCIRKLEN")  # titles: capitals
    circles = [p for p in pages if "Hver for sig" in p and any(n in p for n in names)]
    titles = [next(t for t in names if t in p) for p in circles]
    # every partner's change circles first (with the extra one), then contribution, then scaling
    assert titles == [names[0]] * 4 + [names[1]] * 2 + [names[2]] * 2
    assert "Mads Kristensen" in circles[4] and "Sofie Jensen" in circles[5]


def test_an_unknown_order_is_a_clear_error(write_session: Any, cli: Any, tmp_path: Path) -> None:
    result = cli("pack", write_session(), "-o", tmp_path / "pack.pdf", "--order", "day")
    assert result.exit_code == 1
    assert "ukendt rækkefølge 'day'" in result.output and "partner, dialogue" in result.output
    assert not list(tmp_path.glob("*.pdf"))


def test_tiled_posters_are_counted_in_office_sheets_and_untiled_ones_say_how_to_tile(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    session = write_session()
    pack = tmp_path / "pack.pdf"
    assert cli("pack", session, "-o", pack, "--boards", "a2", "--tile").exit_code == 0
    planning = next(p for p in pdf_text(pack) if "PRINTGUIDE" in p)
    sheets = len(PdfReader(tmp_path / "pack-boards.pdf").pages)
    assert re.search(
        rf"Fælles plakater i A2 .* pack-boards\.pdf {sheets} sider 1 A4 enkeltsidet {sheets} ",
        planning,
    )
    assert "Plakater i alt" not in planning  # tiled, they are office sheets
    assert "Ingen plotter?" not in planning
    plain = tmp_path / "plain.pdf"
    assert cli("pack", session, "-o", plain, "--boards", "a2").exit_code == 0
    planning = next(p for p in pdf_text(plain) if "PRINTGUIDE" in p)
    assert "Ingen plotter? Med »--boards a2 --tile« kommer plakaterne på ark i A4" in planning


ROOT = Path(__file__).resolve().parent.parent.parent
SESSIONS = [
    ROOT / "examples" / "session.yaml",
    *sorted(
        path  # the session files; a replies file beside one is its partners' answers
        for path in ROOT.joinpath("tests", "data", "stress").glob("*.yaml")
        if not path.name.endswith(".replies.yaml")
    ),
]
# (session, poster size or "auto", tiled): every corpus session with its posters as the
# command makes them by default, and the example's posters tiled on office sheets
CASES = [(path, "auto", False) for path in SESSIONS] + [(SESSIONS[0], "a2", True)]


@dataclass(frozen=True)
class Printed:
    """A session's pack as ``pack --split`` writes it, its posters and its agenda."""

    plan: PackPlan
    pages: list[str]  # the pack's text, page by page
    files: dict[str, int]  # every file beside the pack, by name: its pages
    posters: int | None
    agenda: int


@pytest.fixture(scope="module", params=CASES, ids=lambda case: f"{case[0].stem}-{case[1]}")
def printed(request: pytest.FixtureRequest) -> Printed:
    from workbook.app.agenda import render_agenda_pdf
    from workbook.app.options import AUTO, PrintOptions
    from workbook.app.pack import render_pack_pdfs
    from workbook.app.prepare import prepare
    from workbook.plan.programme import build_programme
    from workbook.plan.words import Words
    from workbook.plan.worksheets import joint_boards

    session, size, tile = request.param
    paper = session.stem.rsplit("-", 1)[-1]
    p = prepare(session, None, (), False, paper if paper in ("a4", "letter") else None)
    has_boards = bool(joint_boards(p.schedule, p.content, Words(p.content)))
    size = (size if size != "auto" else AUTO) if has_boards else None
    options = PrintOptions(paper=p.layout.paper_name, split=True, tile=tile)
    boards = Path("pack-boards.pdf") if size else None
    made = render_pack_pdfs(p, session, Path("pack.pdf"), size, boards, options)
    agenda = render_agenda_pdf(p, build_programme(p.session, p.schedule, p.content), session)
    return Printed(
        made.plan,
        [page.extract_text() for page in PdfReader(io.BytesIO(made.pack)).pages],
        {path.name: len(PdfReader(io.BytesIO(data)).pages) for path, data in made.jobs},
        len(PdfReader(io.BytesIO(made.posters)).pages) if made.posters else None,
        len(PdfReader(io.BytesIO(agenda)).pages),
    )


def _guide(plan: PackPlan) -> Checklist:
    return next(page for page in plan.pages if isinstance(page, Checklist))


def test_the_guide_names_the_pages_and_sheets_of_the_pack_it_is_printed_in(
    printed: Printed,
) -> None:
    """The print guide is drawn before the pages it counts are placed (one build, the
    numbers filled in at its end): read back from the PDF, each job's row names the pages
    where its pages fell, and the jobs together hold every page of the pack once."""
    from workbook.plan.print_guide import jobs_of

    said = " ".join(" ".join(printed.pages).split())
    covered = []
    for job in jobs_of(printed.plan):
        row = [job.file, job.pages, str(job.copies or "–"), job.paper, job.sides]
        assert normalise(" ".join([*row, str(job.sheets or "–")])) in said, job
        for first, last in re.findall(r"(\d+)(?:–(\d+))?", job.pages):
            covered += range(int(first), int(last or first) + 1)
    assert sorted(covered) == list(range(1, len(printed.pages) + 1))


def test_the_guides_counts_are_the_pages_of_the_pdfs(printed: Printed) -> None:
    """Every count in the print guide is a count of pages some PDF holds: each print job's
    pages are its --split file's, the posters' are the posters file's, the participants'
    agenda's are what ``workbook agenda`` makes; sheets follow from pages, copies and sides;
    office sheets and posters are totalled apart, each total the sum of its rows, as printed."""
    from workbook.render.pages.checklist import late_texts

    guide = _guide(printed.plan)
    assert guide.guide is not None
    words = guide.guide
    said = " ".join(" ".join(printed.pages).split())
    by_total: dict[str, int] = {}
    posters = 0  # the posters' pages, over the sizes they are printed at
    for job in guide.jobs:
        if job.indices:  # in the pack: as many pages as its file
            pages = printed.files[job.file]
            counted = sum(
                int(last or first) - int(first) + 1
                for first, last in re.findall(r"(\d+)(?:–(\d+))?", job.pages)
            )
            assert counted == pages, job
        else:  # beside the pack: the count the guide names is its file's
            pages = int(re.findall(r"\d+", job.pages)[0])
            if job.key == "posters":
                posters += pages
            else:
                assert pages == printed.agenda, job
        per_copy = -(-pages // 2) if job.sides == words.two_sided else pages
        assert job.sheets == job.copies * per_copy, job
        by_total[job.total] = by_total.get(job.total, 0) + job.sheets
    assert posters == (printed.posters or 0)
    texts = late_texts(guide)
    assert [total.key for total in guide.totals] == list(by_total)
    for total in guide.totals:
        assert texts[f"total-{total.key}"] == str(by_total[total.key])
        assert f"{total.label} {by_total[total.key]}" in said
    posters = [job for job in guide.jobs if job.key == "posters"]
    if posters and posters[0].total.startswith("posters-"):  # never added to office sheets
        office = guide.totals[0]
        assert by_total[office.key] == sum(job.sheets for job in guide.jobs if job.key != "posters")


def test_the_booklet_without_the_credits_ends_with_the_planning(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    pack = tmp_path / "pack.pdf"
    session = write_session(leave_out=["credits"])
    assert cli("pack", session, "-o", pack, "--boards", "none").exit_code == 0
    planning = " ".join(p for p in pdf_text(pack) if "PRINTGUIDE" in p or "NING (FORTSAT)" in p)
    assert "Facilitatorens hæfte (forsiden til og med planlægningen)" in planning
    assert "til og med tak" not in planning


def _warnings(output: str) -> list[str]:
    """The capacity warnings the command said (after its word for a warning, "advarsel:")."""
    said = [line.partition(": ")[2] for line in output.splitlines()]
    return [" ".join(text.split()) for text in said if text.startswith("Obs:")]


def test_the_capacity_advice_is_said_once_and_can_always_be_followed(
    write_session: Any, cli: Any, tmp_path: Path
) -> None:
    """No posters: one warning, not one per board, that posters would help. A poster too
    small: the size that holds every field, and with it no warning. A board no poster holds
    whole (ten partners need 20 post-its a field): printed a field per poster, which the
    command and the print guide say, and no advice that cannot be followed."""
    session = write_session()
    result = cli("pack", session, "-o", tmp_path / "none.pdf", "--boards", "none")
    (warning,) = _warnings(result.output)
    assert "--boards auto" in warning and "større plakat" not in warning
    assert "(1 post-it)" in warning and not re.search(r"\b1\s+post-its", warning)

    result = cli("pack", session, "-o", tmp_path / "a3.pdf", "--boards", "a3")
    (warning,) = _warnings(result.output)
    larger = re.search(r"Vælg en større plakat med --boards (a\d)\.", warning)
    assert larger and larger[1] != "a3"
    followed = cli("pack", session, "-o", tmp_path / "fits.pdf", "--boards", larger[1])
    assert followed.exit_code == 0 and not _warnings(followed.output)

    partners = [{"name": f"Partner {n}", "organisation": "Org"} for n in range(1, 11)]
    ten = write_session("ten.yaml", partners=partners)
    for size in ("auto", "a0"):
        result = cli("pack", ten, "-o", tmp_path / f"ten-{size}.pdf", "--boards", size)
        assert result.exit_code == 0 and not _warnings(result.output)
        apart = [line for line in result.output.splitlines() if "ét felt pr. plakat" in line]
        assert len(apart) == 2  # the reflection on the ambition and the next steps
        said = " ".join(" ".join(pdf_text(tmp_path / f"ten-{size}.pdf")).split())
        assert all(" ".join(line.partition(": ")[2].split()) in said for line in apart)
