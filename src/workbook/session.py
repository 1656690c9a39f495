"""The session file: what a facilitator types, validated before anything renders."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationError,
    field_validator,
)

from workbook import yamlio
from workbook.errors import Problem, UserError
from workbook.validation import problems_from

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Minutes = Annotated[int, Field(gt=0, le=24 * 60)]

_CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def parse_clock(value: Any) -> dt.time:
    """A wall-clock time as people type it: 09:00, 9:00 or 9.00."""
    if isinstance(value, dt.time):
        return value
    match = _CLOCK.match(str(value)) if isinstance(value, str | int) else None
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise ValueError("must be a time of day like 09:00")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Facilitator(_Strict):
    name: Text
    email: Text | None = None


class Partner(_Strict):
    name: Text
    organisation: Text
    role: Text | None = None
    email: Text | None = None


class PartEntry(_Strict):
    """One of the guide's parts, or a lunch or break, optionally with its own minutes."""

    part: Text
    minutes: Minutes | None = None


class CustomEntry(_Strict):
    """A part the facilitator adds, such as a tour of a kitchen."""

    title: Text
    minutes: Minutes


class DayEntry(_Strict):
    """Starts a new day in a session that runs over several days."""

    day: dt.date
    start: dt.time | None = None

    _clock = field_validator("start", mode="before")(
        lambda v: None if v is None else parse_clock(v)
    )


def _entry_kind(value: Any) -> str:
    if isinstance(value, BaseModel):  # when serialising
        return type(value).__name__
    if isinstance(value, dict):
        if "day" in value:
            return "DayEntry"
        if "title" in value:
            return "CustomEntry"
    return "PartEntry"


def _normalise_entry(value: Any) -> Any:
    """Accept the short forms people write: ``- lunch`` and ``- lunch: 45``."""
    if isinstance(value, str):
        return {"part": value}
    if isinstance(value, dict) and len(value) == 1:
        ((key, minutes),) = value.items()
        if key not in ("part", "title", "day", "minutes", "start"):
            return {"part": key, "minutes": minutes}
    return value


AgendaEntry = Annotated[
    Annotated[PartEntry, Tag("PartEntry")]
    | Annotated[CustomEntry, Tag("CustomEntry")]
    | Annotated[DayEntry, Tag("DayEntry")],
    Discriminator(_entry_kind),
]


class Session(_Strict):
    language: Text = "da"
    title: Text | None = None
    date: dt.date
    start: dt.time
    venue: Text
    host: Text | None = None
    host_logo: Text | None = None  # an image file, relative to the session file
    facilitator: Facilitator
    partners: list[Partner] = Field(min_length=1, max_length=1000)
    agenda: list[AgendaEntry] | None = None
    # materials the pack holds by default and this session does without
    leave_out: list[Literal["credits", "name_cards", "sign_in", "record"]] = []

    @field_validator("start", mode="before")
    @classmethod
    def _start(cls, value: Any) -> dt.time:
        return parse_clock(value)

    @field_validator("agenda", mode="before")
    @classmethod
    def _agenda(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [_normalise_entry(item) for item in value]
        return value


def load_session(path: Path) -> tuple[Session, yamlio.Document]:
    """Read and validate a session file, reporting every problem in it at once."""
    doc = yamlio.load(path, "session file")
    if doc.data is None:
        raise UserError(
            Problem(
                "the session file is empty",
                file=path,
                hint="Run 'workbook init' to write an example session file to start from.",
            )
        )
    if not isinstance(doc.data, dict):
        raise UserError(
            Problem(
                "a session file must be a mapping of keys such as 'date:' and 'partners:'",
                file=path,
                line=1,
                hint="Run 'workbook init' to see an example.",
            )
        )
    try:
        session = Session.model_validate(doc.data)
    except ValidationError as exc:
        raise UserError(problems_from(exc, doc, Session)) from None
    return session, doc
