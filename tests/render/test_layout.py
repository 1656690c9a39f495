"""The layout check over the stress corpus (tests/data/stress): every page of every output.

Each corpus file is rendered once per test session, on the paper its name ends with
(``-a4``, ``-letter``): the pack, every invitation letter (one file each and combined), the
participants' agenda and, for two of them, the joint boards as posters and as tiles. The
letters, cheap to make, are also rendered on the other paper (combined only): a letter that
fits A4 may not fit the shorter Letter sheet.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import pdf_lines
from tests.layout_check import Expect, Fault, Reading, read_pdf
from workbook.app.agenda import make_agenda
from workbook.app.invitations import letter_set, make_invitations, render_letter_pdfs
from workbook.app.options import PrintOptions
from workbook.app.pack import make_pack
from workbook.app.prepare import prepare, read_session
from workbook.plan.cover import CONTENTS
from workbook.plan.words import Words
from workbook.render.layout import load_layout

STRESS = Path(__file__).resolve().parent.parent / "data" / "stress"
# the session files; a replies file beside one (``<name>.replies.yaml``) is its partners'
# answers, which its pack shows
CORPUS = sorted(p for p in STRESS.glob("*.yaml") if not p.name.endswith(".replies.yaml"))
# the joint boards are the same for every session of a language: two files print them
BOARDS = {"da-everything-a4": ("a3", False), "en-everything-letter": ("a1", False)}
OTHER_PAPER = {"a4": "letter", "letter": "a4"}


@dataclass(frozen=True)
class Rendered:
    name: str
    pack: Path
    agenda: Path
    letters: list[Path]
    combined: Path
    other: Path  # every letter on the other paper, in one PDF
    boards: Path | None
    tiled: bool
    expect: Expect
    sections: dict[str, str]  # the cover's contents: section key -> its heading
    packed: Expect  # the pack's: its print jobs' last pages may be filled less
    titles: tuple[str, ...] = ()  # the session's title and short title


def _render(source: Path, folder: Path) -> Rendered:
    name = source.stem
    paper = name.rsplit("-", 1)[1]
    size, tile = BOARDS.get(name, (None, False))
    pack = make_pack(
        source, folder / "pack.pdf", options=PrintOptions(paper=paper, boards=size, tile=tile)
    )
    agenda = make_agenda(source, folder / "agenda.pdf", paper=paper)
    letters = make_invitations(
        source, folder / "letters", combined=folder / "letters.pdf", paper=paper
    )
    p = read_session(source, None, (), False, load_layout(paper=paper))
    session = p.session
    people = [session.facilitator.name, *((session.host and [session.host]) or [])]
    for partner in session.partners:
        people += [partner.name, partner.organisation]
    emails = [e for e in (session.facilitator.email, *(x.email for x in session.partners)) if e]
    expect = Expect(whole=people, emails=emails, footer=[Words(p.content).dates(p.schedule)])
    packed = replace(expect, ends=pack.ends)  # a print job's last page may be its shortest
    assert letters.combined is not None
    prepared = prepare(source, None, (), False, OTHER_PAPER[paper])
    every = letter_set(prepared, source)
    (pdf,) = render_letter_pdfs(prepared, source, every, False, True, each=False)
    other = folder / f"letters-{OTHER_PAPER[paper]}.pdf"
    other.write_bytes(pdf)
    sections = {key: p.content.ui.get(f"sections.{key}") for key in CONTENTS}
    return Rendered(
        name,
        pack.output,
        agenda.output,
        letters.letters,
        letters.combined,
        other,
        pack.boards,
        tile,
        expect,
        sections,
        packed,
        tuple(t for t in (session.title, session.short_title) if t),
    )


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    return {source.stem: _render(source, tmp_path_factory.mktemp(source.stem)) for source in CORPUS}


def _jobs(rendered: Rendered) -> list[tuple[Path, Expect]]:
    """Every document of a corpus file with what it must hold."""
    letter = Expect(
        whole=rendered.expect.whole,
        emails=rendered.expect.emails,
        footer=rendered.expect.footer,
        pages=2,
        # a letter is set as a business letter across the sheet, not in the booklet's
        # measure, and in the letters' own headings (the guide's RESSOURCER beside the tool's
        # Program): not yet on the booklet's type system
        ignore={"measure", "heading case"},
    )
    jobs = [(rendered.pack, rendered.packed), (rendered.agenda, rendered.expect)]
    jobs += [(path, letter) for path in rendered.letters]
    # each letter at least two pages: twice their number in all means two each
    jobs.append((rendered.other, replace(letter, pages=2 * len(rendered.letters))))
    if rendered.boards is not None:
        layout = load_layout()
        # a tile's label and marks sit in the sheet's edge, nearer than the pack's margins
        margin = float(layout.value("tiling", "safe_mm")) if rendered.tiled else 10.0
        # every poster's strip names the session: its title, shortened at a word if need be
        strip = Expect(whole=rendered.expect.whole, shortened=rendered.titles, margin_mm=margin)
        jobs.append((rendered.boards, strip))
    return jobs


@pytest.fixture(scope="session")
def checked(corpus: dict[str, Rendered]) -> dict[Path, Reading]:
    """Every document read back on both cores (reading is most of the time): its faults
    and its writing boxes."""
    jobs = [job for rendered in corpus.values() for job in _jobs(rendered)]
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        results = pool.map(read_pdf, *zip(*jobs, strict=True), chunksize=4)
        return {path: reading for (path, _), reading in zip(jobs, results, strict=True)}


def _report(faults: list[Fault], path: Path) -> str:
    return f"{path.name}:\n" + "\n".join(f"  {f}" for f in faults[:40])


def test_the_corpus_pushes_every_dimension() -> None:
    assert len(CORPUS) >= 6
    names = [c.stem for c in CORPUS]
    assert {n.split("-")[0] for n in names} == {"da", "en"}
    assert {n.rsplit("-", 1)[1] for n in names} == {"a4", "letter"}


@pytest.mark.parametrize("name", [c.stem for c in CORPUS])
def test_pack_pages_hold(
    corpus: dict[str, Rendered], checked: dict[Path, Reading], name: str
) -> None:
    rendered = corpus[name]
    faults = checked[rendered.pack].faults
    assert not faults, _report(faults, rendered.pack)


@pytest.mark.parametrize("name", [c.stem for c in CORPUS])
def test_the_covers_contents_give_each_sections_page(
    corpus: dict[str, Rendered], name: str
) -> None:
    rendered = corpus[name]
    pages = ["\n".join(lines) for lines in pdf_lines(rendered.pack)]
    numbers = {}
    for key, heading in rendered.sections.items():
        found = re.search(rf"{re.escape(heading)}\s+(\d+)", pages[0])
        assert found, (key, heading)
        numbers[key] = int(found.group(1))
    tops = [[line for line in page.splitlines() if line.strip()][:3] for page in pages]
    for key, number in numbers.items():
        if key != "worksheets":  # a worksheet opens with its stage, not the section's name
            heading = rendered.sections[key]
            assert heading in tops[number - 1], (key, number, tops[number - 1])
            assert all(heading not in top for top in tops[1 : number - 1]), key


@pytest.mark.parametrize("name", [c.stem for c in CORPUS])
def test_participants_agenda_holds(
    corpus: dict[str, Rendered], checked: dict[Path, Reading], name: str
) -> None:
    rendered = corpus[name]
    faults = checked[rendered.agenda].faults
    assert not faults, _report(faults, rendered.agenda)


def _least_boxes(reading: Reading) -> None:
    """Each letter's page 2 (every second page) has four writing boxes with the room to
    answer in."""
    least = float(load_layout().value("letter", "answer_target_mm"))
    for number, boxes in enumerate(reading.boxes[1::2], 1):
        assert len(boxes) == 4 and min(boxes) >= least - 0.1, (number, boxes)


@pytest.mark.parametrize("name", [c.stem for c in CORPUS])
def test_every_letter_is_two_pages_that_hold(
    corpus: dict[str, Rendered], checked: dict[Path, Reading], name: str
) -> None:
    rendered = corpus[name]
    faults = [f for letter in rendered.letters for f in checked[letter].faults]
    assert not faults, _report(faults, rendered.letters[0].parent)
    for letter in rendered.letters:
        _least_boxes(checked[letter])
    combined = len(PdfReader(rendered.combined).pages)
    assert combined == 2 * len(rendered.letters)


@pytest.mark.parametrize("name", [c.stem for c in CORPUS])
def test_every_letter_is_two_pages_that_hold_on_the_other_paper(
    corpus: dict[str, Rendered], checked: dict[Path, Reading], name: str
) -> None:
    rendered = corpus[name]
    reading = checked[rendered.other]
    assert not reading.faults, _report(reading.faults, rendered.other)
    _least_boxes(reading)


@pytest.mark.parametrize("name", sorted(BOARDS))
def test_posters_hold(corpus: dict[str, Rendered], checked: dict[Path, Reading], name: str) -> None:
    rendered = corpus[name]
    assert rendered.boards is not None
    faults = checked[rendered.boards].faults
    assert not faults, _report(faults, rendered.boards)
