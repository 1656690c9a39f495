"""The facilitator's agenda flows into every page: days, custom parts, step times, warnings."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import pdf_text

TWO_DAYS: list[Any] = [
    "opening",
    "introductions",
    {"title": "Rundvisning i køkkenet", "minutes": 30},
    {"ambition": 60},
    "lunch",
    "contribution",
    {"day": "2027-03-05", "start": "09:30"},
    "scaling",
    "break",
    "next_steps",
    "closing",
]


@pytest.fixture(scope="module")
def two_days(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str]:
    from typer.testing import CliRunner

    from tests.conftest import BASE_SESSION
    from workbook.cli import app

    folder = tmp_path_factory.mktemp("two-days")
    session = folder / "session.yaml"
    import yaml

    session.write_text(
        yaml.safe_dump({**BASE_SESSION, "agenda": TWO_DAYS}, allow_unicode=True), "utf-8"
    )
    result = CliRunner().invoke(app, ["pack", str(session), "-o", str(folder / "pack.pdf")])
    assert result.exit_code == 0, result.output
    return pdf_text(folder / "pack.pdf"), result.output


def page_with(pages: list[str], *needles: str) -> str:
    return next(p for p in pages if all(n in p for n in needles))


def test_a_custom_part_and_a_second_day_get_their_clock_times(
    two_days: tuple[list[str], str],
) -> None:
    pages, _ = two_days
    agenda = page_with(pages, "Program", "Tid Programpunkt")
    # a day's heading is a section heading, set in capitals by its level
    assert "TORSDAG DEN 4. MARTS 2027 · 09.00–13.25" in agenda
    assert "09.25–09.55 Rundvisning i køkkenet 30 min." in agenda
    assert "09.55–10.55 Delsession 1: Hvad bliver vi partnere om? 1 t" in agenda
    # the clock restarts at the second day's own start
    assert "FREDAG DEN 5. MARTS 2027 · 09.30–11.50" in agenda
    assert "09.30–11.00 Delsession 3: Hvordan skaber vi omstilling?" in agenda
    assert "Samlet varighed 6 t 45 min. fordelt på 2 dage" in agenda
    assert "Vejledningens dag varer 7 t inklusive frokost." in agenda
    cover = pages[0]
    assert "DAG 1 torsdag den 4. marts 2027 · 09.00–13.25" in cover
    assert "DAG 2 fredag den 5. marts 2027 · 09.30–11.50" in cover
    assert "4.–5. mar. 2027" in pages[-1]  # the footer names both days


def test_the_run_sheet_times_every_step_and_says_when_they_were_scaled(
    two_days: tuple[list[str], str],
) -> None:
    pages, _ = two_days
    first = next(
        i
        for i, p in enumerate(pages)
        if "HVAD BLIVER VI PARTNERE OM?" in p and "TRIN FOR TRIN" in p
    )
    ambition = " ".join(pages[first : first + 2])  # the run sheet and the page it runs on to
    assert "vejledningens 2 t" in ambition and "skaleret" in ambition
    # the guide's 10, 30, 20, 15, 30 minutes of 120, halved and rounded to whole minutes,
    # and its break (the other 15) after step 3: together the part's 60 minutes; each row's
    # clock time and minutes in the side column beside it
    rows = [int(m) for m in re.findall(r"\d\d\.\d\d–\d\d\.\d\d (\d+) min\.", ambition)]
    assert rows == [5, 15, 10, 8, 7, 15] and sum(rows) == 60
    assert "09.55–10.00 5 min." in ambition and "10.00–10.15 15 min." in ambition
    assert "10.25–10.33 8 min." in ambition and "Pause" in ambition
    scaling = page_with(pages, "HVORDAN SKABER VI OMSTILLING?", "TRIN FOR TRIN")
    assert "DELSESSION 3 · FREDAG DEN 5. MARTS 2027 · 09.30–11.00" in scaling  # the kicker
    assert "09.30–09.40 10 min." in scaling and "skaleret" not in scaling


def test_the_cli_tells_the_length_against_the_guide(two_days: tuple[list[str], str]) -> None:
    _, output = two_days
    # in the session's language, its durations as the programme writes them
    said = "Program: 6\u00a0t 45\u00a0min. på 2 dage; vejledningens dag varer 7\u00a0t."
    assert said in output


def test_planning_dates_count_back_from_the_first_day(two_days: tuple[list[str], str]) -> None:
    pages, _ = two_days
    planning = page_with(pages, "FRISTER, TALT BAGLÆNS FRA SESSIONEN")
    # content/timing.yaml: 21, 7, 5 and 2 days before Thursday 4 March 2027
    for date in (
        "torsdag den 11. februar 2027 Send invitationerne",
        "torsdag den 25. februar 2027 Afklar med partnerne",
        "fredag den 26. februar 2027 Bekræft lokale",  # a Saturday: the Friday before
        "tirsdag den 2. marts 2027 Print og pak",
    ):
        assert date in planning


def test_print_counts_follow_partners_and_parts_and_say_the_total(
    two_days: tuple[list[str], str],
) -> None:
    pages, _ = two_days
    planning = page_with(pages, "PRINTGUIDE")
    guide = planning.split("PRINTGUIDE")[1].split("Ark i alt")[0]
    sheets = [int(n) for n in re.findall(r"(?:enkeltsidet|dobbeltsidet|foldes) (\d+)", guide)]
    total = int(re.search(r"Ark i alt, A4 (\d+)", planning)[1])  # type: ignore[index]
    # 2 partners: four circle sheets each; the participants' agenda for them and the facilitator
    assert re.search(
        r"Arbejdsark med navn – 4 pr. partner \S+ s\. \d+–\d+ 1 A4 enkeltsidet 8", guide
    )
    agenda = re.search(r"workbook agenda« (\d) sider? 3 A4 enkeltsidet (\d+)", guide)
    assert agenda and int(agenda[2]) == 3 * int(agenda[1])
    posters = re.findall(r"(\d+) sider 1 A\d enkeltsidet (\d+)", guide)  # the posters, apart
    assert sum(sheets) - sum(int(n) for _, n in posters) == total


def write(write_session: Callable[..., Path], agenda: list[Any], **more: Any) -> Path:
    """A session told in English: the messages these tests pin are the English ones."""
    return write_session(agenda=agenda, **{"language": "en", **more})


@pytest.mark.parametrize(
    ("agenda", "start", "expected"),
    [
        (
            ["opening", {"day": "2027-03-03"}, "closing"],
            "09:00",
            ["session.yaml:", "agenda, entry 2:", "2027-03-03 does not come after 2027-03-04"],
        ),
        (
            [{"day": "2027-03-05"}, "opening"],
            "09:00",
            ["agenda, entry 1:", "the first day, 2027-03-05, is not the session's date"],
        ),
        (
            ["opening", {"day": "2027-03-05"}, {"day": "2027-03-06"}, "closing"],
            "09:00",
            ["agenda, entry 3:", "a day with nothing in it"],
        ),
        (
            ["opening", {"title": "Middag", "minutes": 240}],
            "21:00",
            ["agenda, entry 2:", "the day 2027-03-04 runs past midnight", "2027-03-05 01:10"],
        ),
        (["opening", {"title": "Tur", "minutes": 0}], "09:00", ["agenda, entry 2: 'minutes'"]),
        (["opening", "ambition", "ambition"], "09:00", ["agenda, entry 3:", "twice"]),
        (["opening", "picnic"], "09:00", ["unknown part 'picnic'", "Valid parts:", "title"]),
        (
            ["opening", "ambitoin"],
            "09:00",
            ["agenda, entry 2:", "unknown part 'ambitoin' - did you mean 'ambition'?"],
        ),
    ],
)
def test_agenda_mistakes_are_errors_with_their_line(
    cli, write_session, tmp_path: Path, agenda: list[Any], start: str, expected: list[str]
) -> None:
    out = tmp_path / "pack.pdf"
    result = cli("pack", write(write_session, agenda, start=start), "-o", out)
    assert result.exit_code == 1, result.output
    assert all(part in result.output for part in expected), result.output
    assert not out.exists()


def test_a_day_ending_at_midnight_is_allowed(cli, write_session, tmp_path: Path) -> None:
    session = write(write_session, [{"title": "Aftenmøde", "minutes": 120}], start="22:00")
    assert cli("pack", session, "-o", tmp_path / "pack.pdf").exit_code == 0


@pytest.mark.parametrize(
    ("agenda", "expected"),
    [
        (
            ["opening", {"ambition": 50}, "closing"],
            ["agenda, entry 2:", "'ambition' is cut from the guide's 120 to 50 minutes"],
        ),
        (
            ["opening", "introductions", "ambition", "contribution", "scaling"],
            ["agenda, entry 5:", "runs 325 minutes (5.4 hours) without a lunch"],
        ),
    ],
)
def test_agenda_advice_is_a_warning_and_the_pack_is_made(
    cli, write_session, tmp_path: Path, agenda: list[Any], expected: list[str]
) -> None:
    out = tmp_path / "pack.pdf"
    result = cli("pack", write(write_session, agenda), "-o", out)
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if line.startswith("warning:"))
    assert "session.yaml:" in warning
    assert all(part in result.output for part in expected), result.output
    assert out.is_file()


def test_the_guides_own_day_gives_no_warning(cli, write_session, tmp_path: Path) -> None:
    result = cli("pack", write_session(), "-o", tmp_path / "pack.pdf")
    assert result.exit_code == 0 and "advarsel" not in result.output


def test_workbook_agenda_is_one_page_with_the_packs_times(
    cli, write_session, tmp_path: Path
) -> None:
    session = write_session(agenda=TWO_DAYS)
    result = cli("agenda", session)
    assert result.exit_code == 0, result.output
    out = tmp_path / "2027-03-04-testsession-program.pdf"
    (page,) = pdf_text(out)
    assert "09.25–09.55 Rundvisning i køkkenet · 30 min." in page
    # the guide's sub-session numbers are for the facilitator; participants read the names
    assert "09.30–11.00 Hvordan skaber vi omstilling? · 1 t 30 min." in page
    assert "Delsession" not in page
    assert "CPH Food Space" in page and "Anne Holm" in page
    for facilitator_only in ("Trin for trin", "Materialer", "Vejledningens dag"):
        assert facilitator_only not in page


def test_workbook_agenda_in_english_on_letter(cli, write_session, tmp_path: Path) -> None:
    out = tmp_path / "agenda.pdf"
    result = cli("agenda", write_session(), "-o", out, "--lang", "en", "--paper", "letter")
    assert result.exit_code == 0, result.output
    (page,) = PdfReader(out).pages
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    (text,) = pdf_text(out)
    assert "09:25–11:25 What will we partner on? · 2 h" in text
    assert "Sub-session" not in text
    assert "Total length 7 h · ends at 16:00" in text


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_part_left_out_leaves_no_gap_in_the_participants_programme(
    cli, write_session, tmp_path: Path, language: str
) -> None:
    """Without 'ambition', the letters and the agenda must not read "Sub-session 2"
    after "Introduction": they name the parts without the guide's numbers."""
    agenda = ["opening", "introductions", "contribution", "lunch", "scaling", "closing"]
    session = write_session(language=language, agenda=agenda)
    out = tmp_path / "agenda.pdf"
    assert cli("agenda", session, "-o", out).exit_code == 0
    assert cli("invitations", session, "-o", tmp_path / "letters").exit_code == 0
    from workbook.language.loading import load_content

    parts = load_content(language).parts.parts
    clock = {"da": "{}.{}–{}.{}", "en": "{}:{}–{}:{}"}[language]
    programme = [  # the part's own name (its title, in capitals in the guide) at its time
        f"{clock.format('09', '25', '10', '55')} {parts.contribution.title}".lower(),
        f"{clock.format('11', '55', '13', '25')} {parts.scaling.title}".lower(),
    ]
    numbered = {"da": "Delsession", "en": "Sub-session"}[language]
    letter = pdf_text(next((tmp_path / "letters").glob("*.pdf")))[0]
    for page in (pdf_text(out)[0], letter):
        assert all(row in page.lower() for row in programme), page
        assert numbered not in page
