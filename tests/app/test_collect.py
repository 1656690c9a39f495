"""``workbook collect``: letters filled in by three PDF engines read back, every way viewers
write a form's values, every bad letter told in one line while the rest are read, and the
session file left as it was."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject, TextStringObject

from tests.app.filling import ANSWERS, Values, fill_mupdf, fill_pypdf, type_pdfium
from tests.conftest import BASE_SESSION
from workbook.app.collect import Outcome, collect, letters_from
from workbook.app.invitations import make_invitations
from workbook.app.messages import messages_for
from workbook.language.loading import load_content
from workbook.session.replies import Reply, load_replies, replies_path

PARTNERS = [
    {"name": "Ayşe Yılmaz", "organisation": "Ağaç Kooperatif", "email": "ayse@example.dk"},
    {"name": "Bjørn Åberg", "organisation": "Grønt Køkken ApS", "email": "bjorn@example.dk"},
    {"name": "Sofie Jensen", "organisation": "Københavns Kommune"},
    {"name": "Mads Kristensen", "organisation": "Fødevarer A/S"},
    {"name": "Ida Nørgaard", "organisation": "Madfællesskabet"},
]
KINDS = load_content("da").invitation.resources.kinds


def _session(folder: Path, **changes: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = {**BASE_SESSION, "partners": PARTNERS, **changes}
    path = folder / "session.yaml"
    text = "# the facilitator's own comment, kept\n" + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False
    )
    path.write_text(text, "utf-8")
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's fillable letters (one each and combined), its printed letters, and
    another session's letters."""
    folder = tmp_path_factory.mktemp("made")
    session = _session(folder)
    make_invitations(session, folder / "letters", combined=folder / "all.pdf", fillable=True)
    make_invitations(session, folder / "printed")
    other = _session(folder / "other", title="En anden session", date="2027-05-06")
    make_invitations(other, folder / "other" / "letters", fillable=True)
    return folder


def _copy_session(made: Path, folder: Path) -> Path:
    """The same session in a folder of its own (it still owns the letters: same content)."""
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(made / "session.yaml", folder / "session.yaml"))


def _collect(session: Path, *letters: Path) -> Any:
    found, problems = letters_from(list(letters))
    assert not problems, problems
    return collect(session, found)


def _expected() -> dict[str, Any]:
    return {
        "attending": True,
        "resources": [KINDS[0], KINDS[2]],
        "resources_other": "Lokaler til workshops",
        "resources_text": ANSWERS["resources_1"],
        "mandate": [ANSWERS["mandate_1"]],
        "documentation": [ANSWERS["documentation_1"], ANSWERS["documentation_2"]],
        "catering": ANSWERS["reply_field_1"],
    }


FILLERS: dict[str, Callable[[Path, Path, Values], Path]] = {
    "pypdf": fill_pypdf,
    "pymupdf": fill_mupdf,
    "pdfium typed": type_pdfium,
}


@pytest.mark.parametrize("filler", list(FILLERS))
def test_a_letter_filled_by_each_engine_reads_back_whole(
    made: Path, tmp_path: Path, filler: str
) -> None:
    letter = FILLERS[filler](made / "letters" / "ayse-yilmaz.pdf", tmp_path / "a.pdf", ANSWERS)
    session = _copy_session(made, tmp_path / "s")
    outcome = _collect(session, letter)
    assert outcome.problems == [] and outcome.notes == [], (outcome.problems, outcome.notes)
    (reply,) = load_replies(replies_path(session)).replies  # type: ignore[union-attr]
    assert reply.partner == "Ayşe Yılmaz" and reply.organisation == "Ağaç Kooperatif"
    assert reply.model_dump(include=set(_expected())) == _expected()
    assert reply.letter == "a.pdf"
    assert outcome.waiting == [p["name"] for p in PARTNERS[1:]]


@pytest.mark.parametrize("filler", ["pypdf", "pymupdf"])
def test_what_a_viewer_draws_in_a_field_shows_every_letter(
    made: Path, tmp_path: Path, filler: str
) -> None:
    """The appearance each engine writes, flattened into the page by PDFium and read back:
    the letters outside Latin-1 are drawn with glyphs that map back to them. (PDFium's own
    typing picks a system font by code page; the value it saves keeps every letter, which
    is what collect reads: the test above.)"""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    letter = FILLERS[filler](made / "letters" / "ayse-yilmaz.pdf", tmp_path / "a.pdf", ANSWERS)
    document = pdfium.PdfDocument(letter)
    page = document[1]
    assert raw.FPDFPage_Flatten(page.raw, raw.FLAT_PRINT) == raw.FLATTEN_SUCCESS
    document.save(tmp_path / "flat.pdf")
    document.close()
    flat = pdfium.PdfDocument(tmp_path / "flat.pdf")
    text = flat[1].get_textpage().get_text_range()
    flat.close()
    for answer in ("Ağaç-metoden i Ølstykke", "(Łódź)", "(ı ğ ø å ő ș)", "Åse Øberg"):
        assert answer in " ".join(text.split()), answer


def test_the_fields_name_the_embedded_body_font(made: Path) -> None:
    reader = PdfReader(made / "letters" / "ayse-yilmaz.pdf")
    form = reader.trailer["/Root"]["/AcroForm"]
    font = form["/DR"]["/Font"]["/WbField"].get_object()
    assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
    descendant = font["/DescendantFonts"][0].get_object()
    assert "/FontFile2" in descendant["/FontDescriptor"]
    cmap = font["/ToUnicode"].get_object().get_data().decode()
    for char in "ığøåłőș":  # Turkish, Danish, Polish, Hungarian, Romanian
        assert f"<{ord(char):04X}>" in cmap, char
    texts = [
        a.get_object() for a in reader.pages[1]["/Annots"] if a.get_object().get("/FT") == "/Tx"
    ]
    assert texts and all(w["/DA"].startswith("/WbField ") for w in texts)


def _plant(made: Path, folder: Path) -> dict[str, Path]:
    """Every kind of letter collect meets, good and bad, in one folder."""
    folder.mkdir()
    letters = made / "letters"
    planted = {
        "ayse": fill_pypdf(letters / "ayse-yilmaz.pdf", folder / "ayse.pdf", ANSWERS),
        "bjorn": fill_mupdf(
            letters / "bjorn-aberg.pdf", folder / "bjorn.pdf", {**ANSWERS, "reply": "decline"}
        ),
        "other": fill_pypdf(
            made / "other" / "letters" / "mads-kristensen.pdf", folder / "other.pdf", ANSWERS
        ),
        "blank": Path(shutil.copy(letters / "sofie-jensen.pdf", folder / "sofie-blank.pdf")),
        "printed": Path(shutil.copy(made / "printed" / "ida-norgaard.pdf", folder / "printed.pdf")),
    }
    import pymupdf

    flattened = fill_mupdf(letters / "mads-kristensen.pdf", folder / "tmp.pdf", ANSWERS)
    baked = pymupdf.open(flattened)
    baked.bake()
    baked.save(folder / "flattened.pdf")
    baked.close()
    flattened.unlink()
    planted["flattened"] = folder / "flattened.pdf"
    from PIL import Image

    Image.new("RGB", (620, 877), "white").save(folder / "scan.pdf")
    planted["scan"] = folder / "scan.pdf"
    whole = planted["ayse"].read_bytes()
    (folder / "damaged.pdf").write_bytes(whole[: len(whole) // 3])
    planted["damaged"] = folder / "damaged.pdf"
    (folder / "notes.pdf").write_text("Jeg kommer gerne!", "utf-8")
    planted["not a pdf"] = folder / "notes.pdf"
    (folder / "empty.pdf").write_bytes(b"")
    planted["empty"] = folder / "empty.pdf"
    locked = PdfWriter(clone_from=PdfReader(planted["bjorn"]))
    locked.encrypt("hemmelig", algorithm="RC4-128")
    locked.write(folder / "locked.pdf")
    planted["locked"] = folder / "locked.pdf"
    from reportlab.pdfgen.canvas import Canvas

    form = Canvas(str(folder / "tax.pdf"))
    form.acroForm.textfield(name="income", x=50, y=700)
    form.showPage()
    form.save()
    planted["another form"] = folder / "tax.pdf"
    second = {**ANSWERS, "mandate_1": "Jeg har fået mere mandat siden."}
    planted["ayse again"] = fill_pypdf(letters / "ayse-yilmaz.pdf", folder / "ayse-2.pdf", second)
    later = planted["ayse"].stat().st_mtime + 60
    os.utime(planted["ayse again"], (later, later))
    return planted


def test_every_letter_is_told_and_the_rest_are_read(
    made: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, cli: Any
) -> None:
    planted = _plant(made, tmp_path_factory.mktemp("planted") / "letters")
    session = _copy_session(made, tmp_path / "s")
    before = session.read_bytes(), session.stat().st_mtime_ns
    result = cli("collect", session, planted["ayse"].parent)
    assert result.exit_code == 1
    out = result.stdout
    said = result.output
    assert "Traceback" not in said
    lines = {  # the session is Danish: so is every line about its letters
        "other": "er en invitation til en anden session ('En anden session' den 2027-05-06, til "
        "Mads Kristensen); denne session er 'Testsession' den 2027-03-04",
        "blank": "invitationen til Sofie Jensen er ikke udfyldt: intet er sat kryds ved eller "
        "skrevet; springes over",
        "printed": "har ingen formularfelter tilbage: den er printet til PDF eller gjort flad "
        "(invitationen til Ida Nørgaard?); svarene kan ikke læses",
        "flattened": "har ingen formularfelter tilbage: den er printet til PDF eller gjort flad "
        "(invitationen til Mads Kristensen?)",
        "scan": "har hverken formularfelter eller tekst: en scanning eller et foto; svarene kan "
        "ikke læses",
        "damaged": "kan ikke læses som PDF: den er beskadiget eller afkortet",
        "not a pdf": "er ikke en PDF",
        "empty": "er tom",
        "locked": "er beskyttet med en adgangskode",
        "another form": "er en PDF-formular, men ikke en invitations",
        "ayse": "er endnu en invitation til Ayşe Yılmaz (også ",
    }
    for case, line in lines.items():
        assert f"{planted[case].name}: {line}" in " ".join(said.split()), case
    assert f"{planted['ayse again'].name}: Ayşe Yılmaz: kommer; læst ind" in out
    assert f"{planted['bjorn'].name}: Bjørn Åberg: kan ikke komme; læst ind" in out
    assert "Har ikke svaret endnu: Sofie Jensen, Mads Kristensen, Ida Nørgaard" in out
    replies = load_replies(replies_path(session))
    assert replies is not None
    assert [(r.partner, r.attending) for r in replies.replies] == [
        ("Ayşe Yılmaz", True),
        ("Bjørn Åberg", False),
    ]
    assert replies.replies[0].mandate == ["Jeg har fået mere mandat siden."]  # the newer
    assert (session.read_bytes(), session.stat().st_mtime_ns) == before
    assert session.read_text("utf-8").startswith("# the facilitator's own comment, kept\n")


def test_collecting_again_updates_and_never_duplicates(made: Path, tmp_path: Path) -> None:
    session = _copy_session(made, tmp_path / "s")
    source = made / "letters" / "bjorn-aberg.pdf"
    first = fill_pypdf(source, tmp_path / "first.pdf", ANSWERS)
    assert _read(_collect(session, first)) == [f"{first}: Bjørn Åberg: will come; read"]
    stored = replies_path(session).read_bytes()
    again = _collect(session, first)
    assert _read(again) == [f"{first}: Bjørn Åberg: unchanged"] and not again.written
    assert _read(again, "da") == [f"{first}: Bjørn Åberg: uændret"]
    assert replies_path(session).read_bytes() == stored
    newer = fill_pypdf(source, tmp_path / "newer.pdf", {**ANSWERS, "reply": "decline"})
    later = first.stat().st_mtime + 120
    os.utime(newer, (later, later))
    updated = _collect(session, newer)
    assert _read(updated) == [f"{newer}: Bjørn Åberg: cannot come; updated"]
    assert _read(updated, "da") == [f"{newer}: Bjørn Åberg: kan ikke komme; opdateret"]
    older = fill_pypdf(source, tmp_path / "older.pdf", {"mandate_1": "Et gammelt svar"})
    os.utime(older, (later - 600, later - 600))
    kept = _collect(session, older)
    assert kept.read == [] and "that one is kept" in kept.notes[0].message
    replies = load_replies(replies_path(session))
    assert replies is not None and len(replies.replies) == 1
    assert replies.replies[0].attending is False and replies.replies[0].letter == "newer.pdf"


def test_the_combined_pdf_filled_gives_every_letter_in_it(made: Path, tmp_path: Path) -> None:
    combined = fill_pypdf(made / "all.pdf", tmp_path / "all.pdf", ANSWERS, prefix="letter2_")
    combined = fill_pypdf(combined, tmp_path / "both.pdf", {"reply": "decline"}, "letter4_")
    session = _copy_session(made, tmp_path / "s")
    outcome = _collect(session, combined)
    assert [line.split(": ", 1)[1] for line in _read(outcome)] == [
        "Bjørn Åberg: will come; read",
        "Mads Kristensen: cannot come; read",
    ]
    assert len(outcome.notes) == 3  # the three letters in it nobody filled in


def _read(outcome: Outcome, code: str = "en") -> list[str]:
    """The lines a run says of the letters it took in, in language ``code``."""
    said = messages_for(code)
    return [taken.said(said) for taken in outcome.read]


def _edit(letter: Path, target: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """The letter with its fields changed as some viewer would have saved them."""
    writer = PdfWriter(clone_from=PdfReader(letter))
    fields: dict[str, Any] = {}
    for annotation in writer.pages[1]["/Annots"]:
        widget = annotation.get_object()
        parent = widget.get("/Parent")
        node = parent.get_object() if parent is not None else widget
        fields.setdefault(str(node.get("/T")), node)
        fields.setdefault(f"{node.get('/T')}#kids", []).append(widget)
    change(fields)
    writer.write(target)
    return target


def _rename_state(widget: dict[str, Any], old: str, new: str) -> None:
    for kind in ("/N", "/D"):
        states = widget["/AP"][kind]
        states[NameObject(new)] = states.pop(NameObject(old))


def _tick_on(fields: dict[str, Any]) -> None:  # Acrobat's older "On"
    box = fields["resource_1"]
    _rename_state(box, "/Yes", "/On")
    box[NameObject("/V")] = box[NameObject("/AS")] = NameObject("/On")


def _tick_named(fields: dict[str, Any]) -> None:  # a state named in the viewer's language
    box = fields["resource_1"]
    _rename_state(box, "/Yes", "/Ja")
    box[NameObject("/V")] = box[NameObject("/AS")] = NameObject("/Ja")


def _tick_widget_only(fields: dict[str, Any]) -> None:  # /AS set, no /V on the field
    box = fields["resource_1"]
    box.pop(NameObject("/V"), None)
    box[NameObject("/AS")] = NameObject("/Yes")


def _tick_as_text(fields: dict[str, Any]) -> None:  # the value as a string, not a name
    fields["resource_1"][NameObject("/V")] = TextStringObject("Yes")


def _radio_by_index(fields: dict[str, Any]) -> None:  # /Opt with index states
    group = fields["reply"]
    group[NameObject("/Opt")] = ArrayObject(
        [TextStringObject("attend"), TextStringObject("decline")]
    )
    for index, kid in enumerate(fields["reply#kids"]):
        _rename_state(kid, f"/{('attend', 'decline')[index]}", f"/{index}")
        kid[NameObject("/AS")] = NameObject(f"/{index}" if index == 1 else "/Off")
    group[NameObject("/V")] = NameObject("/1")


def _radio_kid_only(fields: dict[str, Any]) -> None:  # the chosen button's state alone
    fields["reply"].pop(NameObject("/V"), None)
    kids = fields["reply#kids"]
    kids[1][NameObject("/AS")] = NameObject("/decline")


def _radio_own_names(fields: dict[str, Any]) -> None:  # a viewer that renamed the states
    kids = fields["reply#kids"]
    for index, kid in enumerate(kids):
        _rename_state(kid, f"/{('attend', 'decline')[index]}", f"/Choice{index + 1}")
    kids[1][NameObject("/AS")] = NameObject("/Choice2")
    fields["reply"][NameObject("/V")] = NameObject("/Choice2")


def _text_carriage_returns(fields: dict[str, Any]) -> None:  # old Mac line ends
    fields["mandate_1"][NameObject("/V")] = TextStringObject("Første linje\rAnden linje")


def _everything_off(fields: dict[str, Any]) -> None:
    for name, node in fields.items():
        if not name.endswith("#kids") and node.get("/FT") == "/Btn":
            node[NameObject("/V")] = NameObject("/Off")
    fields["mandate_1"][NameObject("/V")] = TextStringObject("Kun dette")


VARIANTS: dict[str, tuple[Callable[[dict[str, Any]], None], dict[str, Any]]] = {
    "tick /On": (_tick_on, {"resources": [KINDS[0]]}),
    "tick named /Ja": (_tick_named, {"resources": [KINDS[0]]}),
    "tick on the widget only": (_tick_widget_only, {"resources": [KINDS[0]]}),
    "tick as text": (_tick_as_text, {"resources": [KINDS[0]]}),
    "radio by /Opt index": (_radio_by_index, {"attending": False}),
    "radio on the button only": (_radio_kid_only, {"attending": False}),
    "radio with its own names": (_radio_own_names, {"attending": False}),
    "text with CR": (_text_carriage_returns, {"mandate": ["Første linje\nAnden linje"]}),
    "everything /Off": (_everything_off, {"resources": [], "attending": None}),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_way_viewers_save_a_value_is_read(made: Path, tmp_path: Path, variant: str) -> None:
    change, expected = VARIANTS[variant]
    base = fill_pypdf(
        made / "letters" / "mads-kristensen.pdf", tmp_path / "base.pdf", {"mandate_1": "x"}
    )
    letter = _edit(base, tmp_path / "letter.pdf", change)
    session = _copy_session(made, tmp_path / "s")
    outcome = _collect(session, letter)
    assert outcome.problems == [], outcome.problems
    (reply,) = load_replies(replies_path(session)).replies  # type: ignore[union-attr]
    assert reply.model_dump(include=set(expected)) == expected


def test_a_letter_belongs_to_its_session_however_the_file_moved(made: Path, tmp_path: Path) -> None:
    """The same file with its date moved, and the same session copied elsewhere, own the
    letter; a copy elsewhere with another date is another session."""
    letter = fill_pypdf(made / "letters" / "ida-norgaard.pdf", tmp_path / "ida.pdf", ANSWERS)
    moved = _session(tmp_path / "moved", date="2027-03-11")
    found, _ = letters_from([letter])
    (problem,) = collect(moved, found).problems  # another folder and another date
    assert problem.message.startswith("is a letter for another session ('Testsession' on 2027")
    copied = _session(tmp_path / "copied")  # another folder, the same session
    assert collect(copied, found, write=False).problems == []
    same_place = made / "session.yaml"
    text = same_place.read_text("utf-8")
    try:  # the session file the letters were made from, its date moved
        same_place.write_text(text.replace("2027-03-04", "2027-03-11"), "utf-8")
        outcome = collect(same_place, found, write=False)
        assert outcome.problems == [] and outcome.read
    finally:
        same_place.write_text(text, "utf-8")


def test_a_partner_removed_since_is_told(made: Path, tmp_path: Path) -> None:
    letter = fill_pypdf(made / "letters" / "ida-norgaard.pdf", tmp_path / "ida.pdf", ANSWERS)
    session = _copy_session(made, tmp_path / "s")
    data = yaml.safe_load(session.read_text("utf-8"))
    del data["partners"][4]
    session.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    found, _ = letters_from([letter])
    outcome = collect(session, found)  # the same session (date, title, host, facilitator)
    assert [p.message for p in outcome.problems] == [
        "is the letter to Ida Nørgaard (Madfællesskabet), who is not among this session's "
        "partners any more"
    ]
    assert not outcome.written and not replies_path(session).exists()


def test_a_replies_file_with_mistakes_is_told_and_left_alone(
    made: Path, tmp_path: Path, cli: Any
) -> None:
    session = _copy_session(made, tmp_path / "s")
    replies = replies_path(session)
    replies.write_text("replies:\n  - partner: Ida\n    organisation: X\n    atending: yes\n")
    before = replies.read_bytes()
    letter = fill_pypdf(made / "letters" / "ida-norgaard.pdf", tmp_path / "ida.pdf", ANSWERS)
    result = cli("collect", session, letter)
    assert result.exit_code == 1
    assert "session.replies.yaml:4:5" in result.output
    assert "atending' er ikke en nøgle, workbook kender" in result.output
    assert replies.read_bytes() == before


def test_the_replies_file_reads_back_as_written(made: Path, tmp_path: Path) -> None:
    letter = fill_pypdf(made / "letters" / "ayse-yilmaz.pdf", tmp_path / "a.pdf", ANSWERS)
    session = _copy_session(made, tmp_path / "s")
    _collect(session, letter)
    text = replies_path(session).read_text("utf-8")
    assert text.startswith("# The partners' answers")
    assert "resources_text: |-\n    To medarbejdere fem timer om ugen.\n" in text
    data = yaml.safe_load(io.StringIO(text))
    assert Reply.model_validate(data["replies"][0]).resources_other == "Lokaler til workshops"


def test_many_letters_are_read_on_every_core_as_one_process_reads_them(
    made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbook.app import letter_form

    letters = [
        fill_pypdf(made / "letters" / "ayse-yilmaz.pdf", tmp_path / "a.pdf", ANSWERS),
        fill_mupdf(made / "letters" / "bjorn-aberg.pdf", tmp_path / "b.pdf", ANSWERS),
        made / "letters" / "sofie-jensen.pdf",
        made / "printed" / "ida-norgaard.pdf",
    ]
    found, _ = letters_from(letters)
    outcomes = {}
    for name, threshold in [("parallel", 2), ("serial", 10**6)]:
        monkeypatch.setattr(letter_form, "PARALLEL_FROM", threshold)
        outcome = collect(_copy_session(made, tmp_path / name), found)
        outcomes[name] = (outcome.read, outcome.notes, outcome.problems, outcome.replies)
    assert outcomes["parallel"] == outcomes["serial"]
    assert len(outcomes["serial"][0]) == 2
