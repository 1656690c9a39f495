"""Whatever a facilitator types ends in a valid PDF or a clean message, never a traceback."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.conftest import BASE_SESSION, normalise, qpdf_check
from workbook.cli import app
from workbook.files.outputs import safe_name, unique_names

# Names people type: any script, with the markup and path characters that break naive code.
names = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        st.sampled_from("&<>/\\\"'æøåÆØÅ ΑΩЖж"),
    ),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip())
agenda_entries = st.one_of(
    st.sampled_from(["opening", "closing", "lunch", "break", "brunch", "next_steps"]),
    st.fixed_dictionaries({}, optional={"lunch": st.integers(-5, 120)}),
    st.builds(lambda t, m: {"title": t, "minutes": m}, names, st.integers(-1, 90)),
)


# Each example renders a pack: a quarter of the profile's count (25 in `make test`).
@settings(
    max_examples=max(25, settings().max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(title=names, partner=names, agenda=st.lists(agenda_entries, min_size=1, max_size=5))
def test_typed_input_gives_a_pdf_or_a_clean_error(
    title: str, partner: str, agenda: list[object]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        session = Path(folder) / "s.yaml"
        data = {
            **BASE_SESSION,
            "title": title,
            "partners": [{"name": partner, "organisation": "Org"}],
            "agenda": agenda,
        }
        session.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        output = Path(folder) / "out.pdf"
        result = CliRunner().invoke(app, ["pack", str(session), "-o", str(output)])
        assert "Traceback" not in result.output
        if result.exit_code == 0:
            qpdf_check(output)
            pages = PdfReader(output).pages
            assert pages
            assert normalise(partner) in normalise(" ".join(p.extract_text() for p in pages[:1]))
        else:
            assert result.exit_code == 1, result.output
            assert result.output.startswith("fejl:")  # the session is Danish
            assert not output.exists()


@given(text=st.text(max_size=200))
def test_a_name_made_safe_is_a_plain_file_name(text: str) -> None:
    name = safe_name(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name
    assert len(name) <= 60


@given(stems=st.lists(st.sampled_from(["a", "a-2", "a-3", "b", "pack"]), max_size=12))
def test_unique_names_never_repeat(stems: list[str]) -> None:
    names = list(unique_names(stems))
    assert len(set(names)) == len(names) == len(stems)


BLANK_LETTERS = "\u115f\u1160\u2800\u3164\uffa0"  # letters that print as nothing
# What prints as nothing: spaces of every kind, zero-width and soft-hyphen characters.
invisible = st.text(
    alphabet=st.sampled_from(" \t\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff\u3000\u2800\u3164"),
    min_size=1,
    max_size=12,
)


@given(blank=invisible, visible=names)
def test_a_name_is_refused_exactly_when_nothing_of_it_would_print(blank: str, visible: str) -> None:
    from pydantic import ValidationError

    from workbook.session.model import Partner

    with pytest.raises(ValidationError, match=r"no visible character|at least 1 character"):
        Partner(name=blank, organisation="Org")
    printable = blank + visible + blank
    seen = [c for c in visible if unicodedata.category(c)[0] in "LNPS" and c not in BLANK_LETTERS]
    if seen and len(printable.strip()) <= 60:
        assert Partner(name=printable, organisation="Org").name == printable.strip()
