"""Hostile and careless inputs, one table: each gives a clear error (or a good result) and
leaves the folder exactly as the case says.

Every case runs a real command in a fresh folder (session files from tests/data/hostile/,
or built by the case's setup) and checks the exit code, words of the message, words the
message must never show, and every file present afterwards, byte for byte where it was
there before.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, REPO

HOSTILE = DATA / "hostile"
BASE = (HOSTILE / "duplicate-key.yaml").read_text("utf-8").rsplit("venue: Another", 1)[0]
TOKEN = "GITHUB_TOKEN=ghp_not_a_real_token"

Setup = Callable[[Path, Any], None]


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]  # "{work}" stands for the case's folder
    code: int
    words: tuple[str, ...]
    after: frozenset[str]  # every path in the folder afterwards
    setup: Setup | None = None
    never: tuple[str, ...] = ("Traceback", "internal error")
    root_only: bool = False


def session(work: Path, _: Any, name: str = "session.yaml") -> None:
    (work / name).write_text(BASE, "utf-8")


def untitled(name: str) -> Setup:
    """A session without 'title:', named in the pack by the language's default title."""
    return lambda work, _: (work / name).write_text(
        BASE.replace("title: Testsession\n", ""), "utf-8"
    )


def data(*names: str) -> Setup:
    def copy(work: Path, _: Any) -> None:
        for name in names:
            shutil.copy(HOSTILE / name, work / name)

    return copy


def both(*steps: Setup) -> Setup:
    def run(work: Path, cli: Any) -> None:
        for step in steps:
            step(work, cli)

    return run


def bad_file(name: str, command: str, words: tuple[str, ...], code: int = 1) -> Case:
    """A session file from tests/data/hostile/ given to ``command``."""
    extra = ("huge-logo.png",) if "logo" in name else ()
    output = ("-o", "letters") if command == "invitations" else ("-o", "out.pdf")
    return Case(
        f"{command}-{name.removesuffix('.yaml')}",
        (command, name, *output),
        code,
        words,
        frozenset({name, *extra}),
        data(name, *extra),
    )


def language(change: Callable[[Path], None]) -> Setup:
    """A copy of the English folder as 'xx' in ./langs, changed by ``change``."""

    def make(work: Path, _: Any) -> None:
        folder = work / "langs" / "xx"
        shutil.copytree(REPO / "content" / "en", folder)
        (folder / "meta.yaml").write_text("name: Test\nfallback: da\nlocale: en\n", "utf-8")
        (work / "token.env").write_text(TOKEN + "\n", "utf-8")
        change(folder)

    return make


def ui_text(old: str, new: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        ui = folder / "ui.yaml"
        ui.write_text(ui.read_text("utf-8").replace(old, new, 1), "utf-8")

    return change


def symlinked_ui(folder: Path) -> None:
    (folder / "ui.yaml").unlink()
    (folder / "ui.yaml").symlink_to(folder.parent.parent / "token.env")


def fonts(regular: str, make: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        meta = f"name: Test\nfallback: da\nlocale: en\nfonts:\n  regular: {regular}\n"
        (folder / "meta.yaml").write_text(meta, "utf-8")
        if make:
            make(folder)

    return change


def truncated_font(folder: Path) -> None:
    whole = (REPO / "layouts" / "fonts" / "NotoSans-Regular.ttf").read_bytes()
    (folder / "cut.ttf").write_bytes(whole[: len(whole) // 3])


def first_letters(work: Path, cli: Any) -> None:
    result = cli("invitations", work / "session.yaml", "-o", work / "L")
    assert result.exit_code == 0, result.output


def fifo(name: str) -> Setup:
    return lambda work, _: os.mkfifo(work / name)


def device(name: str) -> Setup:
    return lambda work, _: os.mknod(work / name, 0o666 | stat.S_IFCHR, os.makedev(1, 3))


def folder(name: str) -> Setup:
    return lambda work, _: (work / name).mkdir()


def link(name: str, target: str) -> Setup:
    return lambda work, _: (work / name).symlink_to(target)


S = frozenset({"session.yaml"})
LANG = frozenset(
    {"session.yaml", "token.env", "langs", "langs/xx"}
    | {f"langs/xx/{p.name}" for p in (REPO / "content" / "en").iterdir()}
)
XX = ("pack", "session.yaml", "--lang", "xx", "--content", "langs", "-o", "out.pdf")
LETTERS = frozenset({"L", "L/mads-kristensen.pdf", "L/sofie-jensen.pdf"})
LONG_NAME = "x" * 300 + ".pdf"
# The boards' file, "<pack>-boards.pdf", at 255 bytes: the limit of most file systems.
LIMIT_NAME = "x" * 244 + ".pdf"
LIMIT_BOARDS = "x" * 244 + "-boards.pdf"

CASES = [
    # YAML built to break the reader
    bad_file("self-alias.yaml", "pack", ("self-alias.yaml:16:", "*a refers to the value")),
    bad_file("deep-nesting.yaml", "pack", ("deep-nesting.yaml:16:", "more than 40 levels")),
    bad_file("raw-nul.yaml", "pack", ("raw-nul.yaml:5:11", "U+0000 (NUL)")),
    bad_file("raw-esc.yaml", "agenda", ("raw-esc.yaml:5:11", "U+001B (ESC)")),
    bad_file("raw-fffe.yaml", "invitations", ("raw-fffe.yaml:5:11", "U+FFFE")),
    bad_file("escaped-nul.yaml", "pack", ("escaped-nul.yaml:5:", "U+0000 (NUL), character 4")),
    bad_file(
        "duplicate-key.yaml", "pack", ("duplicate-key.yaml:16:1", "'venue'", "first at line 5")
    ),
    # values at the edges of what the model allows
    bad_file("date-9999.yaml", "pack", ("date-9999.yaml:3:", "between the years 1900 and 2999")),
    bad_file("date-year-1.yaml", "invitations", ("between the years 1900 and 2999",)),
    bad_file(
        "long-organisation.yaml",
        "invitations",
        ("'organisation' is 4499 characters long; at most 100",),
    ),
    bad_file("long-venue.yaml", "invitations", (": 'venue' is 4499 characters long", "120")),
    bad_file("long-host.yaml", "pack", (": 'host' is 4499 characters long; at most 100",)),
    bad_file("invisible-name.yaml", "invitations", ("partner 2", "'name'", "no visible character")),
    bad_file("empty-agenda.yaml", "pack", ("'agenda'", "leave out 'agenda:'")),
    bad_file("huge-logo.yaml", "invitations", ("12000 x 12000 pixels", "25 million")),
    # outputs that are inputs, devices, or each other
    Case(
        "pack-onto-its-session",
        ("pack", "session.yaml", "-o", "session.yaml"),
        1,
        ("session.yaml", "this run reads"),
        S,
        session,
    ),
    Case(
        "agenda-onto-its-session",
        ("agenda", "session.yaml", "-o", "session.yaml"),
        1,
        ("this run reads",),
        S,
        session,
    ),
    Case(
        "pack-onto-its-session-through-dotdot",
        ("pack", "session.yaml", "-o", "sub/../session.yaml"),
        1,
        ("this run reads",),
        S | {"sub"},
        both(session, folder("sub")),
    ),
    Case(
        "pack-onto-its-session-through-a-link",
        ("pack", "session.yaml", "-o", "out.link"),
        1,
        ("this run reads",),
        S | {"out.link"},
        both(session, link("out.link", "session.yaml")),
    ),
    Case(
        "pack-onto-a-content-file",
        (*XX[:-1], "langs/xx/ui.yaml"),
        1,
        ("ui.yaml", "this run reads"),
        LANG,
        both(session, language(lambda _: None)),
    ),
    Case(
        "pack-onto-a-fifo",
        ("pack", "session.yaml", "-o", "out.pdf"),
        1,
        ("out.pdf: is a named pipe (FIFO)", "not touched"),
        S | {"out.pdf"},
        both(session, fifo("out.pdf")),
    ),
    Case(
        "pack-onto-a-device",
        ("pack", "session.yaml", "-o", "out.pdf"),
        1,
        ("out.pdf: is a device", "not touched"),
        S | {"out.pdf"},
        both(session, device("out.pdf")),
        root_only=True,
    ),
    Case(
        "pack-onto-a-folder",
        ("pack", "session.yaml", "-o", "out.pdf"),
        1,
        ("out.pdf: is a folder",),
        S | {"out.pdf"},
        both(session, folder("out.pdf")),
    ),
    Case(
        "combined-onto-a-letter-by-absolute-path",
        ("invitations", "session.yaml", "-o", "L", "--combined", "{work}/L/sofie-jensen.pdf"),
        1,
        ("sofie-jensen.pdf: has the same name as a partner's letter",),
        S | LETTERS,
        both(session, first_letters),
    ),
    Case(
        "combined-onto-the-session",
        ("invitations", "session.yaml", "-o", "L", "--combined", "./session.yaml"),
        1,
        ("this run reads",),
        S,
        session,
    ),
    Case(
        "letters-folder-holding-a-fifo-letter",
        ("invitations", "session.yaml", "-o", "L"),
        1,
        ("mads-kristensen.pdf: is a named pipe",),
        S | {"L", "L/mads-kristensen.pdf"},
        both(session, folder("L"), fifo("L/mads-kristensen.pdf")),
    ),
    Case(
        "batch-of-two-sessions-of-the-same-date-and-title",
        ("pack", "a.yaml", "b.yaml"),
        1,
        ("b.yaml", "same file as a.yaml", "-o DIR"),
        frozenset({"a.yaml", "b.yaml"}),
        both(
            lambda w, c: session(w, c, "a.yaml"),
            lambda w, c: session(w, c, "b.yaml"),
        ),
    ),
    Case(
        "batch-of-two-sessions-without-titles-on-one-date",
        ("pack", "a.yaml", "b.yaml"),
        1,
        ("b.yaml", "same file as a.yaml", "-o DIR"),
        frozenset({"a.yaml", "b.yaml"}),
        both(untitled("a.yaml"), untitled("b.yaml")),
    ),
    Case(
        "output-name-longer-than-the-file-system-allows",
        ("pack", "session.yaml", "-o", LONG_NAME),
        1,
        ("the file name is 304 characters; this disk allows at most 255",),
        S,
        session,
    ),
    Case(
        "output-name-at-the-file-system-limit",
        ("pack", "session.yaml", "-o", LIMIT_NAME),
        0,
        (f"Wrote {LIMIT_NAME}", f"Wrote {LIMIT_BOARDS}"),
        S | {LIMIT_NAME, LIMIT_BOARDS},
        session,
    ),
    # sessions that are not files
    Case("session-is-dev-zero", ("pack", "/dev/zero"), 1, ("not a regular file",), frozenset()),
    Case(
        "session-is-a-fifo",
        ("pack", "session.yaml"),
        1,
        ("not a regular file",),
        S,
        fifo("session.yaml"),
    ),
    # language folders from other people
    Case(
        "content-file-linked-outside-its-folder",
        XX,
        1,
        ("ui.yaml: is a link to a file outside its language folder",),
        LANG,
        both(session, language(symlinked_ui)),
        never=("GITHUB_TOKEN", "ghp_", "Traceback", "internal error"),
    ),
    Case(
        "font-outside-the-language-folder",
        XX,
        1,
        ("meta.yaml:5:3 'fonts.regular'", "outside the language folder"),
        LANG,
        both(session, language(fonts("../../token.env"))),
        never=("GITHUB_TOKEN", "ghp_", "Traceback", "internal error"),
    ),
    Case(
        "font-that-is-not-a-font",
        XX,
        1,
        ("'fonts.regular'", "is not a TrueType font"),
        LANG | {"langs/xx/fake.ttf"},
        both(
            session,
            language(fonts("fake.ttf", lambda f: (f / "fake.ttf").write_text(TOKEN, "utf-8"))),
        ),
        never=("GITHUB_TOKEN", "ghp_", "Traceback", "internal error"),
    ),
    Case(
        "truncated-font",
        XX,
        1,
        ("cut.ttf: cannot be used as a font (damaged or cut short)",),
        LANG | {"langs/xx/cut.ttf"},
        both(session, language(fonts("cut.ttf", truncated_font))),
    ),
    Case(
        "template-loop",
        XX,
        1,
        ("ui.yaml:8:", "'pack.page'", "uses a loop"),
        LANG,
        both(
            session,
            language(ui_text("{{ number }}", "{% for a in range(100000000) %}a{% endfor %}")),
        ),
    ),
    Case(
        "template-making-a-huge-string",
        XX,
        1,
        ("ui.yaml:8:", "uses arithmetic"),
        LANG,
        both(session, language(ui_text("{{ number }}", "{{ 'a' * 300000000 }}"))),
    ),
    Case(
        "placeholder-typo",
        XX,
        1,
        ("ui.yaml:8:3 'pack.page'", "unknown placeholder {{ nummer }}", "can use {{ number }}"),
        LANG,
        both(session, language(ui_text("{{ number }}", "{{ nummer }}"))),
    ),
    Case(
        "placeholder-typo-in-check",
        ("check", "--lang", "xx", "--content", "langs"),
        1,
        ("ui.yaml:8:3 'pack.page'", "{{ nummer }}", "can use {{ number }}"),
        LANG,
        both(session, language(ui_text("{{ number }}", "{{ nummer }}"))),
    ),
    Case(
        "broken-placeholder",
        XX,
        1,
        ("ui.yaml:8:3 'pack.page'", "broken placeholder", "two braces"),
        LANG,
        both(session, language(ui_text("{{ number }}", "{{ number"))),
    ),
]


def _tree(work: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every path below ``work``: its kind, and the bytes of a regular file."""
    found: dict[str, tuple[int, bytes | None]] = {}
    for path in sorted(work.rglob("*")):
        mode = os.lstat(path).st_mode
        content = path.read_bytes() if stat.S_ISREG(mode) else None
        found[path.relative_to(work).as_posix()] = (stat.S_IFMT(mode), content)
    return found


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(case: Case, cli, tmp_path: Path, monkeypatch) -> None:
    if case.root_only and os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    work = tmp_path / "work"
    work.mkdir()
    if case.setup:
        case.setup(work, cli)
    before = _tree(work)
    monkeypatch.chdir(work)
    result = cli(*(arg.replace("{work}", str(work)) for arg in case.args))
    assert result.exit_code == case.code, result.output
    for word in case.words:
        assert word in result.output, result.output
    for word in case.never:
        assert word not in result.output, result.output
    after = _tree(work)
    assert set(after) == case.after, result.output
    # What was there before is there still, unchanged (and kinds kept: a FIFO stays one).
    for name, content in before.items():
        assert after.get(name) == content, name
    assert not [name for name in after if name.endswith(".part")]
