"""Hostile and careless inputs, one table: each gives a clear error (or a good result) and
leaves the folder exactly as the case says.

Every case runs a real command in a fresh folder (session files from tests/data/hostile/,
or built by the case's setup) and checks the exit code, words of the message, words the
message must never show, and every file present afterwards, byte for byte where it was
there before.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def text(name: str, content: str) -> Setup:
    return lambda work, _: (work / name).write_text(content, "utf-8")


def foreign_pdf(name: str) -> Setup:
    """A sound PDF that workbook did not write, e.g. the user's own notes."""

    def make(work: Path, _: Any) -> None:
        from reportlab.pdfgen.canvas import Canvas

        canvas = Canvas(str(work / name), invariant=True)
        canvas.drawString(72, 720, "My own notes")
        canvas.save()

    return make


def small_png(name: str) -> Setup:
    def make(work: Path, _: Any) -> None:
        from PIL import Image

        Image.new("RGB", (40, 20), "white").save(work / name, format="PNG")

    return make


def with_logo(name: str) -> Setup:
    return lambda work, _: (work / "session.yaml").write_text(
        BASE + f"host_logo: {name}\n", "utf-8"
    )


def danish_copy(work: Path, _: Any) -> None:
    shutil.copytree(REPO / "content" / "da", work / "content" / "da")


def edited(old: str, new: str, name: str = "session.yaml") -> Setup:
    """The base session with ``old`` replaced by ``new``."""
    assert old in BASE + "agenda:\n", old
    return lambda work, _: (work / name).write_text(
        (BASE + ("agenda:\n" if old == "agenda:\n" else "")).replace(old, new, 1), "utf-8"
    )


def in_danish_copy(name: str, old: str, new: str) -> Setup:
    def change(work: Path, cli: Any) -> None:
        danish_copy(work, cli)
        path = work / "content" / "da" / name
        text = path.read_text("utf-8")
        path.write_text(text.replace(old, new, 1) if old else new, "utf-8")

    return change


def broken_german(meta: str) -> Setup:
    def make(work: Path, _: Any) -> None:
        (work / "content" / "de").mkdir(parents=True)
        (work / "content" / "de" / "meta.yaml").write_text(meta, "utf-8")

    return make


def damaged_png(name: str) -> Setup:
    """A PNG whose header and chunks are sound but whose pixel data does not decode."""

    def make(work: Path, _: Any) -> None:
        def chunk(kind: bytes, body: bytes) -> bytes:
            return (
                struct.pack(">I", len(body))
                + kind
                + body
                + struct.pack(">I", zlib.crc32(kind + body))
            )

        header = struct.pack(">IIBBBBB", 100, 50, 8, 2, 0, 0, 0)
        png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
        (work / name).write_bytes(png + chunk(b"IDAT", b"not zlib data") + chunk(b"IEND", b""))

    return make


S = frozenset({"session.yaml"})
DA = frozenset(
    {"content", "content/da"}
    | {f"content/da/{p.name}" for p in (REPO / "content" / "da").iterdir()}
)
PACK = "2027-03-04-testsession.pdf"  # the pack's name, made up from its date and title
LANG = frozenset(
    {"session.yaml", "token.env", "langs", "langs/xx"}
    | {f"langs/xx/{p.name}" for p in (REPO / "content" / "en").iterdir()}
)
XX = ("pack", "session.yaml", "--lang", "xx", "--content", "langs", "-o", "out.pdf")
LETTERS = frozenset({"L", "L/mads-kristensen.pdf", "L/sofie-jensen.pdf", "L/.workbook-written"})
RECORD = ".workbook-written"  # where the tool made up a name, its record of what it wrote
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
        ("'organisation' is 4499 characters long; at most 120",),
    ),
    bad_file("long-venue.yaml", "invitations", (": 'venue' is 4499 characters long", "120")),
    bad_file("long-host.yaml", "pack", (": 'host' is 4499 characters long; at most 120",)),
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
        S | {LIMIT_NAME, LIMIT_BOARDS, RECORD},
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
    # every writer under the one rule: nothing replaced the user did not name (round two)
    Case(
        "schema-onto-a-session-file",
        ("schema", "-o", "session.yaml"),
        1,
        ("session.yaml: findes allerede og er ikke et skema, workbook har skrevet", "--force"),
        S,
        session,
    ),
    Case(
        "schema-onto-its-own-help-texts",
        ("schema", "-o", "content/da/schema.yaml"),
        1,
        ("content/da/schema.yaml: er en fil, denne kørsel læser",),
        DA,
        danish_copy,
    ),
    Case(
        "output-through-a-link-that-leads-nowhere",
        ("agenda", "session.yaml", "-o", "gone.pdf"),
        1,
        ("gone.pdf: is a link to nowhere/gone.pdf, which does not exist",),
        S | {"gone.pdf"},
        both(session, link("gone.pdf", "nowhere/gone.pdf")),
    ),
    Case(
        "init-onto-a-link",
        ("init", "stdout.yaml", "--force"),
        1,
        ("stdout.yaml: er et link", "ikke gennem et link"),
        frozenset({"stdout.yaml", "target.yaml"}),
        both(text("target.yaml", "mine\n"), link("stdout.yaml", "target.yaml")),
    ),
    Case(
        "previews-onto-the-session-file",
        ("pack", "page-01.png", "-o", "p.pdf", "--png", "."),
        1,
        ("page-01.png: is a file this run reads",),
        frozenset({"page-01.png"}),
        lambda work, cli: session(work, cli, "page-01.png"),
    ),
    Case(
        "previews-onto-the-logo",
        ("pack", "session.yaml", "-o", "p.pdf", "--png", "."),
        1,
        ("page-01.png: is a file this run reads",),
        S | {"page-01.png"},
        both(with_logo("page-01.png"), small_png("page-01.png")),
    ),
    Case(
        "previews-onto-the-pack-itself",
        ("pack", "session.yaml", "-o", "page-01.png", "--png", "."),
        1,
        ("page-01.png: two outputs of this run have this name",),
        S,
        session,
    ),
    Case(
        "previews-onto-someone-elses-picture",
        ("pack", "session.yaml", "-o", "p.pdf", "--png", "."),
        1,
        ("page-03.png: is already there and is not a file workbook wrote", "--force"),
        S | {"page-03.png"},
        both(session, small_png("page-03.png")),
    ),
    Case(
        "previews-into-a-link-that-leads-nowhere",
        ("pack", "session.yaml", "-o", "p.pdf", "--png", "shots"),
        1,
        ("shots '--png': is a link to nowhere/shots, which does not exist",),
        S | {"shots"},
        both(session, link("shots", "nowhere/shots")),
    ),
    Case(
        "letters-onto-an-unrelated-file-of-a-letters-name",
        ("invitations", "session.yaml", "-o", "L"),
        1,
        ("L/mads-kristensen.pdf: is already there and is not a file workbook wrote",),
        S | {"L", "L/mads-kristensen.pdf"},
        both(session, folder("L"), foreign_pdf("L/mads-kristensen.pdf")),
    ),
    Case(
        "letters-into-dev-null",
        ("invitations", "session.yaml", "-o", "/dev/null"),
        1,
        ("/dev/null: is a device, not a folder",),
        S,
        session,
    ),
    Case(
        "pack-by-its-made-up-name-onto-an-unrelated-file",
        ("pack", "session.yaml"),
        1,
        (f"{PACK}: is already there and is not a file workbook wrote", "--force"),
        S | {PACK},
        both(session, foreign_pdf(PACK)),
    ),
    Case(
        "agenda-onto-the-tools-record",
        ("agenda", "session.yaml", "-o", RECORD),
        1,
        ("the name of workbook's record",),
        S,
        session,
    ),
    # inputs that ended in "internal error" (exit 70): each a located problem now
    *[
        Case(
            f"title-tagged-{tag.strip('!')}-{value.strip(chr(34)) or 'empty'}",
            ("pack", "session.yaml", "-o", "out.pdf"),
            1,
            ("session.yaml:2:8", *words),
            S,
            edited("title: Testsession", f"title: {tag} {value}"),
        )
        for tag, value, words in [
            ("!!float", '""', ('"" is not a number', "!!float")),
            ("!!int", '""', ('"" is not a whole number', "!!int")),
            ("!!int", '"0x"', ('"0x" is not a whole number',)),
            ("!!bool", '""', ('"" is not true or false',)),
            ("!!timestamp", '""', ("the tag !!timestamp is not allowed",)),
            ("!!binary", '"%%%"', ("the tag !!binary is not allowed",)),  # was "must not be empty"
            ("!custom", '"x"', ("the tag !custom is not allowed",)),
        ]
    ],
    *[
        Case(
            f"number-of-5000-digits-in-{key}",
            ("pack", "session.yaml", "-o", "out.pdf"),
            1,
            (f"session.yaml:{line}:", "a number 5,000 characters long"),
            S,
            edited(old, old.split(":")[0] + ": " + "9" * 5000),
        )
        for key, old, line in [
            ("title", "title: Testsession", 2),
            ("date", "date: 2027-03-04", 3),
            ("start", 'start: "09:00"', 4),
        ]
    ],
    Case(
        "number-of-5000-digits-in-minutes",
        ("agenda", "session.yaml", "-o", "out.pdf"),
        1,
        ("session.yaml:18:12", "a number 5,000 characters long"),
        S,
        edited("agenda:\n", "agenda:\n  - opening\n  - lunch: " + "9" * 5000 + "\n"),
    ),
    Case(
        "number-of-5000-digits-in-one-session-of-a-batch",
        ("pack", "a.yaml", "b.yaml", "--boards", "none"),
        1,
        ("b.yaml:2:8", "5,000 characters", "Wrote 1 of 2 packs"),
        frozenset({"a.yaml", "b.yaml", PACK, RECORD}),
        both(
            lambda w, c: session(w, c, "a.yaml"),
            edited("title: Testsession", "title: " + "9" * 5000, "b.yaml"),
        ),
    ),
    Case(
        "schema-texts-emptied",
        ("schema",),
        1,
        ("content/da/schema.yaml:1:1: 'session' mangler",),
        DA,
        in_danish_copy("schema.yaml", "", "{}\n"),
    ),
    Case(
        "schema-texts-emptied-in-check",
        ("check", "--lang", "da"),
        1,
        ("content/da/schema.yaml:1:1 'agenda.part_title': missing",),
        DA,
        in_danish_copy("schema.yaml", "", "{}\n"),
    ),
    Case(
        "logo-whose-pixels-do-not-decode",
        ("invitations", "session.yaml", "-o", "letters"),
        1,
        ("'host_logo'", "logo.png is damaged", "pixels cannot be read"),
        S | {"logo.png"},
        both(with_logo("logo.png"), damaged_png("logo.png")),
    ),
    # silent or unclear before
    Case(
        "lunch-true-is-not-one-minute",
        ("agenda", "session.yaml", "-o", "out.pdf"),
        1,
        ("session.yaml:18:5", "a number of minutes such as 45, not true or false"),
        S,
        edited("agenda:\n", "agenda:\n  - opening\n  - lunch: true\n"),
    ),
    Case(
        "minutes-over-a-day",
        ("agenda", "session.yaml", "-o", "out.pdf"),
        1,
        ("'minutes' must be at most 1440 (found 5000)",),
        S,
        edited("agenda:\n", "agenda:\n  - part: lunch\n    minutes: 5000\n"),
        never=("Input should be", "Traceback", "internal error"),
    ),
    Case(
        "lone-surrogate-has-its-line",
        ("agenda", "session.yaml", "-o", "out.pdf"),
        1,
        ("session.yaml:2:", "U+D800 (half of a character pair, alone)"),
        S,
        edited("title: Testsession", 'title: "\\ud800"'),
    ),
    Case(
        "complex-key",
        ("agenda", "session.yaml", "-o", "out.pdf"),
        1,
        ("session.yaml:16:3", "a key here is a list or a mapping"),
        S,
        edited("agenda:\n", "? [a, b]\n: c\n"),
        never=("the tag  is", "Traceback", "internal error"),
    ),
    Case(
        "an-equals-sign-is-text",
        ("agenda", "session.yaml", "-o", "out.pdf"),
        0,
        ("Wrote out.pdf",),
        S | {"out.pdf"},
        edited("title: Testsession", "title: ="),
    ),
    # language folders that shadow or break
    Case(
        "new-language-taking-a-built-in-code",
        ("languages", "new", "da", "--from", "en"),
        1,
        ("'da' is a built-in language", "da_DK"),
        frozenset(),
    ),
    Case(
        "danish-outside-the-package-held-to-the-template-policy",
        ("pack", "session.yaml", "-o", "out.pdf"),
        1,
        ("content/da/ui.yaml:8:3 'pack.page'", "unknown placeholder {{ lipsum }}"),
        S | DA,
        both(session, in_danish_copy("ui.yaml", "{{ number }}", "{{ lipsum }}")),
    ),
    *[
        Case(
            f"a-broken-german-folder-does-not-stop-{args[0]}-for-danish",
            args,
            0,
            ("language folder content/de skipped", *words),  # a Danish session's run
            S | {"content", "content/de", "content/de/meta.yaml"} | made,
            both(edited("language: en", "language: da"), broken_german(meta)),
        )
        for args, words, made in [
            (
                ("pack", "session.yaml", "-o", "p.pdf"),
                ("Skrev p.pdf",),
                {"p.pdf", "p-boards.pdf", RECORD},
            ),
            (("agenda", "session.yaml", "-o", "a.pdf"), ("Skrev a.pdf",), {"a.pdf"}),
            (("schema",), ('"$schema"',), set()),
            (("init", "x.yaml"), ("Skrev x.yaml",), {"x.yaml", "workbook-session.schema.json"}),
            (("check", "--lang", "da"), ("da: no problems",), set()),
        ]
        for meta in ['name: "Deutsch\n']
    ],
    Case(
        "a-language-name-with-a-control-character-does-not-stop-danish",
        ("agenda", "session.yaml", "-o", "a.pdf"),
        0,
        ("language folder content/de skipped", "U+0001", "Skrev a.pdf"),
        S | {"content", "content/de", "content/de/meta.yaml", "a.pdf"},
        both(edited("language: en", "language: da"), broken_german('name: "De\\x01tsch"\n')),
    ),
    Case(
        "content-that-is-not-a-folder-of-languages",
        ("agenda", "session.yaml", "-o", "a.pdf", "--content", "/proc"),
        1,
        ("/proc: is not a folder of language folders",),
        S,
        session,
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


# What `make fuzz` searches far longer: YAML tags on any value, and numbers of any length,
# written into a session file at any of its values. Each ends in a PDF or a clean error.
TAGS = [
    "!!float", "!!int", "!!bool", "!!null", "!!str", "!!timestamp", "!!binary", "!!set",
    "!!omap", "!!pairs", "!!seq", "!!map", "!!merge", "!!value", "!!yaml", "!custom", "!",
    "!<tag:yaml.org,2002:int>", "!!python/object/apply:os.system",
]  # fmt: skip
TAGGED = ['""', '"0x"', '"%%%"', "", "0", "-", "1e999", ".nan", "[a]", "{a: 1}", "yes", "~"]
NUMBER_FORMS = ["{d}", "-{d}", "0x{d}", "0o{d}", "{d}.{d}", "{d}e{d}", "1_{d}", '"{d}"']
VALUES = ["title", "date", "start", "venue", "host", "name", "organisation", "minutes"]


def _mutated(line_key: str, value: str) -> str:
    text = BASE + "agenda:\n  - opening\n  - lunch: 45\n"
    pattern = rf"^(\s*(?:- )?{line_key}: ).*$"
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = re.match(pattern, line) or (
            line_key == "minutes" and re.match(r"^(\s*- lunch: ).*$", line)
        )
        if match:
            lines[index] = match.group(1) + value
            break
    return "\n".join(lines) + "\n"


mutations = st.one_of(
    st.builds(lambda tag, value: f"{tag} {value}", st.sampled_from(TAGS), st.sampled_from(TAGGED)),
    st.builds(
        lambda form, digits: form.format(d="9" * digits),
        st.sampled_from(NUMBER_FORMS),
        st.integers(1, 10_000),
    ),
)


@settings(
    max_examples=max(25, settings().max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(key=st.sampled_from(VALUES), value=mutations)
def test_tags_and_long_numbers_anywhere_give_a_pdf_or_a_clean_error(
    cli: Any, tmp_path: Path, key: str, value: str
) -> None:
    session = tmp_path / "s.yaml"
    session.write_text(_mutated(key, value), "utf-8")
    output = tmp_path / "out.pdf"
    output.unlink(missing_ok=True)
    result = cli("agenda", session, "-o", output)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    if result.exit_code == 1:
        assert result.output.startswith("error:") and not output.exists()
        assert "s.yaml:" in result.output, result.output  # the file and its line
