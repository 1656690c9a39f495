"""Finding one's way in the PDFs, read back with pypdf: the pack's bookmarks for every section,
part and worksheet group, each opening at its page; the title shown instead of the file name;
the language; and ``--split`` files that keep the pack's orientation and page numbers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import BASE_SESSION
from workbook.language.loading import load_content


@dataclass(frozen=True)
class Made:
    folder: Path
    pack: Path
    agenda: Path
    letters: Path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    import yaml
    from typer.testing import CliRunner

    from workbook.cli import app

    folder = tmp_path_factory.mktemp("navigation")
    session = folder / "session.yaml"
    session.write_text(yaml.safe_dump(BASE_SESSION, allow_unicode=True), "utf-8")
    runner = CliRunner()
    combined = folder / "letters.pdf"
    for args in (
        ["pack", str(session), "-o", str(folder / "pack.pdf"), "--split"],
        ["agenda", str(session), "-o", str(folder / "agenda.pdf")],
        ["invitations", str(session), "-o", str(folder / "letters")],
        ["invitations", str(session), "-o", str(folder / "each"), "--combined", str(combined)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    return Made(folder, folder / "pack.pdf", folder / "agenda.pdf", combined)


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """Every bookmark as (depth, title, page index), in order."""
    found: list[tuple[int, str, int]] = []

    def walk(entries: list[Any], depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, entry.title, reader.get_destination_page_number(entry)))

    walk(reader.outline, 0)
    return found


def _ui(key: str) -> str:
    return load_content("da").ui.get(key)


def _children(outline: list[tuple[int, str, int]], parent: str) -> list[str]:
    """The titles one level under the top-level bookmark ``parent``, in order."""
    start = next(i for i, (depth, title, _) in enumerate(outline) if depth == 0 and title == parent)
    found = []
    for depth, title, _ in outline[start + 1 :]:
        if depth == 0:
            break
        if depth == 1:
            found.append(title)
    return found


def test_the_pack_has_a_bookmark_for_every_section_part_and_worksheet_group(made: Made) -> None:
    reader = PdfReader(made.pack)
    outline = _outline(reader)
    tops = [title for depth, title, _ in outline if depth == 0]
    sections = [_ui(f"sections.{key}") for key in ("overview", "agenda", "notes", "culture")]
    sections += [_ui("sections.planning")]
    assert tops[0] == BASE_SESSION["title"]
    assert tops[1:6] == sections
    materials = ["Navnekort", "Deltagerliste", "Opsamling efter sessionen"]
    assert tops[6:] == ["Tak og kreditering", _ui("sections.worksheets"), *materials]
    # under the notes, every part of the agenda by its name
    parts = load_content("da").parts.parts
    keys = ["opening", "introductions", "ambition", "contribution", "scaling", "next_steps"]
    keys.append("closing")
    under_notes = _children(outline, _ui("sections.notes"))
    assert under_notes == [getattr(parts, key).short_title for key in keys]
    # the guide's own pages beside the model and the agenda have theirs
    assert len(_children(outline, _ui("sections.overview"))) == 1
    assert len(_children(outline, _ui("sections.agenda"))) == 2
    # the worksheets: each partner's circles, then the joint boards, each board by name
    groups = _children(outline, _ui("sections.worksheets"))
    assert groups == ["Mads Kristensen", "Sofie Jensen", _ui("worksheets.joint")]
    boards = [t for d, t, _ in outline if d == 2]
    assert len(boards) == 7 and boards[0].startswith("Fælles analyse")


def test_every_bookmark_opens_at_its_page(made: Made) -> None:
    reader = PdfReader(made.pack)
    texts = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    for depth, title, page in _outline(reader):
        text = texts[page]
        if depth == 0 and page == 0:
            assert title in text  # the cover
        elif title == "Navnekort":  # the first card, folded
            assert "Fold her" in text and "Fold her" not in texts[page - 1]
        elif title == _ui("sections.worksheets"):  # opens on the first partner's first circle
            assert "Mads Kristensen" in text and "FORANDRINGSCIRKLEN" in text
        elif title in ("Mads Kristensen", "Sofie Jensen"):
            assert title in text and "cirklen" in text.lower()
            assert title not in texts[page - 1] or "cirklen" not in texts[page - 1].lower()
        elif depth == 2 or title == _ui("worksheets.joint"):
            assert "Fælles" in text or "VIDERE" in text
        elif title in _children(_outline(reader), _ui("sections.notes")):  # a run sheet
            # its first page: the part's facts, and its steps there or on the next
            assert "Varighed" in text and "TRIN FOR TRIN" in text + texts[page + 1]
        elif depth == 1:  # the guide's own pages: their title at their top
            assert title.upper() in text.upper(), (title, page)
        else:
            assert title.upper() in text.upper(), (title, page)


@pytest.mark.parametrize("name", ["pack", "agenda", "letters"])
def test_viewers_show_the_title_in_the_language(made: Made, name: str) -> None:
    reader = PdfReader(getattr(made, name))
    root = reader.trailer["/Root"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean)
    assert root["/Lang"] == "da"
    assert reader.metadata is not None and reader.metadata.title
    assert _outline(reader), name


def test_the_agenda_and_every_letter_are_bookmarked(made: Made) -> None:
    assert [t for _, t, _ in _outline(PdfReader(made.agenda))] == [BASE_SESSION["title"]]
    letters = PdfReader(made.letters)
    names = [p["name"] for p in BASE_SESSION["partners"]]
    marks = _outline(letters)
    assert [t for _, t, _ in marks] == names if len(letters.pages) > 2 else names[:1]
    assert all(page % 2 == 0 for _, _, page in marks)  # each at its letter's first page


def test_split_files_keep_the_packs_orientation_numbers_and_bookmarks(made: Made) -> None:
    pack = PdfReader(made.pack)
    landscape = [float(p.mediabox.width) > float(p.mediabox.height) for p in pack.pages]
    files = sorted(made.folder.glob("pack-*.pdf"))
    jobs = [f for f in files if f.name != "pack-boards.pdf"]
    assert len(jobs) == 5
    seen: list[int] = []
    for path in jobs:
        reader = PdfReader(path)
        numbers = [int(label) for label in reader.page_labels]
        seen += numbers
        for page, number in zip(reader.pages, numbers, strict=True):
            wide = float(page.mediabox.width) > float(page.mediabox.height)
            assert wide == landscape[number - 1], (path.name, number)
            assert f"Side {number}" in (page.extract_text() or "")
        marks = _outline(reader)
        assert marks and marks[0][0] == 0  # a part's outline starts at its top level
    assert sorted(seen) == list(range(1, len(pack.pages) + 1))
    boards = PdfReader(made.folder / "pack-boards-ark.pdf")
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in boards.pages)
    assert [t for d, t, _ in _outline(boards) if d == 0] == [_ui("worksheets.joint")]
