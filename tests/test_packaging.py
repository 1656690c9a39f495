"""The built wheel carries content/ and layouts/, and an installed copy renders a pack."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("workbook-*.whl"))


def test_wheel_contains_content_layouts_fonts_and_example(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "workbook/_data/content/timing.yaml",
        "workbook/_data/content/da/meta.yaml",
        "workbook/_data/content/da/process.yaml",
        "workbook/_data/content/en/process.yaml",
        "workbook/_data/layouts/default.yaml",
        "workbook/_data/layouts/fonts/NotoSans-Regular.ttf",
        "workbook/_data/layouts/fonts/OFL.txt",
        "workbook/_data/examples/session.yaml",
        "workbook/_data/examples/session.en.yaml",
        "workbook/cli.py",
    ):
        assert required in names


def test_installed_copy_renders_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [sys.executable, "-m", "workbook", "init", "s.yaml"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    run = subprocess.run(
        [sys.executable, "-c", "import workbook.resources as r; print(r.content_dir())"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert str(target) in run.stdout
    run = subprocess.run(
        [sys.executable, "-m", "workbook", "pack", "s.yaml", "-o", "pack.pdf"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert (work / "pack.pdf").read_bytes().startswith(b"%PDF")

    def workbook(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "workbook", *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )

    # A translator on a fresh install, in a folder of their own, without flags.
    assert workbook("init", "en.yaml", "--lang", "en").returncode == 0
    assert workbook("languages", "new", "de", "--from", "en").returncode == 0
    listing = workbook("languages").stdout
    assert str(target) not in listing  # no site-packages path to puzzle over
    assert any(
        line.split()[:4] == ["de", "Deutsch", "./content:", "content/de"]
        and line.split()[-1] == "0%"
        for line in listing.splitlines()
    )
    checked = workbook("check", "--lang", "de")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "left to translate" in checked.stdout and str(target) not in checked.stdout
    assert workbook("--version").stdout.startswith("workbook ")
