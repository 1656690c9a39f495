"""A Danish session is told about the files it cannot write in Danish, every word of it.

Real failing cases, one per family of the file-safety layer's messages (an output that is
a folder, a device, an input or a dangling link; several sessions and no folder; two
outputs of one run; a file the tool did not write; a save on the web page that cannot
read its file), each run the way a facilitator runs it, from the session's folder. The
full and the read-only disk are in ``test_full_disk.py``, the watcher's and the batch's
lines in ``tests/app/test_watch.py`` and ``tests/app/test_batch.py``.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import PORT, _Client
from workbook.app.messages import messages_for
from workbook.core.errors import UserError
from workbook.files.outputs import check_outputs
from workbook.files.saving import read_regular, replace_if_unchanged
from workbook.web.app import create_app
from workbook.web.workspace import Workspace

# Words of the English messages that a Danish line never holds (paths are relative and
# made of the test's own names, so none of these can come from them).
ENGLISH = re.compile(
    r"\b(the|is|cannot|written|folder|file|give|choose|found|error|which|"
    r"exist|not|run|already|free|space)\b",
    re.IGNORECASE,
)


def _no_english(text: str) -> None:
    leaked = [line for line in text.splitlines() if ENGLISH.search(line)]
    assert not leaked, leaked


@pytest.mark.parametrize(
    ("make", "output", "said"),
    [
        (
            lambda: os.mkdir("ud"),
            "ud",
            "ud: er en mappe; angiv et filnavn, der ender på .pdf",
        ),
        (
            lambda: None,
            "/dev/null",
            "/dev/null: er en enhed, ikke en almindelig fil; den bliver ikke rørt\n"
            "    Angiv med -o navnet på den PDF-fil, der skal skrives.",
        ),
        (
            lambda: None,
            "session.yaml",
            "session.yaml: er en fil, denne kørsel læser; den ville blive ødelagt, hvis der "
            "blev skrevet til den\n"
            "    Giv filen, der skal skrives, et andet navn, fx -o materiale.pdf.",
        ),
        (
            lambda: os.symlink("mangler/x.pdf", "ud.pdf"),
            "ud.pdf",
            "ud.pdf: er et link til mangler/x.pdf, som ikke findes; der skrives ikke gennem det\n"
            "    Angiv stien til selve filen, eller fjern linket.",
        ),
        (
            lambda: None,
            "mangler/ud.pdf",
            "mangler: mappen, filen skulle skrives i, findes ikke\n"
            "    Opret mappen først, eller vælg en anden sti med -o.",
        ),
        (
            lambda: None,
            "x" * 300 + ".pdf",
            "filnavnet er 304 tegn langt; denne disk tillader højst 255\n"
            "    Vælg et kortere navn med -o.",
        ),
    ],
    ids=["folder", "device", "input", "dangling-link", "no-folder", "long-name"],
)
def test_an_output_that_cannot_be_written_is_told_in_danish(
    cli: Callable[..., Any], here: Path, make: Callable[[], object], output: str, said: str
) -> None:
    make()
    result = cli("pack", "session.yaml", "-o", output)
    assert result.exit_code == 1
    assert result.stderr.startswith("fejl: 1 problem fundet\n")
    assert said in result.stderr
    _no_english(result.stderr.replace(output, "<U>"))


def test_a_folder_that_cannot_be_written_is_told_in_danish(
    cli: Callable[..., Any], here: Path
) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write in any folder; the read-only disk in test_full_disk.py")
    os.mkdir("låst", 0o555)
    result = cli("pack", "session.yaml", "-o", "låst/ud.pdf")
    assert result.exit_code == 1
    assert "låst: der kan ikke skrives i mappen" in result.stderr
    _no_english(result.stderr)


def test_a_batch_without_a_folder_is_told_in_danish(cli: Callable[..., Any], here: Path) -> None:
    Path("anden.yaml").write_bytes(Path("session.yaml").read_bytes())
    result = cli("pack", "session.yaml", "anden.yaml", "-o", "ingen")
    assert result.exit_code == 1
    assert result.stderr == (
        "fejl: 1 problem fundet\n"
        "  ingen: med flere sessionsfiler skal -o være en mappe, der findes\n"
        "    Opret mappen først, eller udelad -o for at skrive hvert materiale ved siden af "
        "sin sessionsfil.\n"
    )


def test_previews_over_a_file_the_tool_did_not_write_are_told_in_danish(
    cli: Callable[..., Any], here: Path
) -> None:
    os.mkdir("sider")
    Path("sider/page-01.png").write_bytes(b"et andet billede")
    result = cli("pack", "session.yaml", "-o", "ud.pdf", "--png", "sider")
    assert result.exit_code == 1
    assert (
        "sider/page-01.png: findes allerede og er ikke en fil, workbook har skrevet til denne "
        "session; den bliver ikke erstattet\n"
        "    Flyt eller omdøb den, eller tilføj --force for at erstatte den." in result.stderr
    )
    _no_english(result.stderr)


def test_two_outputs_of_one_name_and_an_input_by_another_name_in_danish(tmp_path: Path) -> None:
    session = tmp_path / "session.yaml"
    session.write_text("language: da\n", "utf-8")
    (tmp_path / "genvej.yaml").symlink_to(session)
    twice = tmp_path / "ud.pdf"
    with pytest.raises(UserError) as caught:
        check_outputs([twice, twice, tmp_path / "genvej.yaml"], [session])
    told = [p.render() for p in messages_for("da").problems(caught.value.problems)]
    assert told == [
        f"{twice}: to filer fra denne kørsel har dette navn\n    Giv hver fil sit eget navn.",
        f"{tmp_path / 'genvej.yaml'}: er den samme fil som {session}, som denne kørsel læser; "
        "den ville blive ødelagt, hvis der blev skrevet til den\n"
        "    Giv filen, der skal skrives, et andet navn, fx -o materiale.pdf.",
    ]


def test_the_web_pages_reads_and_saves_are_told_in_danish(tmp_path: Path) -> None:
    folder = tmp_path / "mappe"
    folder.mkdir()
    fifo = tmp_path / "rør"
    os.mkfifo(fifo)
    da = messages_for("da")
    for path, said in (
        (folder, "dette er en mappe, ikke en sessionsfil"),
        (
            fifo,
            "er ikke en almindelig fil (men en enhed, et rør eller en sokkel); en "
            "sessionsfil skal være en fil",
        ),
    ):
        with pytest.raises(UserError) as caught:
            read_regular(path, 1000, "session file")
        assert da.problem(caught.value.problems[0]).message == said
    big = tmp_path / "stor.yaml"
    big.write_bytes(b"x" * 5000)
    with pytest.raises(UserError) as caught:
        replace_if_unchanged(big, "", b"ny", 2048)
    told = da.problem(caught.value.problems[0])
    assert told.message == "er større end 2 KiB og bliver ikke læst"
    assert told.hint == "Er det den rigtige fil? Sessions- og indholdsfiler er små tekstfiler."


def test_a_session_file_gone_to_a_folder_is_told_on_the_page_in_danish(
    write_session: Callable[..., Path],
) -> None:
    session = write_session("session.yaml")
    app = create_app(Workspace(session))
    app.config["PORT"] = PORT
    client = _Client(app.test_client())
    session.unlink()
    session.mkdir()  # replaced by a folder of the same name while the page is open
    page = client.get("/")
    assert page.status_code == 409
    text = page.get_data(as_text=True)
    assert "dette er en mappe, ikke en sessionsfil" in text
    assert "is a folder" not in text


def test_a_full_form_is_told_on_the_page_in_danish(
    write_session: Callable[..., Path],
) -> None:
    from tests.web.conftest import ORIGIN

    app = create_app(Workspace(write_session("session.yaml")))
    app.config["PORT"] = PORT
    client = _Client(app.test_client())
    page = client.post("/", data={"x": "y" * (60 * 1024 * 1024)}, headers={"Origin": ORIGIN})
    assert page.status_code == 413
    text = page.get_data(as_text=True)
    assert "Formularen er større end" in text and "The form is larger" not in text
    assert '<html lang="da"' in text  # the page says which language it speaks


def test_an_english_session_is_told_in_english(
    cli: Callable[..., Any],
    write_session: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_session("session.yaml", language="en")
    monkeypatch.chdir(tmp_path)
    os.mkdir("out")
    result = cli("pack", "session.yaml", "-o", "out")
    assert result.stderr == (
        "error: 1 problem found\n  out: is a folder; give a file name ending in .pdf\n"
    )


def test_a_read_only_mount_is_told_in_danish_by_the_cli(
    cli: Callable[..., Any], write_session: Callable[..., Path], tmp_path: Path
) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        result = cli("pack", write_session(), "-o", disk / "ud.pdf")
    finally:
        subprocess.run(["umount", str(disk)], check=False)
    assert result.exit_code == 1
    lines = result.stderr.replace(str(disk), "<D>")
    assert "kan ikke skrives: filsystemet er skrivebeskyttet" in lines or (
        "der kan ikke skrives i mappen" in lines
    )
    _no_english(lines)
