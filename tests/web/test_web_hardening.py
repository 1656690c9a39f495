"""The page under a hostile run: saves that race an editor, files the page should not touch,
requests that try to stall or crash the server, and what every answer says of itself.

Each case failed before the page's saves became compare-and-swap and its server hardened;
they go through the page's HTTP surface only, as a browser or a script would.
"""

from __future__ import annotations

import io
import os
import random
import socket
import stat
import struct
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.conftest import REPO
from tests.web.conftest import ORIGIN, PORT, form_of, notes_for, post
from workbook.core.errors import UserError
from workbook.session.model import load_session


def _png(size: tuple[int, int] = (40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 110, 80)).save(out, "PNG")
    return out.getvalue()


def _undecodable_png() -> bytes:
    """A PNG whose chunks and checksums are all in order, but whose pixel data is not a
    zlib stream: its header reads, it passes Pillow's verify(), and it never decodes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 40, 20, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"this is not deflated pixel data" * 4)
        + chunk(b"IEND", b"")
    )


def _saved(response: Any) -> bool:
    """Save answered as saved: the page again (200), or a redirect to it (303)."""
    return response.status_code in (200, 303) and b"internal error" not in response.data


# -- saves that race ----------------------------------------------------------------------


def test_an_editors_save_just_after_save_is_pressed_is_never_lost(
    client_for: Callable[..., Any], session_file: Path
) -> None:
    """An editor saving 0-30 ms after Save is pressed: its text is the file's afterwards,
    every time, whichever came first (the page's save is refused, or lands before it)."""
    rng = random.Random(24)
    for trial in range(40):
        client = client_for(session_file)  # a page opened afresh, on the file as it is
        fields = form_of(client.get("/").data)
        theirs = session_file.read_text("utf-8").replace("venue: ", f"# edit {trial}\nvenue: ")
        delay = rng.uniform(0, 0.03)

        def editor(delay: float = delay, theirs: str = theirs) -> None:
            time.sleep(delay)
            temp = session_file.with_name(".editor.swp")
            temp.write_text(theirs, "utf-8")
            os.replace(temp, session_file)

        thread = threading.Thread(target=editor)
        thread.start()
        response = post(client, {**fields, "title": f"Mine {trial}", "save": "1"})
        thread.join()
        assert response.status_code in (200, 303, 409, 422), response.status_code
        assert session_file.read_text("utf-8") == theirs, f"trial {trial}: the editor's save lost"


def test_a_file_with_windows_line_endings_can_be_saved_and_keeps_them(
    client_for: Callable[..., Any], session_file: Path
) -> None:
    crlf = session_file.read_text("utf-8").replace("\n", "\r\n")
    session_file.write_bytes(crlf.encode("utf-8"))
    client = client_for(session_file)
    fields = form_of(client.get("/").data)
    assert _saved(post(client, {**fields, "venue": "Valby", "save": "1"}))
    raw = session_file.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # every line still ends as it did
    assert load_session(session_file)[0].venue == "Valby"
    assert b"# Lines starting with # are comments." in raw


def test_a_yaml_file_that_is_a_list_is_never_shown_as_an_empty_form_or_replaced(
    client_for: Callable[..., Any], session_file: Path
) -> None:
    listed = "# my shopping list\n- milk\n- bread\n"
    session_file.write_text(listed, "utf-8")
    with pytest.raises(UserError, match="mapping"):
        client_for(session_file)  # as 'workbook serve' says at start
    # and when it becomes one while the page is open
    session_file.write_bytes((REPO / "examples" / "session.yaml").read_bytes())
    client = client_for(session_file)
    fields = form_of(client.get("/").data)
    session_file.write_text(listed, "utf-8")
    page = client.get("/")
    assert page.status_code == 409
    assert "en sessionsfil skal bestå af nøgler som" in page.get_data(as_text=True)
    assert b'name="venue"' not in page.data
    post(client, {**fields, "save": "1"})
    assert session_file.read_text("utf-8") == listed


def test_a_session_file_that_is_a_symlink_is_written_through_to_its_target(
    client_for: Callable[..., Any], tmp_path: Path
) -> None:
    real = tmp_path / "shared" / "session.yaml"
    real.parent.mkdir()
    real.write_bytes((REPO / "examples" / "session.yaml").read_bytes())
    link = tmp_path / "session.yaml"
    link.symlink_to(real)
    client = client_for(link)
    fields = form_of(client.get("/").data)
    assert _saved(post(client, {**fields, "venue": "Valby", "save": "1"}))
    assert link.is_symlink()
    assert load_session(real)[0].venue == "Valby"


def test_save_keeps_the_files_permissions(client: Any, session_file: Path) -> None:
    session_file.chmod(0o600)
    fields = form_of(client.get("/").data)
    assert _saved(post(client, {**fields, "venue": "Valby", "save": "1"}))
    assert stat.S_IMODE(session_file.stat().st_mode) == 0o600


def test_a_logo_is_not_left_behind_by_a_save_that_is_refused(
    client: Any, session_file: Path
) -> None:
    fields = form_of(client.get("/").data)
    session_file.write_text(
        session_file.read_text("utf-8").replace("CPH Food Space", "Kødbyen"), "utf-8"
    )
    before = sorted(p.name for p in session_file.parent.iterdir())
    upload = {"host_logo_file": (io.BytesIO(_png()), "logo.png")}
    response = post(client, {**fields, "venue": "Valby", "save": "1", **upload})
    assert not _saved(response)
    assert sorted(p.name for p in session_file.parent.iterdir()) == before


def test_a_logo_is_taken_back_when_the_session_file_cannot_be_written(
    client: Any, session_file: Path
) -> None:
    """The logo is written first; when the session file then fails (here: a file size limit
    the logo fits under and the session file does not), the folder is left as it was."""
    import resource
    import signal

    fields = form_of(client.get("/").data)
    before = sorted(p.name for p in session_file.parent.iterdir())
    text = session_file.read_bytes()
    logo = _png()
    assert len(logo) < 1024 < len(text)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))
    try:
        upload = {"host_logo_file": (io.BytesIO(logo), "logo.png")}
        response = post(client, {**fields, "venue": "Valby", "save": "1", **upload})
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert not _saved(response) or b"cannot be written" in response.data
    assert sorted(p.name for p in session_file.parent.iterdir()) == before
    assert session_file.read_bytes() == text


def test_a_folder_or_a_fifo_named_like_the_logo_is_stepped_around(
    client: Any, session_file: Path
) -> None:
    (session_file.parent / "logo.png").mkdir()
    os.mkfifo(session_file.parent / "logo-2.png")
    fields = form_of(client.get("/").data)
    upload = {"host_logo_file": (io.BytesIO(_png()), "logo.png")}
    response = _in_time(lambda: post(client, {**fields, "save": "1", **upload}))
    assert _saved(response)
    assert (session_file.parent / "logo-3.png").read_bytes() == _png()
    assert load_session(session_file)[0].host_logo == "logo-3.png"


# -- inputs that stall or crash the server ------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"agenda[0].minutes": "²"},
        {"agenda[0].minutes": "٣"},
        {"op": "remove:partners.²"},
        {"op": "up:agenda.١"},
        {"op": "move:agenda.²>0"},
        {"agenda[²].title": "x"},
    ],
    ids=["superscript", "arabic-indic", "op-superscript", "op-arabic-indic", "move", "index"],
)
def test_digits_that_are_not_ascii_are_a_message_not_a_crash(
    client: Any, changes: dict[str, str]
) -> None:
    fields = form_of(client.get("/").data)
    response = post(client, {**fields, **changes, "update": "1"})
    assert response.status_code in (200, 422), response.data[:300]
    assert b"internal error" not in response.data


def test_a_logo_whose_pixels_do_not_decode_is_refused_when_taken(client: Any) -> None:
    broken = _undecodable_png()
    fields = form_of(client.get("/").data)
    upload = {"host_logo_file": (io.BytesIO(broken), "logo.png")}
    response = post(client, {**fields, "letters": "1", **upload})
    assert response.status_code == 422
    (note,) = notes_for(response.data, "host_logo")
    assert note == (  # issue 23: the logo check itself decodes every pixel, and says so
        "logo.png er beskadiget: dens hoved er et billedes, men dens pixels kan ikke læses "
        "– Gem logoet igen fra et billedprogram, som PNG eller JPEG."
    )


def test_a_logo_on_disk_whose_pixels_do_not_decode_is_a_message_not_a_crash(
    client_for: Callable[..., Any], session_file: Path
) -> None:
    (session_file.parent / "logo.png").write_bytes(_undecodable_png())
    text = session_file.read_text("utf-8").replace(
        '# host_logo: "logo.png"', 'host_logo: "logo.png"'
    )
    session_file.write_text(text, "utf-8")
    client = client_for(session_file)
    fields = form_of(client.get("/").data)
    for action in ("letters", "letters_zip"):
        response = post(client, {**fields, action: "1"})
        assert response.status_code == 422, action
        assert b"internal error" not in response.data


def test_a_fifo_named_as_the_logo_is_a_message_at_once(
    client_for: Callable[..., Any], session_file: Path
) -> None:
    os.mkfifo(session_file.parent / "logo.png")
    text = session_file.read_text("utf-8").replace(
        '# host_logo: "logo.png"', 'host_logo: "logo.png"'
    )
    session_file.write_text(text, "utf-8")
    client = client_for(session_file)
    assert _in_time(lambda: client.get("/state")).status_code == 200
    fields = form_of(client.get("/").data)
    response = _in_time(lambda: post(client, {**fields, "letters": "1"}))
    assert response.status_code == 422
    assert notes_for(response.data, "host_logo")[0].startswith(
        "logo.png: er ikke en almindelig fil"
    )


@pytest.fixture
def served(session_file: Path) -> Iterator[tuple[str, Path]]:
    """A real server on a socket, as 'workbook serve' runs it."""
    from workbook.web.server import start, url

    server = start(session_file)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url(server), session_file
    finally:
        server.shutdown()
        server.server_close()


def _in_time(call: Callable[[], Any], seconds: float = 10) -> Any:
    """``call()``'s result, or a failure if it takes longer than ``seconds``."""
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(call()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert result, f"no answer within {seconds} s: the server is stalled"
    return result[0]


def _get(address: str, path: str = "/") -> int:
    with urllib.request.urlopen(address.rstrip("/") + path, timeout=30) as response:
        return int(response.status)


def test_a_post_that_stops_halfway_does_not_stall_other_requests(
    served: tuple[str, Path],
) -> None:
    address, _ = served
    port = int(address.rsplit(":", 1)[1].strip("/"))
    with socket.create_connection(("127.0.0.1", port)) as slow:
        slow.sendall(
            b"POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: http://127.0.0.1:%d\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
            b"title=half" % (port, port)
        )
        time.sleep(0.3)  # the server has the headers and is waiting for the rest
        for path in ("/", "/state"):
            assert _in_time(lambda path=path: _get(address, path)) == 200


def test_a_fifo_in_place_of_the_session_file_does_not_stall_the_server(
    served: tuple[str, Path],
) -> None:
    address, session = served
    session.unlink()
    os.mkfifo(session)
    assert _in_time(lambda: _status(address)) == 409  # said on the page, at once
    data = urllib.parse.urlencode({"venue": "Valby", "save": "1", "version": "x"}).encode()
    request = urllib.request.Request(address, data=data, headers={"Origin": address.rstrip("/")})
    assert _in_time(lambda: _status(request)) in (409, 422)
    assert stat.S_ISFIFO(session.stat().st_mode)  # and never replaced


def _status(target: Any, path: str = "") -> int:
    try:
        with urllib.request.urlopen(
            target + path if isinstance(target, str) else target, timeout=30
        ) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_serve_restarts_on_the_same_port_at_once(session_file: Path) -> None:
    """A port the last run left in TIME_WAIT (the server closed a connection first) is free
    to the next run, as it is to the server's own socket."""
    from workbook.web.server import start

    first = start(session_file)
    port = first.port
    thread = threading.Thread(target=first.serve_forever, daemon=True)
    thread.start()
    with socket.create_connection(("127.0.0.1", port)) as connection:  # HTTP/1.0: it closes
        connection.sendall(b"GET /state HTTP/1.0\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)
        while connection.recv(65536):
            pass
    first.shutdown()
    first.server_close()
    second = start(session_file, port)
    second.server_close()


# -- what every answer says of itself -----------------------------------------------------


def test_pages_and_downloads_may_not_be_framed_sniffed_or_kept(client: Any) -> None:
    page = client.get("/")
    fields = form_of(page.data)
    download = post(client, {**fields, "agenda": "1"})
    assert download.mimetype == "application/pdf"
    for response in (page, download, client.get("/static/page.js"), client.get("/nowhere")):
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cache-Control"] == "no-store"


def test_an_origin_without_its_scheme_is_refused(client: Any) -> None:
    fields = form_of(client.get("/").data)
    for origin in (f"127.0.0.1:{PORT}", f"https://127.0.0.1:{PORT}", f"{ORIGIN}.evil.example"):
        response = client.post("/", data={**fields, "update": "1"}, headers={"Origin": origin})
        assert response.status_code == 403, origin
    assert post(client, {**fields, "update": "1"}).status_code == 200


def test_characters_that_never_print_are_not_written_as_yaml_escapes(
    client: Any, session_file: Path
) -> None:
    fields = form_of(client.get("/").data)
    response = post(client, {**fields, "venue": "Valby\x00 Kultur\x1bhus", "save": "1"})
    assert _saved(response)
    assert load_session(session_file)[0].venue == "Valby Kulturhus"
    page = client.get("/").data.decode()
    assert "escape sequence" not in page and " -o" not in page
