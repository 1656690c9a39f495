"""Shared fixtures: session files written on the fly, and PDFs read back."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings
from pypdf import PdfReader
from typer.testing import CliRunner

from workbook.cli import app

# Same examples on every run, so a failure found once is found again (and in CI); the
# longer search for new ones is `make fuzz`.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("fuzz", max_examples=2000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

BASE_SESSION: dict[str, Any] = {
    "language": "da",
    "title": "Testsession",
    "date": "2027-03-04",
    "start": "09:00",
    "venue": "CPH Food Space",
    "host": "Københavns Kommune",
    "facilitator": {"name": "Anne Holm", "email": "anne@example.dk"},
    "partners": [
        {"name": "Mads Kristensen", "organisation": "Grønt Køkken ApS", "role": "Stifter"},
        {"name": "Sofie Jensen", "organisation": "Københavns Kommune"},
    ],
}


def normalise(text: str) -> str:
    """Text with all white space folded, so wrapped lines compare equal to the source."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> list[str]:
    return [normalise(page.extract_text() or "") for page in PdfReader(path).pages]


def pdf_lines(path: Path) -> list[list[str]]:
    """Each page's lines of text from top to bottom, pieces on one line joined by two spaces,
    as a reader sees them (PDFium, in C: as fast as poppler's pdftotext, and a wheel)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    pages = []
    try:
        for index in range(len(document)):
            text = document[index].get_textpage()
            pieces = []
            for number in range(text.count_rects()):
                left, bottom, right, top = text.get_rect(number)
                pieces.append((round(top), left, text.get_text_bounded(left, bottom, right, top)))
            pieces.sort(key=lambda piece: -piece[0])
            rows: list[list[tuple[float, float, str]]] = []
            for piece in pieces:  # pieces whose tops are within 2 pt share a line
                if rows and abs(rows[-1][0][0] - piece[0]) <= 2:
                    rows[-1].append(piece)
                else:
                    rows.append([piece])
            lines = [
                "  ".join(text for _, _, text in sorted(row, key=lambda p: p[1])) for row in rows
            ]
            pages.append([line.strip() for line in lines if line.strip()])
    finally:
        document.close()
    return pages


def pdf_fonts(path: Path) -> set[str]:
    """The base names of every font the PDF's pages use (what pdffonts lists)."""
    found = set()
    for page in PdfReader(path).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            found.add(str(font.get_object().get("/BaseFont", "")).lstrip("/"))
    return found


@pytest.fixture
def here(
    tmp_path: Path, write_session: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A Danish session file (the session's language is the default, da) in a folder that
    is the working directory, as a facilitator runs the tool from their session's folder."""
    write_session("session.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def write_session(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str = "session.yaml", **changes: Any) -> Path:
        data = {**BASE_SESSION, **changes}
        data = {key: value for key, value in data.items() if value is not None}
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write


@pytest.fixture
def cli() -> Callable[..., Any]:
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke


def qpdf_check(path: Path) -> None:
    """The PDF is sound: every object and stream reads back (pypdf, strict), and where qpdf
    is installed (CI installs it) ``qpdf --check`` finds nothing either."""
    _read_every_object(path)
    if shutil.which("qpdf") is not None:
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def _read_every_object(path: Path) -> None:
    reader = PdfReader(path, strict=True)
    for page in reader.pages:
        page.get_contents()
        page.get("/Resources")
    assert reader.trailer["/Root"]["/Pages"]["/Count"] == len(reader.pages), path


@pytest.fixture(autouse=True)
def every_pdf_is_sound(tmp_path: Path) -> Iterator[None]:
    """Every PDF a test leaves in its folder passes ``qpdf --check``, whatever the test asserts."""
    yield
    qpdf = shutil.which("qpdf") is not None
    for pdf in sorted(p for p in tmp_path.rglob("*.pdf") if p.is_file()):
        if not qpdf:
            _read_every_object(pdf)
            continue
        result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert result.returncode == 0, f"{pdf}: {result.stdout}{result.stderr}"
