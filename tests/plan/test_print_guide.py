"""The print guide's page ranges, and ``pack --split``: one complete PDF per print job."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import normalise, pdf_text
from workbook.plan.checklist import Checklist

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
        rf"Fælles plakater i A2 .* pack-boards\.pdf – 1 A4 enkeltsidet {sheets} ", planning
    )
    assert "Ingen plotter?" not in planning
    plain = tmp_path / "plain.pdf"
    assert cli("pack", session, "-o", plain, "--boards", "a2").exit_code == 0
    planning = next(p for p in pdf_text(plain) if "PRINTGUIDE" in p)
    assert "Ingen plotter? Med »--boards a2 --tile« kommer plakaterne på ark i A4" in planning


SESSIONS = [
    Path("examples/session.yaml"),
    *sorted(
        path  # the session files; a replies file beside one is its partners' answers
        for path in Path(__file__).resolve().parent.parent.joinpath("data", "stress").glob("*.yaml")
        if not path.name.endswith(".replies.yaml")
    ),
]


@pytest.mark.parametrize("session", SESSIONS, ids=lambda path: path.stem)
def test_the_guide_names_the_pages_and_sheets_of_the_pack_it_is_printed_in(
    session: Path,
) -> None:
    """The print guide is drawn before the pages it counts are placed (one build, the
    numbers filled in at its end): read back from the PDF, each job's row names the pages
    where its pages fell, and the jobs together hold every page of the pack once."""
    from workbook.app.pack import render_pack_pdfs
    from workbook.app.prepare import prepare
    from workbook.plan.print_guide import jobs_of
    from workbook.render.pages.checklist import late_texts

    root = Path(__file__).resolve().parent.parent.parent
    p = prepare(root / session, None, (), False, None)
    made = render_pack_pdfs(p, root / session, Path("pack.pdf"))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(made.pack)).pages]
    said = " ".join(" ".join(pages).split())
    jobs = jobs_of(made.plan)
    covered = []
    for job in jobs:
        row = [job.file, job.pages, str(job.copies or "–"), job.paper, job.sides]
        assert normalise(" ".join([*row, str(job.sheets or "–")])) in said, job
        for first, last in re.findall(r"(\d+)(?:–(\d+))?", job.pages):
            covered += range(int(first), int(last or first) + 1)
    assert sorted(covered) == list(range(1, len(pages) + 1))
    guide = next(page for page in made.plan.pages if isinstance(page, Checklist))
    assert guide.guide is not None
    assert f"{guide.guide.total} {late_texts(guide)['sheets-total']}" in said
