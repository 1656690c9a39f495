"""Paper choice, the joint boards as posters, and posters tiled onto office sheets."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import REPO, normalise, pdf_text, qpdf_check
from workbook.plan.document import PackPlan
from workbook.render.layout import load_layout

AGENDA = ["opening", "ambition", "contribution", "scaling", "next_steps", "closing"]
SIZES_MM = {"a3": (420, 297), "a2": (594, 420), "a1": (841, 594), "a0": (1189, 841)}
PAPERS_MM = {"a4": (210, 297), "letter": (215.9, 279.4)}
POSTER_MIN_PT = {"a3": 20, "a2": 24, "a1": 24, "a0": 24}  # 24 pt reads from two metres


def _mm(size: tuple[float, float]) -> tuple[int, int]:
    return round(size[0] / mm), round(size[1] / mm)


def _page_mm(page: Any) -> tuple[int, int]:
    return _mm((float(page.mediabox.width), float(page.mediabox.height)))


def _font_sizes(stream: bytes) -> list[float]:
    return [float(size) for size in re.findall(rb"([\d.]+) Tf", stream)]


def _forms(reader: PdfReader) -> dict[int, Any]:
    """Every form XObject in the file, by object number."""
    found = {}
    for page in reader.pages:
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            found[ref.idnum] = ref.get_object()
    return found


def _example_plan(language: str = "da") -> PackPlan:
    from workbook.language.loading import load_content
    from workbook.plan.pack import build_plan
    from workbook.session.model import load_session
    from workbook.session.schedule import build_schedule

    session, doc = load_session(REPO / "examples" / "session.yaml")
    content = load_content(language)
    return build_plan(session, build_schedule(session, content.timing, doc), content)


@pytest.fixture(scope="module")
def render(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Renders the session once per set of options; returns (pack, boards) paths."""
    from typer.testing import CliRunner

    from workbook.cli import app

    folder = tmp_path_factory.mktemp("posters")
    session = folder / "session.yaml"
    session.write_text(
        "language: da\ntitle: Plakater\ndate: 2027-03-04\nstart: '09:00'\nvenue: Her\n"
        "facilitator: {name: Anne}\npartners:\n  - {name: Bo, organisation: Org}\n"
        f"agenda: [{', '.join(AGENDA)}]\n",
        "utf-8",
    )
    done: dict[tuple[str, ...], tuple[Path, Path]] = {}

    def make(*options: str) -> tuple[Path, Path]:
        if options not in done:
            out = folder / f"pack{len(done)}.pdf"
            result = CliRunner().invoke(app, ["pack", str(session), "-o", str(out), *options])
            assert result.exit_code == 0, result.output
            done[options] = (out, out.with_name(f"{out.stem}-boards.pdf"))
        return done[options]

    return make


@pytest.mark.parametrize("paper", PAPERS_MM)
def test_pack_pages_are_the_chosen_paper(render: Any, paper: str) -> None:
    pack, boards = render("--paper", paper)
    sizes = {_page_mm(page) for page in PdfReader(pack).pages}
    width, height = (round(v) for v in PAPERS_MM[paper])
    assert sizes == {(width, height), (height, width)}
    assert boards.exists()  # by default, posters on which every field holds the group's notes
    qpdf_check(pack)


def test_boards_none_writes_no_posters(render: Any) -> None:
    _, boards = render("--boards", "none")
    assert not boards.exists()


def test_default_boards_hold_two_post_its_per_partner_in_every_field(render: Any) -> None:
    from workbook.render.document import make_context
    from workbook.render.posters import capacities, size_for

    boards = _example_plan().boards  # three partners: six notes in every field
    context = make_context(load_layout())
    size = size_for(boards, context, 6)
    assert all(min(fields) >= 6 for fields in capacities(boards, context, size).values())
    smaller = list(SIZES_MM)[: list(SIZES_MM).index(size)]
    assert all(any(min(f) < 6 for f in capacities(boards, context, s).values()) for s in smaller)
    _, boards = render()  # the command's default: posters of that choice
    assert boards.exists()


def test_the_pack_says_the_same_on_letter_as_on_a4(render: Any) -> None:
    a4, _ = render("--paper", "a4")
    letter, _ = render("--paper", "letter")

    def words(path: Path) -> str:
        # footers carry page numbers, and pages that continue a section its heading
        # ("… (fortsat)"), which shift when text reflows on the shorter sheet
        pages = [
            re.sub(r"Side \d+", "", normalise(" ".join(_without_continued(page))))
            for page in PdfReader(path).pages
        ]
        # and the cover's contents the pages its sections start on
        pages[0] = re.sub(r"(?<!\S)\d{1,3}(?!\S)", "", pages[0])
        # the print guide's page ranges and sheet counts follow the pages, and names the files
        text = " ".join(page.replace("Plakater · torsdag den 4. marts 2027", "") for page in pages)
        # a run sheet's notes area takes a page's remainder, which the paper decides
        text = re.sub(r"(?<!\S)NOTER(?!\S)", "", text)
        return normalise(re.sub(r"PRINTGUIDE.*PLADS TIL", "", text))

    # equal text also means no box on the smaller sheet had to cut its text short
    assert words(letter).replace("Letter", "A4") == words(a4)


def _without_continued(page: Any) -> list[str]:
    lines = (page.extract_text() or "").splitlines()
    return [line for line in lines if not line.rstrip().casefold().endswith("(fortsat)")]


def test_no_pack_text_is_below_the_minimum_on_letter(render: Any) -> None:
    pack, _ = render("--paper", "letter")
    sizes = [
        s for page in PdfReader(pack).pages for s in _font_sizes(page.get_contents().get_data())
    ]
    assert sizes and min(sizes) >= 9


@pytest.mark.parametrize("size", SIZES_MM)
def test_boards_file_has_one_poster_page_per_board(render: Any, size: str) -> None:
    _, boards = render("--boards", size)
    reader = PdfReader(boards)
    assert len(reader.pages) == 7  # three analysis boards, three reflection sheets, next steps
    assert all(_page_mm(page) == SIZES_MM[size] for page in reader.pages)
    assert len(_forms(reader)) == 7  # each board drawn once
    qpdf_check(boards)


@pytest.mark.parametrize("size", SIZES_MM)
def test_poster_type_reads_from_two_metres(render: Any, size: str) -> None:
    _, boards = render("--boards", size)
    sizes = [s for form in _forms(PdfReader(boards)).values() for s in _font_sizes(form.get_data())]
    assert sizes and min(sizes) >= POSTER_MIN_PT[size]
    layout = load_layout()
    assert min(sizes) >= layout.data["posters"]["sizes"][size]["type"]["min"]


@pytest.mark.parametrize("size", SIZES_MM)
def test_posters_hold_every_word_of_the_boards(render: Any, size: str) -> None:
    pack, boards = render("--boards", size)
    pages = pdf_text(pack)
    cards = next(i for i, page in enumerate(pages) if "Fold her" in page)
    on_paper = [
        normalise(re.sub(r"Plakater · torsdag den 4\. marts 2027 Side \d+", "", page))
        for page in pages[cards - 7 : cards]
    ]
    # the posters leave out the sheets' instructions (room for notes); every other word stays,
    # and each poster names the session and its date in its strip
    strips = [
        "Plakater · torsdag den 4. marts 2027",
        *(b.poster_title for b in _example_plan().boards),
    ]
    on_posters = []
    for page in pdf_text(boards):
        for strip in strips:
            page = page.replace(strip, "")
        on_posters.append(page)
    assert len(on_posters) == 7
    for poster, paper in zip(on_posters, on_paper, strict=True):
        note = {"Sæt", "post-its", "i", "felterne"}  # an analysis poster's short cue
        assert set(poster.split()) - note <= set(paper.split())
        assert poster.split()[:4] == paper.split()[:4]


@pytest.mark.parametrize("size", ["a2", "a1", "a0"])
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_field_of_a_poster_takes_a_post_it(size: str, language: str) -> None:
    """Every field holds a note, and the fields the layout gives (what the plan is told)
    are the ones the painted board leaves free."""
    from workbook.render.document import make_context
    from workbook.render.pages.boards import board_fields, paint_board
    from workbook.render.posters import board_box, on_poster, poster_context

    context = make_context(load_layout())
    note = 76 * mm
    width, height = board_box(context, size)
    drawn = poster_context(context, size)
    for page in _example_plan(language).boards:
        free = board_fields(width, height, on_poster(page), drawn)
        # each field whole post-its, with the gutter between and round them; on A2 a
        # next-steps quadrant's band (title, question and prompts at 26 pt) leaves a row of
        # notes under it only where its words are short: the bottom row, in Danish
        if size == "a2" and page.key == "next_steps":
            assert any(f.capacity >= 1 for f in free), (size, page)
            continue
        assert free and all(f.capacity >= 1 for f in free), (size, page)
        assert all(f.width >= f.columns * note and f.height >= f.rows * note for f in free)
        painted = paint_board(Canvas(io.BytesIO()), width, height, on_poster(page), drawn)
        assert painted == free


def test_planning_list_counts_post_its_at_the_board_size(render: Any) -> None:
    pack, _ = render("--boards", "a1")
    # the print guide and the page it runs on to (under the chapter's running head)
    planning = " ".join(p for p in pdf_text(pack) if "PRINTGUIDE" in p or "NING (FORTSAT)" in p)
    assert "PLADS TIL POST-ITS (76 MM) PR. PLAKAT I A1" in planning
    found = re.search(r"Fælles analyse: Hvad bliver vi partnere om\? (\d+) (\d+)", planning)
    assert found, planning
    smallest, whole = int(found[1]), int(found[2])
    assert smallest >= 1 and whole >= 3 * smallest  # three fields, each at least the smallest
    assert "Fælles plakater i A1" in planning and "pack" in planning


def test_tiled_boards_have_an_overview_and_labelled_marked_sheets(render: Any) -> None:
    from workbook.render.tiling import plan_tiling

    _, boards = render("--boards", "a1", "--tile")
    layout = load_layout()
    tiling = plan_tiling(
        (841 * mm, 594 * mm), layout.paper, layout.mm("tiling", "margin_mm"), 12 * mm
    )
    sheets = tiling.rows * tiling.columns
    reader = PdfReader(boards)
    assert len(reader.pages) == 7 * (1 + sheets)
    pages = pdf_text(boards)
    overview, first, last = pages[0], pages[1], pages[sheets]
    assert f"{tiling.rows} × {tiling.columns} ark A4 til en plakat i A1" in overview
    assert "overlapper 12 mm" in overview
    assert all(f"{r}.{c}" in overview for r in range(1, 3) for c in range(1, 3))
    assert f"række 1 af {tiling.rows} · kolonne 1 af {tiling.columns}" in first
    assert "klip" not in first and "lim" in first  # the top-left sheet is glued onto, not cut
    label = f"række {tiling.rows} af {tiling.rows} · kolonne {tiling.columns} af {tiling.columns}"
    assert label in last and "klip" in last and "lim" not in last
    assert all(_page_mm(page) in {(210, 297), (297, 210)} for page in reader.pages)
    assert len(_forms(reader)) == 7  # each board drawn once, placed on every sheet
    tile_sizes = [s for p in reader.pages for s in _font_sizes(p.get_contents().get_data())]
    assert min(tile_sizes) >= 9
    assert boards.stat().st_size < 300_000, boards.stat().st_size
    qpdf_check(boards)


def test_tiles_on_letter_paper(render: Any) -> None:
    _, boards = render("--paper", "letter", "--boards", "a2", "--tile")
    reader = PdfReader(boards)
    assert all(_page_mm(page) in {(216, 279), (279, 216)} for page in reader.pages)
    assert "ark Letter til en plakat i A2" in pdf_text(boards)[0]


def test_same_session_gives_the_same_boards_bytes(write_session, cli, tmp_path: Path) -> None:
    session = write_session(agenda=["opening", "next_steps"])
    for name in ("a", "b"):
        result = cli("pack", session, "-o", tmp_path / f"{name}.pdf", "--boards", "a2", "--tile")
        assert result.exit_code == 0, result.output
    assert (tmp_path / "a-boards.pdf").read_bytes() == (tmp_path / "b-boards.pdf").read_bytes()


def test_tile_sheets_carry_a_large_number_and_nothing_near_their_edge(render: Any) -> None:
    _, boards = render("--boards", "a2", "--tile")
    reader = PdfReader(boards)
    overview = pdf_text(boards)[0]
    assert "Klip langs linjen" in overview and "Limstrimmel" in overview
    assert "Arkets nummer" in overview and "og lim" in overview and "tape" not in overview
    sheets = reader.pages[1:9]  # the first board's 2 x 4 sheets
    for index, page in enumerate(sheets):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        found: list[tuple[str, float, float, float]] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float, found: Any = found) -> None:
            # the sheet's own marks and labels, placed where the page's matrix puts them
            if text.strip() in ("klip", "lim") or re.match(r"\d\.\d|.* · række", text.strip()):
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((text.strip(), x, y, size * (tm[0] ** 2 + tm[1] ** 2) ** 0.5))

        page.extract_text(visitor_text=visit)
        number = f"{index // 4 + 1}.{index % 4 + 1}"
        assert any(text == number and size >= 20 for text, _, _, size in found), found
        # every mark's word at least 10 mm from the sheet's edges (printers lose the rim)
        margins = [(x, y) for text, x, y, _ in found]
        if index == 0:  # the top-left sheet carries glue strips for its neighbours
            assert "lim" in {text for text, *_ in found}
        assert all(10 * mm - 1 <= x <= width - 10 * mm and y >= 10 * mm - 1 for x, y in margins)
        assert all(y <= height - 10 * mm for _, y in margins)


def test_the_overview_numbers_sit_on_a_map_clear_of_the_poster(render: Any) -> None:
    _, boards = render("--boards", "a2", "--tile")
    page = PdfReader(boards).pages[0]
    width = float(page.mediabox.width)
    numbers: list[tuple[str, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        if re.fullmatch(r"\d\.\d", text.strip()):
            numbers.append((text.strip(), x))

    page.extract_text(visitor_text=visit)
    assert {n for n, _ in numbers} >= {"1.1", "2.4"}
    # the sheets' numbers on the right-hand map, the poster's miniature on the left
    legend = [x for n, x in numbers if x < width / 2]
    assert len(legend) == 1  # the legend's sample number, at the left margin
    assert len(numbers) == 1 + 8  # and the 2 x 4 sheets, each once on the map


def test_counts_kept_between_renders_follow_the_layout_and_the_boards() -> None:
    """The counts are kept for the same boards, layout and size (a --watch render asks
    again); a changed note size, board text or size is counted afresh."""
    from dataclasses import replace

    from workbook.render.document import make_context
    from workbook.render.posters import _capacities, capacities

    layout = load_layout()
    context = make_context(layout)
    boards = _example_plan().boards
    first = capacities(boards, context, "a1")
    assert capacities(boards, context, "a1") == first == _capacities(boards, context, "a1")
    first["mutated"] = [0]  # a caller's changes do not reach what is kept
    assert "mutated" not in capacities(boards, context, "a1")

    bigger = make_context(replace(layout, data={**layout.data, "post_it_mm": 150}))
    assert capacities(boards, bigger, "a1") == _capacities(boards, bigger, "a1")
    assert capacities(boards, bigger, "a1") != capacities(boards, context, "a1")

    assert capacities(boards, context, "a3") == _capacities(boards, context, "a3")
    assert capacities(boards, context, "a3") != capacities(boards, context, "a1")

    board = boards[0]  # an analysis board: one field per category
    fewer = replace(board, categories=board.categories[:-1])  # type: ignore[union-attr]
    other = [fewer, *boards[1:]]
    assert capacities(other, context, "a3") == _capacities(other, context, "a3")
    assert capacities(other, context, "a3") != capacities(boards, context, "a3")


@pytest.mark.parametrize("size", ["a1", "a0"])
def test_the_plan_counts_the_boards_as_measured_from_the_layout(size: str) -> None:
    """The capacity measured from the layout goes into the plan as it is built: each
    board's row says the notes it holds at that size, and a board whose smallest field is
    short of the group's need is named; nothing is patched in after rendering."""
    from workbook.language.loading import load_content
    from workbook.plan.checklist import BoardCapacity, Checklist
    from workbook.plan.pack import build_plan
    from workbook.render.document import make_context
    from workbook.render.posters import capacities
    from workbook.session.model import load_session
    from workbook.session.schedule import build_schedule

    session, doc = load_session(REPO / "examples" / "session.yaml")
    content = load_content("da")
    schedule = build_schedule(session, content.timing, doc)
    boards = _example_plan().boards
    fields = capacities(boards, make_context(load_layout()), size)
    need = max(min(counts) for counts in fields.values())  # more than some boards hold
    capacity = BoardCapacity(size, fields, need, posters=True, largest=size == "a0", fits="a0")
    plan = build_plan(session, schedule, content, capacity)
    checklist = next(page for page in plan.pages if isinstance(page, Checklist))
    rows = {row.board: row for row in checklist.print_rows if row.board}
    assert set(rows) == set(fields)
    for key, counts in fields.items():
        assert (rows[key].post_its, rows[key].smallest) == (sum(counts), min(counts))
    # one warning for all the boards short of the need, each named as the print list does
    short = [key for key in fields if min(fields[key]) < need]
    (warning,) = checklist.warnings
    assert short and all(f"{rows[key].item} (" in warning for key in short)
    assert not any(f"{rows[key].item} (" in warning for key in fields if key not in short)
    # advice that can be followed: a larger poster, unless this is the largest
    assert ("--boards a0" in warning) == (size != "a0")
    assert ("den største plakat" in warning) == (size == "a0")
    assert checklist.size_name == size.upper()
