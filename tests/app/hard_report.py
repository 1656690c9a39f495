"""A hard report to judge the report's pages by: a session of twelve partners at the long
limits (the stress corpus's ``*-everything-*`` files) with a full record: an ambition per
dialogue in several paragraphs, six next steps in each quadrant owned by the partners
(long names, long texts, dates and words), the documentation decided, everyone agreed, and
twelve photos of the boards (landscape and portrait) with captions. In Danish and English;
the paper is the caller's.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from PIL import Image, ImageDraw

from workbook.app.record import RecordFile
from workbook.session.model import Session
from workbook.session.record import Decision, NextStep, Photo, Record

STRESS = Path(__file__).resolve().parent.parent / "data" / "stress"
SOURCES = {"da": STRESS / "da-everything-a4.yaml", "en": STRESS / "en-everything-letter.yaml"}
QUADRANTS = ("relations_resources", "timeframes_deliverables", "concept_development", "obstacles")

_WORDS = {
    "da": {
        "ambition": (
            "Alle børn i Københavns, Frederiksbergs og Gentoftes folkeskoler får senest i 2029 "
            "et varmt, sundt og klimavenligt måltid hver skoledag, lavet af lokale, "
            "økologiske råvarer i skolernes egne køkkener, og eleverne er selv med til at "
            "lave maden.\n\nVi måler det på tre ting: hvor mange skoler der har et køkken, hvor "
            "stor en del af råvarerne der er økologiske og lokale, og hvad eleverne selv siger "
            "om maden og måltidet."
        ),
        "contribution": (
            "Kommunerne bidrager med køkkener, personale og en fælles indkøbsaftale; "
            "landbrugene med sæsonens grøntsager til en fast pris over tre år; forskerne med "
            "målinger før og efter; Madkulturen med uddannelse af køkkenpersonalet.\n\n"
            "Hver partner har mandat til at bruge op til 200 timer i 2027, og regionen har "
            "sagt ja til at dele sine erfaringer fra hospitalskøkkenerne."
        ),
        "scaling": (
            "Når de første ti skoler kører, deler vi erfaringerne med KL og de andre kommuner i "
            "hovedstadsregionen, og vi søger en fond om at gøre indkøbsaftalen til en model, "
            "andre kan bruge."
        ),
        "what": [
            "Taler med skolechefen og forvaltningsdirektøren om mandat til at bruge køkkenerne "
            "på de ti første skoler, også uden for skoletiden",
            "Laver et overslag over, hvor mange timer køkkenpersonalet skal bruge om ugen, og "
            "hvad uddannelsen koster",
            "Spørger de frivillige i skolebestyrelserne, om de vil hjælpe med smagsprøver",
            "Skriver et udkast til en fælles indkøbsaftale på sæsonens grøntsager over tre år",
            "Undersøger, om reglerne for udbud tillader en fast pris over tre år",
            "Sender en liste over de skoler, der allerede har et produktionskøkken",
        ],
        "when": ["efter sommerferien", "inden næste møde", "løbende"],
        "questions": [
            "Hvem tager ansvar for materialerne?",
            "Hvem skal have adgang til materialerne og hvornår?",
            "Hvad deler vi offentligt, og hvad bliver mellem partnerne?",
        ],
        "decision": (
            "Facilitatoren samler plakaterne, billederne og opsamlingen i en fælles mappe, som "
            "alle partnere har adgang til fra i morgen. Madkulturen har ansvaret for mappen "
            "frem til næste møde. Ingen navne eller citater deles uden for partnerskabet, før "
            "den enkelte har sagt ja."
        ),
        "caption": (
            "Plakaten efter fælles analyse: relationer og ressourcer, med post-its fra alle "
            "tolv partnere og de to grupper, der arbejdede med forhindringerne om eftermiddagen"
        ),
    },
    "en": {
        "ambition": (
            "Every child in the schools of Copenhagen, Frederiksberg and Gentofte has a warm, "
            "healthy and climate-friendly meal every school day by 2029, cooked from local, "
            "organic produce in the schools' own kitchens, with the pupils taking part in "
            "the cooking.\n\nWe measure it by three things: how many schools have a kitchen, "
            "what share of the produce is organic and local, and what the pupils themselves "
            "say about the food and the meal."
        ),
        "contribution": (
            "The municipalities bring kitchens, staff and a joint purchasing agreement; the "
            "farms the season's vegetables at a fixed price over three years; the researchers "
            "measurements before and after; the Food Culture Agency training for kitchen "
            "staff.\n\nEach partner has a mandate to spend up to 200 hours in 2027, and the "
            "region has agreed to share what it learnt in its hospital kitchens."
        ),
        "scaling": (
            "Once the first ten schools are running, we share what we learnt with Local "
            "Government Denmark and the other municipalities of the capital region, and apply "
            "to a foundation to make the purchasing agreement a model others can use."
        ),
        "what": [
            "Talks to the head of schools and the director about a mandate to use the kitchens "
            "of the first ten schools, also outside school hours",
            "Estimates how many hours a week the kitchen staff need, and what their training costs",
            "Asks the volunteers on the school boards whether they will help with tastings",
            "Drafts a joint purchasing agreement for the season's vegetables over three years",
            "Finds out whether the tender rules allow a fixed price over three years",
            "Sends a list of the schools that already have a production kitchen",
        ],
        "when": ["after the summer holidays", "before the next meeting", "ongoing"],
        "questions": [
            "Who takes responsibility for the materials?",
            "Who should have access to the materials, and when?",
            "What do we share publicly, and what stays between the partners?",
        ],
        "decision": (
            "The facilitator gathers the posters, the photos and the record in a shared folder "
            "that every partner can open from tomorrow. The Food Culture Agency looks after the "
            "folder until the next meeting. No names or quotes are shared outside the "
            "partnership before the person has said yes."
        ),
        "caption": (
            "The poster after the joint analysis: relationships and resources, with post-its "
            "from all twelve partners and the two groups who worked on the obstacles in the "
            "afternoon"
        ),
    },
}


def hard_record(session: Session, language: str) -> Record:
    """The record: every quadrant full, owned by the partners in turn."""
    words = _WORDS[language]
    names = [p.name for p in session.partners]
    steps: dict[str, list[NextStep]] = {}
    for q, key in enumerate(QUADRANTS):
        steps[key] = []
        for n, what in enumerate(words["what"]):
            index = q * 6 + n
            when: dt.date | str | None
            if index % 4 == 3:
                when = words["when"][index % 3]
            elif index % 7 == 6:
                when = None
            else:
                when = session.date + dt.timedelta(days=14 + 9 * index)
            steps[key].append(NextStep(who=names[index % len(names)], what=what, when=when))
    return Record(
        ambitions={k: words[k] for k in ("ambition", "contribution", "scaling")},  # type: ignore[misc]
        next_steps=steps,
        documentation=[
            Decision(question=q, decision=words["decision"]) for q in words["questions"]
        ],
        agreed=names,
    )


def board_photo(number: int) -> bytes:
    """A photo of a board: a wall, a poster, its post-its; every third one portrait."""
    size = (1200, 1600) if number % 3 == 2 else (1600, 1200)
    image = Image.new("RGB", size, (222, 220, 212))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((60, 60, w - 60, h - 60), fill=(250, 250, 246), outline=(90, 90, 90), width=6)
    colours = [(250, 225, 90), (160, 215, 235), (245, 160, 180), (180, 230, 150)]
    for i in range(8 + number):
        x = 100 + (i * 173 + number * 37) % (w - 320)
        y = 120 + (i * 211 + number * 53) % (h - 320)
        draw.rectangle((x, y, x + 150, y + 150), fill=colours[(i + number) % 4])
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def write_hard_report(session_path: Path, session: Session, language: str) -> Record:
    """The record and its twelve captioned photos beside ``session_path``."""
    record = hard_record(session, language)
    file = RecordFile(session_path)
    uploads = [(f"board-{n + 1}.png", board_photo(n)) for n in range(12)]
    saved, version = file.save(Record(), "", "hard report", uploads)
    caption = _WORDS[language]["caption"]
    photos = [Photo(file=p.file, caption=caption) for p in saved.photos]
    final = record.model_copy(update={"photos": photos})
    file.save(final, version, "hard report")
    return final
