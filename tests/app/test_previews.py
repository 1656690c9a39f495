"""Page previews: PNGs rendered from a real pack, read back as images."""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from workbook.app.previews import page_name
from workbook.render.png import render_pngs

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def pack_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from typer.testing import CliRunner

    from tests.conftest import REPO
    from workbook.cli import app

    out = tmp_path_factory.mktemp("previews") / "pack.pdf"
    example = REPO / "examples" / "session.yaml"
    result = CliRunner().invoke(app, ["pack", str(example), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk comes first
    return width, height


def test_one_png_per_page_at_the_page_size_and_dpi(pack_pdf: bytes) -> None:
    pages = PdfReader(io.BytesIO(pack_pdf)).pages
    pngs = render_pngs(pack_pdf, dpi=60)
    assert len(pngs) == len(pages)
    for png, page in zip(pngs, pages, strict=True):
        width_pt, height_pt = float(page.mediabox.width), float(page.mediabox.height)
        width, height = _size(png)
        assert abs(width - width_pt * 60 / 72) <= 1
        assert abs(height - height_pt * 60 / 72) <= 1


def test_a_preview_shows_the_page_not_a_blank(pack_pdf: bytes) -> None:
    cover = Image.open(io.BytesIO(render_pngs(pack_pdf, dpi=30)[0])).convert("L")
    darkest, lightest = cover.getextrema()
    assert lightest == 255  # white paper
    assert darkest < 128  # and ink on it
    ink = cover.histogram()[:200]
    ink_pixels = sum(ink)
    assert ink_pixels > 0.005 * cover.width * cover.height


def test_previews_are_deterministic_and_scale_with_dpi(pack_pdf: bytes) -> None:
    first = render_pngs(pack_pdf, dpi=40)
    assert first == render_pngs(pack_pdf, dpi=40)
    double = render_pngs(pack_pdf, dpi=80)
    assert _size(double[0])[0] in range(2 * _size(first[0])[0] - 1, 2 * _size(first[0])[0] + 2)


@pytest.mark.parametrize("dpi", [0, -5, 601])
def test_a_dpi_outside_the_range_is_refused(pack_pdf: bytes, dpi: int) -> None:
    with pytest.raises(ValueError, match="dpi"):
        render_pngs(pack_pdf, dpi=dpi)


def test_page_names_sort_in_page_order() -> None:
    assert page_name(1, 37) == "page-01.png"
    assert page_name(7, 120) == "page-007.png"
    names = [page_name(n, 150) for n in range(1, 151)]
    assert names == sorted(names)


def test_pack_png_writes_one_preview_per_page_into_the_folder(
    tmp_path: Path, write_session: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    session = write_session()
    pdf, folder = tmp_path / "pack.pdf", tmp_path / "previews"
    keep = tmp_path / "notes.txt"
    keep.write_text("mine", "utf-8")
    result = cli("pack", session, "-o", pdf, "--png", folder, "--png-dpi", "30")
    assert result.exit_code == 0, result.output
    pages = len(PdfReader(pdf).pages)
    names = sorted(path.name for path in folder.iterdir())
    assert names == [".workbook-written"] + [f"page-{n:02d}.png" for n in range(1, pages + 1)]
    assert f"Skrev {pages} sidebilleder i {folder}" in result.output  # a Danish session
    first = (folder / "page-01.png").read_bytes()
    assert first == render_pngs(pdf.read_bytes(), dpi=30)[0]
    assert keep.read_text("utf-8") == "mine"


def test_pack_png_reports_earlier_pages_and_leaves_them(
    tmp_path: Path, write_session: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    folder = tmp_path / "previews"
    folder.mkdir()
    (folder / "page-999.png").write_bytes(b"an earlier preview")
    result = cli("pack", write_session(), "-o", tmp_path / "p.pdf", "--png", folder)
    assert result.exit_code == 0, result.output
    assert "page-999.png are from an earlier, longer run" in result.output
    assert (folder / "page-999.png").read_bytes() == b"an earlier preview"


def test_pack_png_onto_a_file_is_refused_before_any_work(
    tmp_path: Path, write_session: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    taken = tmp_path / "previews"
    taken.write_text("not a folder", "utf-8")
    result = cli("pack", write_session(), "-o", tmp_path / "p.pdf", "--png", taken)
    assert result.exit_code == 1
    assert "'--png': er en fil, ikke en mappe til sidebillederne" in result.output
    assert not (tmp_path / "p.pdf").exists()
    assert taken.read_text("utf-8") == "not a folder"
