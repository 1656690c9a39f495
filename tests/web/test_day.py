"""The day's pages of workbook serve over HTTP: the run view and its state, the room clock,
the record with its photos and YAML, the guards, and the downloads."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import REPO, normalise
from workbook.session.record import load_record, record_path
from workbook.web.app import create_app
from workbook.web.workspace import Workspace

PORT = 8766
ORIGIN = f"http://127.0.0.1:{PORT}"
JSON = {"Accept": "application/json", "Origin": ORIGIN}


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += dt.timedelta(minutes=minutes)


class Client:
    def __init__(self, app: Any) -> None:
        self.client = app.test_client()

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.client.get(path, base_url=ORIGIN, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Any:
        kwargs.setdefault("headers", {"Origin": ORIGIN})
        return self.client.post(path, base_url=ORIGIN, **kwargs)


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "session.yaml"
    path.write_bytes((REPO / "examples" / "session.yaml").read_bytes())
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2027, 3, 4, 8, 50))


@pytest.fixture
def make_client(clock: Clock) -> Callable[[Path], Client]:
    def make(session: Path) -> Client:
        app = create_app(Workspace(session))
        app.config["PORT"] = PORT
        app.config["CLOCK"] = clock
        return Client(app)

    return make


@pytest.fixture
def client(make_client: Callable[[Path], Client], session_file: Path) -> Client:
    return make_client(session_file)


def state(client: Client) -> dict[str, Any]:
    response = client.get("/run/state", headers={"Accept": "application/json"})
    assert response.status_code == 200, response.data
    data: dict[str, Any] = json.loads(response.data)
    return data


def act(client: Client, action: str, **form: str) -> dict[str, Any]:
    response = client.post(f"/run/{action}", data=form, headers=JSON)
    assert response.status_code == 200, response.data
    data: dict[str, Any] = json.loads(response.data)
    return data


def test_the_run_view_before_during_and_after_a_step_running_over(
    client: Client, clock: Clock, session_file: Path
) -> None:
    before = state(client)["view"]
    assert before["status"] == "before"
    # "kl. 09.00" held together by the language's typography (a no-break space)
    assert normalise(before["message"]) == (
        "Dagen er ikke begyndt. Første punkt er Indledning kl. 09.00."
    )
    clock.now = dt.datetime(2027, 3, 4, 9, 0)
    started = act(client, "start")["view"]
    assert started["now"]["part"] == "Indledning"
    assert started["now"]["remaining"] == 600
    assert "Facilitatoren præsenterer værktøjet" in started["now"]["items"][0]
    clock.advance(10)
    act(client, "next")  # introductions
    clock.advance(15)
    act(client, "next")  # ambition, step 1
    clock.advance(10)
    view = act(client, "next")["view"]  # step 2: the circles, 30 minutes
    assert view["now"]["step"] == "Trin 2 af 5"
    assert normalise(view["now"]["room"]).startswith("Hver for sig (30 min.).")
    clock.advance(50)  # twenty minutes over
    view = state(client)["view"]
    assert view["now"]["remaining"] == -20 * 60
    coming = {row["key"]: row for row in view["rows"]}
    assert normalise(coming["2:ambition:3"]["minutes"]) == "15 min."
    assert normalise(coming["2:ambition:3"]["planned"]) == "planlagt 20 min."
    assert coming["3:lunch"]["clock"] == "11.25–12.25"  # the part absorbed it: lunch on time
    assert normalise(view["offset_text"]) == "20 min. bagud"
    assert view["late"] == ""
    # the room clock follows: its HTML in the same answer
    room = state(client)["room"]
    assert "Hvad bliver vi partnere om?" in room and "Tiden er gået" in room
    # the state is beside the session, and a new server carries on from it
    assert (session_file.parent / "session.day" / "run.yaml").is_file()


def test_plus_five_skip_and_a_restart_of_the_server(
    make_client: Callable[[Path], Client], client: Client, clock: Clock, session_file: Path
) -> None:
    clock.now = dt.datetime(2027, 3, 4, 9, 0)
    act(client, "start")
    view = act(client, "add")["view"]
    assert view["now"]["remaining"] == 15 * 60
    view = act(client, "skip", unit="1:introductions")["view"]
    assert {r["key"]: r["state"] for r in view["rows"]}["1:introductions"] == "to_skip"
    clock.advance(15)
    view = act(client, "next")["view"]
    assert view["now"]["part"] == "Hvad bliver vi partnere om?"  # introductions left out
    again = make_client(session_file)  # a restart: a new app on the same files
    assert state(again)["view"]["now"]["part"] == "Hvad bliver vi partnere om?"
    view = act(again, "skip")["view"]  # the step running, skipped
    rows = {r["key"]: r for r in view["rows"]}
    assert rows["2:ambition:1"]["state"] == "skipped"
    assert view["now"]["step"] == "Trin 2 af 5"


def test_the_day_ends_late_when_lunch_cannot_take_it_all(client: Client, clock: Clock) -> None:
    clock.now = dt.datetime(2027, 3, 4, 9, 0)
    act(client, "start")
    clock.advance(10)
    act(client, "next")
    clock.advance(15 + 150)  # introductions run two and a half hours over
    view = state(client)["view"]
    lunch = next(r for r in view["rows"] if r["key"] == "3:lunch")
    assert normalise(lunch["minutes"]) == "30 min."  # the floor from content/timing.yaml
    assert view["late"].startswith("Dagen slutter")


def test_the_rest_of_the_day_as_the_participants_programme(client: Client, clock: Clock) -> None:
    clock.now = dt.datetime(2027, 3, 4, 9, 0)
    act(client, "start")
    clock.advance(40)  # the opening ran 30 minutes over
    act(client, "next")
    response = client.get("/run/programme")
    assert response.mimetype == "application/pdf"
    text = normalise(PdfReader(io.BytesIO(response.data)).pages[0].extract_text())
    assert "Indledning" not in text  # the rest of the day: from the part running on
    assert "09.40–09.55 Introduktion af partnerdeltagerne" in text
    assert "11.55–12.25 Frokost" in text  # the lunch held at its floor of 30


def test_without_javascript_the_buttons_are_forms_that_come_back_to_the_page(
    client: Client, clock: Clock
) -> None:
    page = client.get("/run").data.decode()
    assert 'action="/run/start"' in page
    response = client.post("/run/start")
    assert response.status_code == 303 and response.headers["Location"].endswith("/run")
    assert 'id="remaining"' in client.get("/run").data.decode()
    assert "room-time" in client.get("/room").data.decode()


def test_the_guards_hold_for_the_days_pages(client: Client) -> None:
    assert client.client.get("/run", base_url="http://evil.example:80").status_code == 403
    refused = client.post("/run/start", headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403
    assert client.get("/record/photo/..%2F..%2Fsession.yaml").status_code == 404
    assert client.get("/day-static/../app.py").status_code == 404
    assert client.post("/run/explode", headers=JSON).status_code == 404


def test_an_unsaved_session_is_told_not_run(
    make_client: Callable[[Path], Client], tmp_path: Path
) -> None:
    client = make_client(tmp_path / "new.yaml")
    response = client.get("/run/state", headers={"Accept": "application/json"})
    assert response.status_code == 409
    assert "sessionsfilen er ikke gemt endnu" in json.loads(response.data)["problems"][0]


def _record_form(page: str) -> dict[str, str]:
    import re

    base = re.search(r'name="base" value="([0-9a-f]*)"', page)
    assert base is not None
    return {
        "base": base.group(1),
        "ambitions.ambition": "Alle børn får et varmt måltid.",
        "steps.relations_resources.0.who": "Sofie Jensen",
        "steps.relations_resources.0.what": "Taler med skolechefen",
        "steps.relations_resources.0.when": "2027-04-01",
        "steps.obstacles.0.who": "Mads Kristensen",
        "steps.obstacles.0.what": "Regner på priserne",
        "steps.obstacles.0.when": "efter påske",
        "documentation.0.question": "Hvem skal have materialet?",
        "documentation.0.decision": "Alle partnere.",
        "agreed": "Sofie Jensen",
        "others": "Lise Vang\n",
    }


def _photo(orientation: int | None = None, size: tuple[int, int] = (400, 200)) -> bytes:
    image = Image.new("RGB", size, "white")
    image.paste((200, 30, 30), (0, 0, size[0] // 4, size[1]))  # a red band at the left
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_the_record_typed_in_saved_with_a_photo_turned_upright(
    client: Client, session_file: Path
) -> None:
    form = _record_form(client.get("/record").data.decode())
    upload = (io.BytesIO(_photo(orientation=6)), "tavle.jpg")  # 6: turn 90 degrees clockwise
    response = client.post(
        "/record",
        data={**form, "photo_files": upload},
        content_type="multipart/form-data",
        headers={"Origin": ORIGIN},
    )
    assert response.status_code == 200, response.data
    record = load_record(record_path(session_file))
    assert record.ambitions == {"ambition": "Alle børn får et varmt måltid."}
    steps = record.next_steps["relations_resources"]
    assert steps[0].date == dt.date(2027, 4, 1)
    assert record.next_steps["obstacles"][0].when == "efter påske"
    assert record.agreed == ["Sofie Jensen", "Lise Vang"]
    assert [p.file for p in record.photos] == ["photos/tavle.jpg"]
    saved = Image.open(session_file.parent / "session.day" / "photos" / "tavle.jpg")
    assert saved.size == (200, 400)  # upright: the camera's orientation applied
    assert saved.getpixel((100, 20))[0] > 150  # the red band is now at the top
    assert not saved.getexif()  # no metadata kept
    # the photo is shown on the page, from the record's folder only
    assert client.get("/record/photo/tavle.jpg").mimetype == "image/jpeg"


def test_a_save_over_a_record_changed_since_is_refused(client: Client, session_file: Path) -> None:
    page = client.get("/record").data.decode()
    form = _record_form(page)
    assert client.post("/record", data=form).status_code == 200
    stale = client.post("/record", data={**form, "ambitions.ambition": "Noget andet"})
    assert stale.status_code == 409
    assert "er blevet ændret af en anden side eller et andet program" in stale.data.decode()
    assert "Noget andet" in stale.data.decode()  # what was typed stays on the page
    record = load_record(record_path(session_file))
    assert record.ambitions["ambition"] == "Alle børn får et varmt måltid."


def test_the_record_as_yaml_checked_before_it_is_saved(client: Client, session_file: Path) -> None:
    import re

    page = client.get("/record").data.decode()
    base = re.search(r'name="base" value="([0-9a-f]*)"', page)
    assert base is not None
    bad = client.post("/record/yaml", data={"base": base.group(1), "yaml": "agreed: 12\nnope: 1\n"})
    assert bad.status_code == 409
    assert "nope" in bad.data.decode()
    assert not record_path(session_file).exists()
    text = "agreed:\n  - Ahmed Yilmaz\n"
    good = client.post("/record/yaml", data={"base": base.group(1), "yaml": text})
    assert good.status_code == 200
    assert load_record(record_path(session_file)).agreed == ["Ahmed Yilmaz"]


def test_a_phone_sized_photo_above_the_planning_forms_limit_is_taken(
    client: Client, session_file: Path
) -> None:
    big = io.BytesIO()
    Image.effect_noise((2600, 2600), 60).convert("RGB").save(big, "JPEG", quality=95)
    assert big.tell() > 4 * 1024 * 1024  # more than the planning form may post
    form = _record_form(client.get("/record").data.decode())
    response = client.post(
        "/record",
        data={**form, "photo_files": (io.BytesIO(big.getvalue()), "stor.jpg")},
        content_type="multipart/form-data",
        headers={"Origin": ORIGIN},
    )
    assert response.status_code == 200, response.data[:400]
    saved = Image.open(session_file.parent / "session.day" / "photos" / "stor.jpg")
    assert max(saved.size) == 2400


def test_an_upload_that_is_not_a_photo_is_refused_and_nothing_written(
    client: Client, session_file: Path
) -> None:
    form = _record_form(client.get("/record").data.decode())
    response = client.post(
        "/record",
        data={**form, "photo_files": (io.BytesIO(b"%PDF-1.4 not a photo"), "board.jpg")},
        content_type="multipart/form-data",
        headers={"Origin": ORIGIN},
    )
    assert response.status_code == 409
    assert "kan ikke læses som et JPEG- eller PNG-billede" in response.data.decode()
    assert not record_path(session_file).exists()


def test_the_report_buttons_and_the_message_without_a_record(client: Client) -> None:
    missing = client.get("/record/report")
    assert missing.status_code == 409
    assert "der er ingen opsamling fra denne session endnu" in missing.data.decode()
    form = _record_form(client.get("/record").data.decode())
    client.post("/record", data=form)
    pdf = client.get("/record/report")
    assert pdf.mimetype == "application/pdf"
    text = normalise(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages))
    assert "Alle børn får et varmt måltid." in text
    calendar = client.get("/record/calendar").data.decode()
    assert "SUMMARY:Sofie Jensen: Taler med skolechefen" in calendar
    assert "Mads Kristensen: Regner på priserne" in client.get("/record/text").data.decode()


def test_a_file_in_the_way_of_the_days_folder_or_its_state_is_never_replaced(
    client: Client, clock: Clock, session_file: Path
) -> None:
    folder = session_file.parent / "session.day"
    folder.write_text("mine", "utf-8")
    response = client.post("/run/start", headers=JSON)
    assert response.status_code == 409
    assert "står i vejen" in json.loads(response.data)["problems"][0]
    assert folder.read_text("utf-8") == "mine"
    folder.unlink()
    folder.mkdir()
    (folder / "run.yaml").write_text("day: 2027-03-04\n", "utf-8")  # not written by workbook
    response = client.post("/run/start", headers=JSON)
    assert response.status_code == 409
    assert "er ikke en dagsstatus, workbook har skrevet" in json.loads(response.data)["problems"][0]
    assert (folder / "run.yaml").read_text("utf-8") == "day: 2027-03-04\n"


def test_a_session_of_two_days_runs_one_day_then_the_next(
    make_client: Callable[[Path], Client], clock: Clock, tmp_path: Path
) -> None:
    session = tmp_path / "two.yaml"
    text = (REPO / "examples" / "session.yaml").read_text("utf-8")
    text = text.replace("  - lunch                     # 60 min.\n", "  - day: 2027-03-05\n")
    session.write_text(text, "utf-8")
    client = make_client(session)
    view = state(client)["view"]
    assert [label for _, label in view["starts"]] == [
        "Begynd torsdag den 4. marts 2027",
        "Begynd fredag den 5. marts 2027",
    ]
    clock.now = dt.datetime(2027, 3, 4, 9, 0)
    view = act(client, "start", unit="2027-03-04")["view"]
    while view["status"] == "running":
        clock.advance(view["now"]["remaining"] / 60)
        view = act(client, "next")["view"]
    assert view["status"] == "done"
    assert view["starts"] == [["2027-03-05", "Begynd fredag den 5. marts 2027"]]
    clock.now = dt.datetime(2027, 3, 5, 9, 0)
    view = act(client, "start", unit="2027-03-05")["view"]
    assert view["day"].startswith("fredag den 5. marts 2027")
    assert view["now"]["part"] == "Hvordan bliver vi gode sammen?"


def test_an_agenda_changed_under_a_running_day_is_told_and_the_day_can_start_over(
    client: Client, clock: Clock, session_file: Path
) -> None:
    clock.now = dt.datetime(2027, 3, 4, 9, 0)
    act(client, "start")
    clock.advance(10)
    act(client, "next")  # introductions running
    text = session_file.read_text("utf-8").replace("  - introductions ", "  # - introductions ")
    session_file.write_text(text, "utf-8")
    page = client.get("/run")
    assert page.status_code == 200
    assert "programmet er ændret, siden dagen begyndte" in page.data.decode()
    assert 'action="/run/reset"' in page.data.decode()
    view = act(client, "reset")["view"]
    assert view["status"] == "before"


def test_the_run_view_and_the_room_in_english(
    make_client: Callable[[Path], Client], clock: Clock, session_file: Path
) -> None:
    text = session_file.read_text("utf-8").replace("language: da", "language: en")
    session_file.write_text(text, "utf-8")
    client = make_client(session_file)
    clock.now = dt.datetime(2027, 3, 4, 9, 0)
    act(client, "start")
    clock.advance(10)
    act(client, "next")
    clock.advance(15)
    act(client, "next")
    clock.advance(10)
    data = act(client, "next")
    view = data["view"]
    assert view["now"]["part"] == "What will we partner on?"
    assert view["now"]["step"] == "Step 2 of 5"
    assert view["offset_text"] == "On time"
    assert normalise(view["now"]["room"]).startswith("On your own for 30 min. The circle opens")
    assert "Then at 11:25: Lunch" in data["room"]  # en_GB clock times
    page = client.get("/run").data.decode()
    assert "Start the day over" in page and "The day item by item" in page


def test_saving_the_planning_page_keeps_a_review_parts_items(
    make_client: Callable[[Path], Client], session_file: Path
) -> None:
    from tests.web.test_web import form_of

    text = session_file.read_text("utf-8").replace(
        "agenda:\n",
        'agenda:\n  - title: "Gennemgang"\n    minutes: 30\n    review:\n'
        '      - {who: "Sofie Jensen", what: "Taler med skolechefen", when: 2027-04-01}\n',
    )
    session_file.write_text(text, "utf-8")
    client = make_client(session_file)
    fields = form_of(client.get("/").data)
    fields["agenda[0].title"] = "Gennemgang af næste skridt"  # the row changed on the page
    response = client.post("/", data={**fields, "save": "1"})
    assert response.status_code == 303, response.data[:300]  # saved: then the page, by GET
    saved = session_file.read_text("utf-8")
    assert "Gennemgang af næste skridt" in saved
    assert "Taler med skolechefen" in saved and "2027-04-01" in saved


def test_no_calendar_without_a_dated_step(client: Client) -> None:
    form = _record_form(client.get("/record").data.decode())
    form["steps.relations_resources.0.when"] = "snart"
    client.post("/record", data=form)
    response = client.get("/record/calendar")
    assert response.status_code == 409
    page = response.data.decode()  # the example session is Danish: so is the page
    assert (
        "intet næste skridt har en dato, så der er ingen kalender at lave – Giv et skridt en "
        "dato som 2027-04-01 i den sidste kolonne, og gem." in page
    )
    assert "no next step" not in page
