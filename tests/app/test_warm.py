"""A resident process (``--watch``, ``serve``) keeps what it has parsed, fitted and
registered from one render to the next: what it makes must be what a fresh process makes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
STRESS = ROOT / "tests" / "data" / "stress"
# Different languages, papers and group sizes, so each render finds the caches filled by
# another session's pages (the same labels at other widths, other names in the same boxes).
SESSIONS = [
    ROOT / "examples" / "session.yaml",
    STRESS / "en-everything-letter.yaml",
    STRESS / "da-twelve-bare-a4.yaml",
]


def _paper(session: Path) -> str:
    return "letter" if session.stem.endswith("-letter") else "a4"


def test_a_warm_process_makes_the_bytes_a_fresh_one_makes(tmp_path: Path) -> None:
    from workbook.app.options import PrintOptions
    from workbook.app.pack import make_pack

    fresh = {}
    for session in SESSIONS:
        out = tmp_path / f"{session.stem}.pdf"
        argv = [sys.executable, "-m", "workbook", "pack", str(session), "-o", str(out)]
        done = subprocess.run([*argv, "--paper", _paper(session)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        fresh[session] = (out.read_bytes(), out.with_name(f"{out.stem}-boards.pdf").read_bytes())
    for _ in range(2):  # the second round finds every cache filled
        for session in SESSIONS:
            options = PrintOptions(paper=_paper(session), boards="auto")
            out = tmp_path / f"{session.stem}.pdf"  # the print guide names the files
            made = make_pack(session, out, None, [], False, options, write=False)
            files = made.files
            assert files[made.output] == fresh[session][0], session.name
            assert made.boards is not None
            assert files[made.boards] == fresh[session][1], session.name


def test_the_layout_is_read_again_when_one_of_its_files_changes(
    tmp_path: Path, monkeypatch: Any
) -> None:
    import shutil

    from workbook.render import layout as layouts

    for name in ("default.yaml",):
        shutil.copy(ROOT / "layouts" / name, tmp_path / name)
    (tmp_path / "fonts").symlink_to(ROOT / "layouts" / "fonts")
    monkeypatch.setattr(layouts, "layouts_dir", lambda: tmp_path)
    first = layouts.load_layout()
    assert layouts.load_layout() == first  # kept: the same values again
    assert layouts.load_layout("default", "letter").paper_name == "letter"
    assert layouts.load_layout().paper_name == first.paper_name  # the paper is the call's
    text = (tmp_path / "default.yaml").read_text("utf-8")
    (tmp_path / "default.yaml").write_text(text + "\nextra_key_for_the_test: 1\n", "utf-8")
    assert layouts.load_layout().data["extra_key_for_the_test"] == 1
