"""The page with the file as it is now: saves that never undo one another, a file changed
on disk, problems at once, the agenda edited, parts of one's own, the letter's own words."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from tests.conftest import normalise
from tests.web.conftest import form_of, notes_for, post
from workbook.core import yamlio
from workbook.session.model import load_session


def _saved(response: Any) -> None:
    assert response.status_code == 303, response.data[:2000]


def _conflict_rows(page: bytes) -> dict[str, str]:
    """The fields the page shows side by side, each with the side it proposes to keep."""
    text = page.decode()
    fields = re.findall(r'<fieldset class="choice" data-field="([^"]+)">', text)
    return {name: form_of(page)[f"pick.{name}"] for name in fields}


# -- saves that never undo ---------------------------------------------------------------


def test_a_reload_shows_the_file_as_last_saved_and_saving_again_keeps_it(
    client: Any, session_file: Path
) -> None:
    fields = form_of(client.get("/").data)
    added = form_of(post(client, {**fields, "op": "add:partner"}).data)
    added.update({"partners[3].name": "Lise Vang", "partners[3].organisation": "Valby Skole"})
    moved = form_of(post(client, {**added, "op": "up:agenda.3"}).data)  # lunch before ambition
    _saved(post(client, {**moved, "save": "1"}))
    reloaded = form_of(client.get("/").data)  # the reload: the file as it is now
    assert reloaded["partners[3].name"] == "Lise Vang"
    assert reloaded["agenda[2].part"] == "lunch"
    _saved(post(client, {**reloaded, "venue": "Valby Kulturhus", "save": "1"}))
    session = load_session(session_file)[0]
    assert [p.name for p in session.partners][-1] == "Lise Vang"
    assert session.venue == "Valby Kulturhus"
    assert session.agenda is not None and session.agenda[2].part == "lunch"  # type: ignore[union-attr]


def test_two_tabs_never_undo_each_other(client: Any, session_file: Path) -> None:
    first = form_of(client.get("/").data)
    second = dict(first)  # the same page in a second tab
    first = form_of(post(client, {**first, "op": "add:partner"}).data)
    first.update({"partners[3].name": "Lise Vang", "partners[3].organisation": "Valby Skole"})
    _saved(post(client, {**first, "save": "1"}))
    page = post(client, {**second, "venue": "Valby Kulturhus", "save": "1"})
    assert page.status_code == 409  # refused: both are shown
    assert load_session(session_file)[0].venue == "CPH Food Space, Vesterbro, København"
    # each field proposed from the side that changed it
    assert _conflict_rows(page.data) == {"venue": "mine", "partners": "theirs"}
    text = page.data.decode()
    assert "Lise Vang, Valby Skole (og 3 til, ens begge steder)" in text
    assert "Valby Kulturhus" in text
    _saved(post(client, {**form_of(page.data), "merge": "1"}))
    session = load_session(session_file)[0]
    assert session.venue == "Valby Kulturhus"
    assert [p.name for p in session.partners][-1] == "Lise Vang"


def test_a_field_changed_on_both_sides_is_the_facilitators_choice(
    client: Any, session_file: Path
) -> None:
    fields = form_of(client.get("/").data)
    session_file.write_text(
        session_file.read_text("utf-8").replace("CPH Food Space", "Kødbyen"), "utf-8"
    )
    page = post(client, {**fields, "venue": "Valby", "title": "Skolemad", "save": "1"})
    assert _conflict_rows(page.data) == {"title": "mine", "venue": "mine"}
    assert "ændret begge steder" in page.data.decode()  # the venue: both changed it
    choices = {**form_of(page.data), "pick.venue": "theirs", "merge": "1"}
    _saved(post(client, choices))
    session = load_session(session_file)[0]
    assert session.venue == "Kødbyen, Vesterbro, København"
    assert session.title == "Skolemad"


def test_keep_mine_everywhere_and_a_file_changed_again_meanwhile(
    client: Any, session_file: Path
) -> None:
    fields = form_of(client.get("/").data)
    original = session_file.read_text("utf-8")
    session_file.write_text(original.replace("CPH Food Space", "Kødbyen"), "utf-8")
    page = post(client, {**fields, "venue": "Valby", "save": "1"})
    # changed once more while the choices are on the page: shown again, nothing saved
    session_file.write_text(original.replace("CPH Food Space", "Hal 5"), "utf-8")
    again = post(client, {**form_of(page.data), "merge": "mine"})
    assert again.status_code == 409
    assert "Hal 5" in again.data.decode()
    _saved(post(client, {**form_of(again.data), "merge": "mine"}))
    assert load_session(session_file)[0].venue == "Valby"


def test_a_change_on_disk_is_told_to_the_page_and_shown_on_the_next_look(
    client: Any, session_file: Path
) -> None:
    page = client.get("/")
    fields = form_of(page.data)
    before = client.get("/state").get_json()
    assert re.search(rf'data-current="{before["version"]}"', page.data.decode())
    session_file.write_text(
        session_file.read_text("utf-8").replace("CPH Food Space", "Kødbyen"), "utf-8"
    )
    after = client.get("/state").get_json()
    assert after["version"] != before["version"]
    assert form_of(client.get("/").data)["venue"].startswith("Kødbyen")
    # a page with edits of its own says so, and offers to show both
    edited = post(client, {**fields, "title": "Skolemad", "update": "1"}).data.decode()
    assert re.search(r'<div class="changed" id="changed" role="alert">', edited)
    assert 'data-unsaved="1"' in edited


def test_a_logo_changed_on_disk_changes_the_pages_state(
    client_for: Callable[..., Any], session_file: Path
) -> None:
    from PIL import Image

    def png(colour: tuple[int, int, int]) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (40, 20), colour).save(out, "PNG")
        return out.getvalue()

    (session_file.parent / "logo.png").write_bytes(png((0, 0, 0)))
    text = session_file.read_text("utf-8").replace(
        '# host_logo: "logo.png"', 'host_logo: "logo.png"'
    )
    session_file.write_text(text, "utf-8")
    client = client_for(session_file)
    before = client.get("/state").get_json()
    (session_file.parent / "logo.png").write_bytes(png((200, 0, 0)))
    after = client.get("/state").get_json()
    assert after["version"] == before["version"] and after["logo"] != before["logo"]


def test_the_page_says_whether_it_holds_unsaved_edits(client: Any) -> None:
    page = client.get("/")
    assert 'data-unsaved="0"' in page.data.decode()
    fields = form_of(page.data)
    assert 'data-unsaved="0"' in post(client, {**fields, "update": "1"}).data.decode()
    changed = post(client, {**fields, "venue": "Valby", "update": "1"}).data.decode()
    assert 'data-unsaved="1"' in changed


# -- problems at once ---------------------------------------------------------------------


def _with(session_file: Path, old: str, new: str) -> None:
    text = session_file.read_text("utf-8")
    assert old in text
    session_file.write_text(text.replace(old, new, 1), "utf-8")


def test_a_file_opens_with_its_problems_beside_their_fields(
    client_for: Callable[..., Any], session_file: Path
) -> None:
    _with(session_file, 'venue: "CPH', 'venu: "CPH')
    _with(session_file, '    organisation: "Københavns Kommune"\n', "")
    page = client_for(session_file).get("/")
    assert notes_for(page.data, "venue") == ["Sted mangler – Udfyld feltet."]
    assert notes_for(page.data, "partners[1].organisation") == [
        "Organisation mangler – Udfyld feltet."
    ]
    unknown = re.findall(r'<li data-key="([^"]+)">', page.data.decode())
    assert unknown == ["venu"]
    assert "mente du venue?" in page.data.decode()


def test_an_unknown_key_is_renamed_on_the_page_and_saved(
    client_for: Callable[..., Any], session_file: Path
) -> None:
    _with(session_file, 'venue: "CPH', 'venu: "CPH')
    _with(
        session_file,
        '    role: "Frivilligkoordinator"\n',
        '    role: "Frivilligkoordinator"\n    mail: "a@b.dk"\n',
    )
    client = client_for(session_file)
    fields = form_of(client.get("/").data)
    renamed = post(client, {**fields, "op": "rename:venu"})
    after = form_of(renamed.data)
    assert after["venue"] == "CPH Food Space, Vesterbro, København"
    assert re.findall(r'<li data-key="([^"]+)">', renamed.data.decode()) == ["partners[2].mail"]
    renamed = post(client, {**after, "op": "rename:partners[2].mail"})
    _saved(post(client, {**form_of(renamed.data), "save": "1"}))
    text = session_file.read_text("utf-8")
    assert not re.search(r"^\s*(venu|mail):", text, re.MULTILINE)
    session = load_session(session_file)[0]
    assert session.venue == "CPH Food Space, Vesterbro, København"
    assert session.partners[2].email == "a@b.dk"


def test_an_unknown_key_removed_on_the_page_goes_on_save_the_others_stay(
    client_for: Callable[..., Any], session_file: Path
) -> None:
    text = session_file.read_text("utf-8") + 'catering: "vegetar"\nbudget: 1200\n'
    session_file.write_text(text, "utf-8")
    client = client_for(session_file)
    fields = form_of(client.get("/").data)
    removed = post(client, {**fields, "op": "drop:catering"})
    assert re.findall(r'<li data-key="([^"]+)">', removed.data.decode()) == ["budget"]
    _saved(post(client, {**form_of(removed.data), "save": "1"}))
    data = yamlio.load(session_file).data
    assert "catering" not in data and data["budget"] == 1200
    # a posted path can only remove a key the form has no input for
    fields = form_of(client.get("/").data)
    _saved(post(client, {**fields, "drop": "venue", "save": "1"}))
    assert yamlio.load(session_file).data["venue"] == "CPH Food Space, Vesterbro, København"


def test_a_value_yaml_reads_as_something_else_is_shown_as_written(
    client_for: Callable[..., Any], session_file: Path
) -> None:
    _with(session_file, "language: da ", "language: no ")
    _with(session_file, 'host: "Københavns Kommune, Skolemad"', "host: yes")
    client = client_for(session_file)
    page = client.get("/")
    fields = form_of(page.data)
    assert fields["language"] == "no"  # never shown as Dansk
    assert fields["host"] == "yes"
    (note,) = notes_for(page.data, "language")
    assert note.startswith("I filen står der no, som YAML læser som falsk (nej)")
    assert notes_for(page.data, "host")[0].startswith("I filen står der yes")
    _saved(post(client, {**fields, "save": "1"}))
    data = yamlio.load(session_file).data
    assert data["language"] == "no" and data["host"] == "yes"  # now text, as it was shown


# -- the agenda ---------------------------------------------------------------------------


def _parts(fields: dict[str, str]) -> list[str]:
    count = 1 + max(int(n) for n in re.findall(r"agenda\[(\d+)\]", " ".join(fields)))
    return [
        fields[f"agenda[{i}].part"]
        if f"agenda[{i}].part" in fields
        else fields.get(f"agenda[{i}].title", "day")
        for i in range(count)
    ]


def test_a_part_is_inserted_where_it_is_wanted(client: Any) -> None:
    fields = form_of(client.get("/").data)
    at = form_of(post(client, {**fields, "op": "add:break", "add_at": "2"}).data)
    assert _parts(at)[:4] == ["opening", "introductions", "break", "ambition"]
    custom = form_of(post(client, {**fields, "op": "add:custom", "add_at": "0"}).data)
    assert _parts(custom)[0] == ""


def test_a_guide_part_added_again_goes_back_to_its_place(client: Any) -> None:
    fields = form_of(client.get("/").data)
    removed = form_of(post(client, {**fields, "op": "remove:agenda.4"}).data)  # contribution
    assert "contribution" not in _parts(removed)
    again = form_of(post(client, {**removed, "op": "add:part", "add_part": "contribution"}).data)
    assert _parts(again) == _parts(fields)


def test_a_row_dragged_to_another_place(client: Any) -> None:
    fields = form_of(client.get("/").data)
    moved = form_of(post(client, {**fields, "op": "move:agenda.6>1"}).data)
    assert _parts(moved)[:3] == ["opening", "next_steps", "introductions"]
    partners = form_of(post(client, {**fields, "op": "move:partners.0>2"}).data)
    assert partners["partners[2].name"] == "Mads Kristensen"


def test_the_timeline_draws_every_day_on_one_clock(client: Any) -> None:
    fields = form_of(post(client, {**form_of(client.get("/").data), "op": "add:day"}).data)
    fields = form_of(post(client, {**fields, "op": "add:break"}).data)  # 15 minutes on day 2
    page = post(client, {**fields, "update": "1"}).data.decode()
    days = re.findall(r'<div class="track">(.*?)</div>', page)
    assert len(days) == 2
    widths = [
        [
            float(w)
            for w in re.findall(r'class="bar[^"]*" style="left: [\d.]+%; width: ([\d.]+)%', day)
        ]
        for day in days
    ]
    # 09.00-16.00 is the axis: the first day fills it, the break a 15-minute sliver
    assert abs(sum(widths[0]) - 100) < 0.01
    assert widths[1] == [round(100 * 15 / 420, 3)]


# -- parts of one's own and the letter's own words ----------------------------------------


def test_a_part_of_ones_own_with_purpose_materials_and_steps(
    client: Any, session_file: Path
) -> None:
    fields = form_of(post(client, {**form_of(client.get("/").data), "op": "add:custom"}).data)
    fields = form_of(post(client, {**fields, "op": "addstep:agenda.8"}).data)
    fields = form_of(post(client, {**fields, "op": "addstep:agenda.8"}).data)
    fields.update(
        {
            "agenda[8].title": "Rundvisning i køkkenet",
            "agenda[8].minutes": "30",
            "agenda[8].purpose": "At se, hvordan maden laves.",
            "agenda[8].materials": "Hårnet til alle",
            "agenda[8].steps[0].text": "Mød køkkenlederen",
            "agenda[8].steps[0].minutes": "5",
            "agenda[8].steps[1].text": "Rundvisning",
            "agenda[8].steps[1].minutes": "20",
        }
    )
    page = post(client, {**fields, "update": "1"}).data.decode()
    assert "16.00–16.05" in page and "16.05–16.25" in page  # each step on the clock
    pack = PdfReader(io.BytesIO(post(client, {**fields, "pack": "1"}).data))
    sheets = [normalise(p.extract_text() or "") for p in pack.pages]
    sheet = next(text for text in sheets if "EGET PROGRAMPUNKT" in text)
    assert "RUNDVISNING I KØKKENET" in sheet and "At se, hvordan maden laves." in sheet
    assert "Mød køkkenlederen" in sheet and "16.00–16.05 5 min." in sheet
    _saved(post(client, {**fields, "save": "1"}))
    entry = yamlio.load(session_file).data["agenda"][8]
    assert entry == {
        "title": "Rundvisning i køkkenet",
        "minutes": 30,
        "purpose": "At se, hvordan maden laves.",
        "materials": "Hårnet til alle",
        "steps": [
            {"text": "Mød køkkenlederen", "minutes": 5},
            {"text": "Rundvisning", "minutes": 20},
        ],
    }
    fields = form_of(client.get("/").data)
    assert fields["agenda[8].steps[1].text"] == "Rundvisning"
    removed = form_of(post(client, {**fields, "op": "removestep:agenda.8.0"}).data)
    assert removed["agenda[8].steps[0].text"] == "Rundvisning"


def test_steps_longer_than_their_part_are_a_problem_beside_the_part(client: Any) -> None:
    fields = form_of(post(client, {**form_of(client.get("/").data), "op": "add:custom"}).data)
    fields.update(
        {
            "agenda[8].title": "Rundvisning",
            "agenda[8].minutes": "10",
            "agenda[8].steps[0].text": "Gå rundt",
            "agenda[8].steps[0].minutes": "25",
        }
    )
    page = post(client, {**fields, "update": "1"})
    (note,) = notes_for(page.data, "agenda[8]")
    assert note == (
        "trinnene i 'Rundvisning' tager 25 minutter, mere end programpunktets 10"
        " – Gør trinnene kortere, eller giv punktet flere minutter."
    )


def test_the_letters_own_opening_and_closing(client: Any, session_file: Path) -> None:
    fields = form_of(client.get("/").data)
    assert "{{ host }} inviterer dig" in client.get("/").data.decode()  # the language's, greyed
    fields.update(
        {
            "letter.opening": "Kære {{ name }} fra {{ organisation }}.\n\nVi ses i køkkenet.",
            "letter.closing": "Hilsen fra os alle",
        }
    )
    letters = PdfReader(io.BytesIO(post(client, {**fields, "letters": "1"}).data))
    first = normalise(letters.pages[0].extract_text() or "")
    assert "Kære Mads Kristensen fra Grønt Køkken ApS. Vi ses i køkkenet." in first
    assert "Hilsen fra os alle" in first and "inviterer dig" not in first
    _saved(post(client, {**fields, "save": "1"}))
    letter = load_session(session_file)[0].letter
    assert letter is not None and letter.closing == "Hilsen fra os alle"
    assert "letter:\n  opening: |-\n    Kære {{ name }}" in session_file.read_text("utf-8")
    bad = post(client, {**fields, "letter.opening": "Hej {{ partner }}", "update": "1"})
    (note,) = notes_for(bad.data, "letter.opening")
    assert "{{ partner }}" in note and "{{ name }}" in note
