"""workbook serve over HTTP: every route, the security rules, bad input, and saving."""

from __future__ import annotations

import base64
import functools
import io
import re
import signal
import stat
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from tests.conftest import REPO, normalise
from tests.web.conftest import PORT, _Client, form_of, notes_for, post
from workbook.session.model import load_session
from workbook.web.app import MAX_REQUEST, create_app
from workbook.web.downloads import PREVIEW_DPI, PREVIEW_PAGES
from workbook.web.workspace import MAX_LOGO, Workspace


def test_the_page_names_its_inputs_by_the_session_files_paths(client: Any) -> None:
    response = client.get("/")
    assert response.status_code == 200
    fields = form_of(response.data)
    assert fields["title"] == "Partnerskab om bæredygtige skolemåltider"
    assert fields["date"] == "2027-03-04"
    assert fields["start"] == "09:00"
    assert fields["facilitator.name"] == "Anne Holm"
    assert fields["partners[0].name"] == "Mads Kristensen"
    assert fields["partners[2].organisation"] == "Madfællesskabet Nørrebro"
    assert fields["agenda[2].part"] == "ambition"
    assert fields["language"] == "da"
    # the clock times come from the schedule: lunch after opening, introductions, ambition
    assert "11.25–12.25" in response.data.decode()


def test_the_pack_is_the_clis_pack_byte_for_byte(client: Any, session_file: Path, cli: Any) -> None:
    fields = form_of(client.get("/").data)
    response = post(client, {**fields, "pack": "1"})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    name = "2027-03-04-partnerskab-om-baeredygtige-skolemaltider.pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'
    posters = post(client, {**fields, "posters": "1"})
    assert posters.headers["Content-Disposition"] == (
        'attachment; filename="2027-03-04-partnerskab-om-baeredygtige-skolemaltider-boards.pdf"'
    )
    result = cli("pack", str(session_file))  # its default names, which its print guide cites
    assert result.exit_code == 0, result.output
    assert response.data == (session_file.parent / name).read_bytes()
    assert posters.data == (session_file.parent / name.replace(".pdf", "-boards.pdf")).read_bytes()


def test_agenda_and_letters_download(client: Any) -> None:
    fields = form_of(client.get("/").data)
    agenda = post(client, {**fields, "agenda": "1"})
    assert agenda.mimetype == "application/pdf"
    assert len(PdfReader(io.BytesIO(agenda.data)).pages) == 1
    letters = post(client, {**fields, "letters": "1"})
    reader = PdfReader(io.BytesIO(letters.data))
    assert len(reader.pages) == 6  # two pages for each of three partners
    assert "Ahmed Yilmaz" in normalise(reader.pages[4].extract_text())
    archive = zipfile.ZipFile(io.BytesIO(post(client, {**fields, "letters_zip": "1"}).data))
    names = sorted(Path(name).name for name in archive.namelist())
    stems = ["ahmed-yilmaz", "mads-kristensen", "sofie-jensen"]
    # the letters with their calendar entries (drafts come with fillable letters)
    expected = [*(f"{s}.pdf" for s in stems), *(f"{s}.ics" for s in stems), "facilitator.ics"]
    assert names == sorted(expected)
    for name in archive.namelist():
        if name.endswith(".pdf"):
            assert len(PdfReader(io.BytesIO(archive.read(name))).pages) == 2


def test_a_bad_date_is_a_message_beside_the_field(client: Any) -> None:
    fields = form_of(client.get("/").data)
    response = post(client, {**fields, "date": "2027-13-45", "pack": "1"})
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    # the example session is Danish: its page says it in Danish, in the form's words
    assert notes_for(response.data, "date") == [
        "Dato har en måned, der ikke findes: der er ingen måned 13 (der står '2027-13-45')"
        " – Skriv datoen som år-måned-dag, fx 2027-03-04."
    ]
    assert b"Traceback" not in response.data


def test_problems_point_at_partners_and_agenda_rows(client: Any) -> None:
    fields = form_of(client.get("/").data)
    fields.update({"partners[1].name": "", "agenda[3].minutes": "0", "agenda[5].part": "brunch"})
    response = post(client, {**fields, "update": "1"})
    assert notes_for(response.data, "partners[1].name") == ["Navn mangler – Udfyld feltet."]
    assert notes_for(response.data, "agenda[3].minutes")[0].startswith(
        "Minutter skal være mere end nul"
    )
    # the agenda is timed once the session reads, as in the CLI
    fields = form_of(client.get("/").data)
    response = post(client, {**fields, "agenda[5].part": "brunch", "update": "1"})
    (note,) = notes_for(response.data, "agenda[5]")
    assert note == "ukendt programpunkt 'brunch' – mente du 'lunch'?"  # no YAML advice


def test_rows_are_added_moved_and_removed(client: Any) -> None:
    fields = form_of(client.get("/").data)
    added = form_of(post(client, {**fields, "op": "add:partner"}).data)
    assert added["partners[3].name"] == ""
    moved = form_of(post(client, {**fields, "op": "up:partners.2"}).data)
    assert [moved[f"partners[{i}].name"] for i in range(3)] == [
        "Mads Kristensen",
        "Ahmed Yilmaz",
        "Sofie Jensen",
    ]
    removed = form_of(post(client, {**fields, "op": "remove:agenda.3"}).data)
    assert "agenda[7].part" not in removed
    assert removed["agenda[3].part"] == "contribution"
    custom = form_of(post(client, {**fields, "op": "add:custom"}).data)
    assert custom["agenda[8].title"] == ""
    day = form_of(post(client, {**fields, "op": "add:day"}).data)
    assert day["agenda[8].day"] == "2027-03-05"  # the next date, at the first day's start
    assert day["agenda[8].start"] == "09:00"


def test_clock_times_follow_the_agenda(client: Any) -> None:
    fields = form_of(client.get("/").data)
    fields["agenda[0].minutes"] = "40"  # opening 30 minutes longer: lunch starts at 11.55
    page = post(client, {**fields, "update": "1"}).data.decode()
    assert "11.55–12.55" in page
    assert "Samlet varighed 7 t 30 min. · vejledningens dag varer 7 t" in normalise(page)


def test_save_keeps_comments_and_reads_back(client: Any, session_file: Path) -> None:
    fields = form_of(client.get("/").data)
    fields.update({"venue": "Kødbyen: Hal 5", "partners[0].role": "yes", "agenda[3].minutes": "45"})
    response = post(client, {**fields, "save": "1"})
    assert response.status_code == 303  # then the page as the file is now: a reload never posts
    assert response.headers["Location"] == "/?saved=1"
    assert "Gemt: session.yaml." in client.get("/?saved=1").data.decode()
    text = session_file.read_text("utf-8")
    assert "# The programme. Leave it out to use the guide's whole day" in text
    assert "# optional: the organisation that invites" in text
    session, _ = load_session(session_file)
    assert session.venue == "Kødbyen: Hal 5"
    assert session.partners[0].role == "yes"  # quoted, so YAML does not read it as true
    assert session.agenda is not None and session.agenda[3].minutes == 45  # type: ignore[union-attr]


def test_save_refuses_a_file_changed_since_the_page_read_it(
    client: Any, session_file: Path
) -> None:
    fields = form_of(client.get("/").data)
    edited = session_file.read_text("utf-8").replace("CPH Food Space", "Kødbyen")
    session_file.write_text("# edited in another program\n" + edited)
    before = session_file.read_bytes()
    response = post(client, {**fields, "title": "Skolemad", "save": "1"})
    assert response.status_code == 409  # both shown, nothing saved
    assert "Filen på disken er nyere end denne side" in response.data.decode()
    assert session_file.read_bytes() == before


def test_a_file_changed_only_in_its_comments_is_saved_keeping_them(
    client: Any, session_file: Path
) -> None:
    fields = form_of(client.get("/").data)
    session_file.write_text("# a note of mine\n" + session_file.read_text("utf-8"))
    assert post(client, {**fields, "save": "1"}).status_code == 303
    assert session_file.read_text("utf-8").startswith("# a note of mine\n")


def test_without_a_session_save_writes_a_new_file(
    client_for: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "session.yaml").write_text("not mine\n")
    client = client_for(None)
    fields = form_of(client.get("/").data)
    assert post(client, {**fields, "save": "1"}).status_code == 303
    assert (tmp_path / "session.yaml").read_text() == "not mine\n"
    assert load_session(tmp_path / "session-2.yaml")[0].venue == fields["venue"]


def test_save_writes_through_a_link_to_the_session_file_and_keeps_its_mode(
    client_for: Callable[..., Any], session_file: Path, tmp_path: Path
) -> None:
    real = tmp_path / "kept" / "session.yaml"
    real.parent.mkdir()
    session_file.rename(real)
    real.chmod(0o600)
    session_file.symlink_to(real)
    client = client_for(session_file)
    fields = form_of(client.get("/").data)
    assert post(client, {**fields, "venue": "Hal 5", "save": "1"}).status_code == 303
    assert session_file.is_symlink()  # not replaced by a file
    assert load_session(real)[0].venue == "Hal 5"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def _png(size: tuple[int, int] = (40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 110, 80)).save(out, "PNG")
    return out.getvalue()


def test_a_logo_upload_reaches_the_letters_and_is_saved_beside(
    client: Any, session_file: Path
) -> None:
    fields = form_of(client.get("/").data)
    upload = {"host_logo_file": (io.BytesIO(_png()), "Kommunens logo.png")}
    response = post(client, {**fields, "letters": "1", **upload})
    assert response.mimetype == "application/pdf"
    page = PdfReader(io.BytesIO(response.data)).pages[0]
    assert page["/Resources"]["/XObject"]  # the logo is drawn on the letter
    # the browser sends the chosen file again with Save (a download leaves the page as it is)
    upload = {"host_logo_file": (io.BytesIO(_png()), "Kommunens logo.png")}
    assert post(client, {**fields, "save": "1", **upload}).status_code == 303
    assert (session_file.parent / "kommunens-logo.png").read_bytes() == _png()
    assert load_session(session_file)[0].host_logo == "kommunens-logo.png"


def test_bad_uploads_are_messages(client: Any) -> None:
    fields = form_of(client.get("/").data)
    response = post(
        client, {**fields, "pack": "1", "host_logo_file": (io.BytesIO(b"GIF8"), "x.png")}
    )
    assert response.status_code == 422
    assert notes_for(response.data, "host_logo") == [
        "x.png er ikke et billede, workbook kan læse – Brug en PNG- eller JPEG-fil."
    ]
    gif = io.BytesIO()
    Image.new("RGB", (40, 20)).save(gif, "GIF")
    gif.seek(0)
    response = post(client, {**fields, "pack": "1", "host_logo_file": (gif, "x.gif")})
    assert notes_for(response.data, "host_logo") == ["x.gif er ikke et PNG- eller JPEG-billede"]
    big = io.BytesIO(b"0" * (MAX_REQUEST + 1))
    response = post(client, {**fields, "host_logo_file": (big, "big.png")})
    assert response.status_code == 413
    assert "Formularen er større end" in response.get_data(as_text=True)  # the file's language


def test_a_logo_of_too_many_pixels_is_refused_as_on_the_command_line(
    client: Any, session_file: Path
) -> None:
    """The page's upload gets the CLI's own check for 'host_logo:', beside the logo field."""
    out = io.BytesIO()
    Image.new("1", (5001, 5000)).save(out, "PNG")  # a few KiB, but 25,005,000 pixels
    huge = out.getvalue()
    assert len(huge) < MAX_LOGO
    before = sorted(session_file.parent.iterdir())
    fields = form_of(client.get("/").data)
    for action in ("letters", "save"):
        upload = (io.BytesIO(huge), "Stort logo.png")
        response = post(client, {**fields, action: "1", "host_logo_file": upload})
        assert response.status_code == 422, action
        assert notes_for(response.data, "host_logo") == [
            "Stort logo.png er 5001 x 5000 pixels; et logo må højst have 25 millioner pixels"
            " – Gør billedet mindre: 2000 pixels i bredden er rigeligt til print."
        ]
        assert response.mimetype == "text/html"
    assert sorted(session_file.parent.iterdir()) == before  # nothing saved, no logo written
    # exactly the limit is a logo the page takes
    fine = io.BytesIO()
    Image.new("1", (5000, 5000)).save(fine, "PNG")
    fine.seek(0)
    response = post(client, {**fields, "update": "1", "host_logo_file": (fine, "logo.png")})
    assert response.status_code == 200 and notes_for(response.data, "host_logo") == []


def test_dns_rebinding_and_cross_site_requests_are_refused(client: Any) -> None:
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 403
    assert client.get("/", headers={"Host": "127.0.0.1:9999"}).status_code == 403
    assert client.get("/", headers={"Host": f"localhost:{PORT}"}).status_code == 200
    fields = form_of(client.get("/").data)
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ):
        response = client.post("/", data={**fields, "pack": "1"}, headers=headers)
        assert response.status_code == 403, headers
    assert client.post("/", data={**fields, "update": "1"}).status_code == 200  # no Origin: curl


def test_no_request_path_reaches_the_file_system(client: Any) -> None:
    assert client.get("/static/page.js").status_code == 200
    assert client.get("/static/page.css").mimetype == "text/css"
    for path in (
        "/static/../app.py",
        "/static/%2e%2e%2fapp.py",
        "/static/app.py",
        "/pyproject.toml",
    ):
        assert client.get(path).status_code == 404, path
    fields = form_of(client.get("/").data)
    # host_logo is not taken from the form: a posted path is never read
    response = post(client, {**fields, "host_logo": "/etc/passwd", "letters": "1"})
    assert response.mimetype == "application/pdf"


def test_help_does_not_import_the_server() -> None:
    code = "import sys, workbook.cli; print([m for m in ('flask', 'werkzeug') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _serving(session_file: Path) -> subprocess.Popen[str]:
    """``workbook serve`` on the session, as a person starts it from the session's folder."""
    workbook = Path(sys.executable).parent / "workbook"
    return subprocess.Popen(
        [str(workbook), "serve", str(session_file), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=session_file.parent,
    )


def test_serve_runs_until_ctrl_c(session_file: Path) -> None:
    process = _serving(session_file)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.match(r"Serving (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)", line)
        assert match, line
        with urllib.request.urlopen(match.group(1), timeout=30) as response:
            assert response.status == 200
            assert "Mads Kristensen" in response.read().decode()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Stopped." in out
    assert "Traceback" not in err


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_serve_stopped_by_a_signal_says_so_in_its_exit_code(
    session_file: Path, signum: int, code: int
) -> None:
    process = _serving(session_file)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("Serving ")
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == code, err  # a service manager sees it did not end by itself
    assert "Stopped." in out and "Traceback" not in err


def test_serve_says_plainly_when_the_port_is_taken(session_file: Path, cli: Any) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", str(session_file), "--no-browser", "--port", str(port))
        assert result.exit_code == 1
    assert f"kan ikke lytte på 127.0.0.1:{port}" in result.output


def test_a_broken_session_file_is_told_at_start(tmp_path: Path, cli: Any) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n")
    result = cli("serve", str(broken), "--no-browser")
    assert result.exit_code == 1
    assert "broken.yaml:1:8: denne '[' bliver aldrig lukket" in result.output  # da: the default
    assert broken.read_text() == "title: [unclosed\n"


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=80
    ).filter(lambda t: t.strip())
)
def test_what_is_typed_is_what_the_session_file_says(text: str) -> None:
    """Any text typed into the form reads back from the written file as the same text."""
    from workbook.core import yamlio
    from workbook.web.form import read_form
    from workbook.web.session_text import to_yaml

    base = (REPO / "examples" / "session.yaml").read_text("utf-8")
    fields = {
        "date": "2027-03-04",
        "start": "09:00",
        "venue": text,
        "title": text,
        "facilitator.name": text,
        "partners[0].name": text,
        "partners[0].organisation": text,
        "agenda[0].title": text,
        "agenda[0].minutes": "30",
    }
    data = yamlio.parse(to_yaml(read_form(fields), base), Path("s.yaml")).data
    expected = text.strip()
    assert data["venue"] == data["title"] == data["facilitator"]["name"] == expected
    assert data["partners"] == [{"name": expected, "organisation": expected}]
    assert data["agenda"] == [{"title": expected, "minutes": 30}]


def test_an_empty_form_lists_every_missing_field(client: Any) -> None:
    response = post(client, {"pack": "1"})
    assert response.status_code == 422
    for name, label in (
        ("date", "Dato"),
        ("start", "Start"),
        ("venue", "Sted"),
        ("facilitator.name", "Facilitator · Navn"),
    ):
        assert notes_for(response.data, name)[0] == f"{label} mangler – Udfyld feltet.", name
    assert notes_for(response.data, "partners") == ["Partnere skal have mindst 1"]


def test_a_second_day_restarts_the_clock(client: Any) -> None:
    fields = form_of(post(client, {**form_of(client.get("/").data), "op": "add:day"}).data)
    fields.update({"agenda[8].day": "2027-03-05", "agenda[8].start": "10:00"})
    fields = form_of(post(client, {**fields, "op": "add:break"}).data)
    page = post(client, {**fields, "update": "1"}).data.decode()
    days = re.findall(r"<figcaption>(.*?)</figcaption>", page)
    assert days == [
        "torsdag den 4. marts 2027 · 09.00–16.00",
        "fredag den 5. marts 2027 · 10.00–10.15",
    ]
    assert "Samlet varighed 7 t 15 min. ·" in normalise(page)


def test_the_page_speaks_the_sessions_language(client: Any) -> None:
    fields = form_of(client.get("/").data)
    page = post(client, {**fields, "language": "en", "update": "1"}).data.decode()
    assert "<h1>Plan a partnership session</h1>" in page
    assert "09:00–09:10" in page  # English clock times, from CLDR


def test_letters_can_be_fillable(client: Any) -> None:
    fields = form_of(client.get("/").data)
    plain = PdfReader(io.BytesIO(post(client, {**fields, "letters": "1"}).data))
    fillable = PdfReader(io.BytesIO(post(client, {**fields, "letters": "1", "fillable": "1"}).data))
    assert not plain.get_fields()
    assert fillable.get_fields()


def test_a_key_the_form_does_not_know_is_kept_and_named(
    client_for: Callable[..., Any], session_file: Path
) -> None:
    text = session_file.read_text("utf-8") + 'catering: "vegetar"\n'
    text = text.replace(
        '    role: "Frivilligkoordinator"\n',
        '    role: "Frivilligkoordinator"\n    phone: "1234"\n',
    )
    session_file.write_text(text, "utf-8")
    client = client_for(session_file)
    fields = form_of(client.get("/").data)
    page = post(client, {**fields, "pack": "1"})
    assert page.status_code == 422
    assert "catering er ikke en nøgle, workbook kender" in page.data.decode()  # at the top
    assert notes_for(page.data, "partners[2]") == []  # not beside the fields: listed below
    listed = re.findall(r'<li data-key="([^"]+)">', page.data.decode())
    assert listed == ["catering", "partners[2].phone"]  # to remove or rename on the page
    post(client, {**fields, "save": "1"})
    assert 'catering: "vegetar"' in session_file.read_text("utf-8")
    assert 'phone: "1234"' in session_file.read_text("utf-8")


def test_a_new_part_of_ones_own_is_timed_before_it_has_a_title(client: Any) -> None:
    fields = form_of(post(client, {**form_of(client.get("/").data), "op": "add:custom"}).data)
    page = post(client, {**fields, "update": "1"})
    assert notes_for(page.data, "agenda[8].title") == ["Titel må ikke være tom"]
    assert "16.00–16.30" in page.data.decode()  # after closing at 16.00, its 30 minutes


_NAMES = st.sampled_from(
    [
        "title",
        "date",
        "start",
        "venue",
        "language",
        "paper",
        "facilitator.name",
        "partners[0].name",
        "partners[1].organisation",
        "partners[999].role",
        "partners[99999].name",
        "agenda[0].minutes",
        "agenda[2].part",
        "agenda[3].title",
        "agenda[4].day",
        "agenda[4].start",
        "agenda[-1].part",
        "op",
        "add_part",
        "host_logo",
        "host_logo_remove",
        "nonsense",
        "version",
        "theirs",
        "drop",
        "add_at",
        "previews_from",
        "logo_upload",
        "logo_removed",
        "letter.opening",
        "letter.closing",
        "agenda[3].purpose",
        "agenda[3].steps[0].text",
        "agenda[3].steps[0].minutes",
        "agenda[3].steps[99].minutes",
        "pick.venue",
    ]
)


@functools.cache
def _shared_client() -> _Client:
    """One server for every example, so each costs only its request (on a copy of the
    example: a merge must never be able to write the repository's file)."""
    import atexit
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="workbook-form-")
    atexit.register(shutil.rmtree, folder, True)
    copy = Path(folder) / "session.yaml"
    copy.write_bytes((REPO / "examples" / "session.yaml").read_bytes())
    app = create_app(Workspace(copy))
    app.config["PORT"] = PORT
    return _Client(app.test_client())


@settings(max_examples=30, deadline=None)
@given(
    changes=st.dictionaries(_NAMES, st.text(max_size=30), max_size=6),
    action=st.sampled_from(["update", "pack", "agenda", "letters_zip", "compare", "merge", ""]),
)
def test_any_form_is_a_page_or_a_download_never_a_crash(
    changes: dict[str, str], action: str
) -> None:
    client = _shared_client()
    fields = {**form_of(client.get("/").data), **changes}
    if action:
        fields[action] = "1"
    response = post(client, fields)
    assert response.status_code in (200, 303, 409, 422), response.data[:400]
    assert b"internal error" not in response.data


@pytest.mark.parametrize(
    "change",
    [
        {"agenda[0].minutes": "9" * 5000},  # Python refuses to convert so many digits
        {"agenda[0].minutes": "²"},  # a digit to str.isdigit, not to int()
        {"op": "remove:partners." + "9" * 5000},
        {"op": "up:agenda.²"},
    ],
    ids=["long-minutes", "superscript-minutes", "long-row-number", "superscript-row-number"],
)
def test_numbers_typed_in_the_page_are_read_with_a_bound(
    client: Any, change: dict[str, str]
) -> None:
    fields = form_of(client.get("/").data)
    response = post(client, {**fields, **change})
    assert response.status_code in (200, 422), response.data[:400]
    assert b"internal error" not in response.data


def test_a_moved_row_takes_its_comment_along(client: Any, session_file: Path) -> None:
    fields = form_of(client.get("/").data)
    moved = form_of(post(client, {**fields, "op": "up:agenda.3"}).data)  # lunch before ambition
    post(client, {**moved, "save": "1"})
    lines = [
        line.split("#")[0].strip() + " #" + line.split("#")[1]
        for line in (session_file.read_text("utf-8").splitlines())
        if line.startswith("  - ") and "#" in line
    ]
    assert lines[2:4] == [
        "- lunch # 60 min.",
        "- ambition # Delsession 1: Hvad bliver vi partnere om?, 120 min.",
    ]


def test_the_paper_choice_reaches_the_pdf(client: Any) -> None:
    fields = form_of(client.get("/").data)
    assert fields["paper"] == "a4"
    pdf = PdfReader(io.BytesIO(post(client, {**fields, "paper": "letter", "agenda": "1"}).data))
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_session_file_not_there_yet_is_written_on_save(
    client_for: Callable[..., Any], tmp_path: Path
) -> None:
    target = tmp_path / "ny.yaml"
    client = client_for(target)
    page = client.get("/")
    assert f"Ikke gemt endnu – »Gem sessionsfilen« gemmer den som {target}." in page.data.decode()
    fields = form_of(page.data)
    assert post(client, {**fields, "save": "1"}).status_code == 303
    assert load_session(target)[0].venue == fields["venue"]


def test_materials_can_be_left_out(client: Any, session_file: Path) -> None:
    fields: dict[str, Any] = form_of(client.get("/").data)
    whole = PdfReader(io.BytesIO(post(client, {**fields, "pack": "1"}).data))
    fields["leave_out"] = ["name_cards", "credits"]
    less = PdfReader(io.BytesIO(post(client, {**fields, "pack": "1"}).data))
    assert len(less.pages) < len(whole.pages)
    assert post(client, {**fields, "save": "1"}).status_code == 303
    assert 'value="name_cards" checked' in client.get("/").data.decode()
    assert load_session(session_file)[0].leave_out == ["name_cards", "credits"]


def test_previews_show_the_packs_pages_on_the_page(client: Any) -> None:
    fields = form_of(client.get("/").data)
    page = post(client, {**fields, "previews": "1"})
    assert page.status_code == 200
    images = re.findall(rb'src="data:image/png;base64,([^"]+)"', page.data)
    pack = PdfReader(io.BytesIO(post(client, {**fields, "pack": "1"}).data))
    total = len(pack.pages)
    assert len(images) == PREVIEW_PAGES < total  # a screenful, never the whole pack at once
    assert f"Side 1–12 af {total}".encode() in page.data
    first = Image.open(io.BytesIO(base64.b64decode(images[0])))
    width, height = first.size  # A4 at the previews' dpi, to a pixel
    assert abs(width - 210 / 25.4 * PREVIEW_DPI) < 1.5
    assert abs(height - 297 / 25.4 * PREVIEW_DPI) < 1.5
    # the next screenful, then the last pages: every page can be seen, none twice
    seen = [int(n) for n in re.findall(rb'<figure id="page-(\d+)"', page.data)]
    while b'name="previews_from" value="' in page.data and seen[-1] < total:
        following = re.findall(rb'name="previews_from" value="(\d+)"', page.data)[-1]
        page = post(client, {**fields, "previews_from": following.decode()})
        seen += [int(n) for n in re.findall(rb'<figure id="page-(\d+)"', page.data)]
    assert seen == list(range(1, total + 1))


def test_session_and_agenda_problems_show_in_one_round(client: Any) -> None:
    fields = form_of(client.get("/").data)
    fields.update({"partners[1].name": "", "agenda[5].part": "brunch"})
    response = post(client, {**fields, "update": "1"})
    assert notes_for(response.data, "partners[1].name") == ["Navn mangler – Udfyld feltet."]
    (note,) = notes_for(response.data, "agenda[5]")
    assert note.startswith("ukendt programpunkt 'brunch' – mente du 'lunch'?")


def test_a_session_leaving_out_the_answers_on_the_circles_keeps_it_through_save(
    client: Any, session_file: Path
) -> None:
    """Every value the session file may hold in leave_out has its box on the page, so a
    save never drops one (circle_resources came with the partners' answers)."""
    text = session_file.read_text("utf-8")
    session_file.write_text(text + "\nleave_out: [circle_resources]\n", "utf-8")
    page = client.get("/").data.decode()
    assert 'value="circle_resources" checked' in page
    fields: dict[str, Any] = form_of(page.encode())
    fields["leave_out"] = ["circle_resources"]  # as the browser sends the box it shows checked
    assert post(client, {**fields, "venue": "Et andet sted", "save": "1"}).status_code == 303
    assert load_session(session_file)[0].leave_out == ["circle_resources"]
