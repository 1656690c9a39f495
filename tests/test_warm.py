"""A resident process (``--watch``, ``serve``) keeps what it has parsed, fitted and
registered from one render to the next: what it makes must be what a fresh process makes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
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
    from workbook.pipeline import PrintOptions, make_pack

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
