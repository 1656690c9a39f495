"""The web page tells a session's problems in its language, in the form's words: a Danish
session's in Danish, an English one's in English, never YAML's advice beside a field."""

from __future__ import annotations

import html
import re
from typing import Any

from tests.web.conftest import form_of, notes_for, post  # and the fixtures, in conftest


def _summary(page: bytes) -> list[str]:
    """Every problem listed at the top of the page."""
    block = page.decode("utf-8").split('<div class="problems" role="alert">')[1].split("</ul>")[0]
    return [html.unescape(item).strip() for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_a_danish_sessions_problems_read_in_danish_on_the_page(client: Any) -> None:
    fields = form_of(client.get("/").data)
    fields.update(
        {
            "date": "2027-02-30",
            "facilitator.email": "anne(at)example.dk",
            "partners[1].organisation": "",
            "agenda[3].minutes": "0",
        }
    )
    page = post(client, {**fields, "pack": "1"})
    assert page.status_code == 422
    text = page.data.decode("utf-8")
    assert "Ret venligst dette først:" in text
    assert notes_for(page.data, "date") == [
        "Dato er en dag, der ikke findes: februar 2027 har kun 28 dage (der står '2027-02-30')"
        " – Tjek dagen og måneden."
    ]
    assert notes_for(page.data, "facilitator.email") == [
        "Facilitator · E-mail skal være en e-mailadresse som anne@example.dk"
        " (der står 'anne(at)example.dk')"
    ]
    assert notes_for(page.data, "partners[1].organisation") == [
        "Organisation mangler – Udfyld feltet."
    ]
    # no English, and no YAML advice, anywhere the facilitator reads
    for english in ("is missing", "must be", "Add '", "found '", "YAML"):
        assert english not in text, english
    summary = _summary(page.data)
    assert "Partner 2 (Sofie Jensen): Organisation mangler – Udfyld feltet." in summary
    assert "Punkt 4: Minutter skal være mere end nul (der står 0)" in summary


def test_an_english_sessions_problems_read_in_english_on_the_page(client: Any) -> None:
    fields = form_of(client.get("/").data)
    fields.update({"language": "en", "partners[1].organisation": "", "agenda[3].minutes": "0"})
    page = post(client, {**fields, "pack": "1"})
    assert "Please fix these first:" in page.data.decode("utf-8")
    assert notes_for(page.data, "partners[1].organisation") == [
        "Organisation is missing – Fill it in."
    ]
    assert notes_for(page.data, "agenda[3].minutes")[0].startswith("Minutes must be more than zero")
