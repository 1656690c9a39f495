"""The built wheel carries content/ and layouts/, and an installed copy renders a pack."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
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
        "workbook/cli/__init__.py",
        "workbook/web/templates/page.html",
        "workbook/web/static/page.js",
        "workbook/web/static/page.css",
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
        [sys.executable, "-c", "import workbook.core.resources as r; print(r.content_dir())"],
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
    _serves(work, env)


def _serves(work: Path, env: dict[str, str]) -> None:
    """The installed copy's ``workbook serve`` finds its templates and scripts."""
    server = subprocess.Popen(
        [sys.executable, "-m", "workbook", "serve", "s.yaml", "--no-browser"],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        address = server.stdout.readline().split()[1]
        for path in ("", "static/page.js"):
            with urllib.request.urlopen(address + path, timeout=30) as response:
                assert response.status == 200
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
