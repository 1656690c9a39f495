"""The session file: what a facilitator types, validated before anything renders."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StringConstraints,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from workbook.core import yamlio
from workbook.core.errors import Problem, UserError
from workbook.core.text import template_problem
from workbook.core.validation import problems_from
from workbook.core.visible import has_visible


def _visible(value: str) -> str:
    if not has_visible(value):
        # the error's type names its message in ui.yaml (core.validation tells it)
        raise PydanticCustomError(
            "invisible",
            "has no visible character (only spaces or invisible characters such as a "
            "zero-width space or soft hyphen); type the text again",
        )
    return value


# An address a reply can reach: something, one @, a domain with a dot. Deliberately loose
# (names may hold any letter), but a name or a phone number typed here is caught before it
# prints on every letter.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise PydanticCustomError("email", "must be an email address like anne@example.dk")
    return value


def _up_to(limit: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=limit)


# Text with something to see in print, of at most so many characters after trimming: what
# every page and letter holds (issue 14), so a value that validates renders in every command.
_Visible = AfterValidator(_visible)
Text = Annotated[str, _up_to(5000), _Visible]
PersonName = Annotated[str, _up_to(60), _Visible]
Organisation = Annotated[str, _up_to(100), _Visible]
Role = Annotated[str, _up_to(80), _Visible]
Email = Annotated[str, _up_to(100), _Visible, AfterValidator(_email)]
Title = Annotated[str, _up_to(100), _Visible]
Venue = Annotated[str, _up_to(120), _Visible]
Host = Annotated[str, _up_to(100), _Visible]
PartName = Annotated[str, _up_to(80), _Visible]
Code = Annotated[str, _up_to(40), _Visible]
FileName = Annotated[str, _up_to(1000), _Visible]


def _not_a_truth(value: Any) -> Any:
    # YAML reads "- lunch: true" as a truth value, which a number field would take as 1.
    if isinstance(value, bool):
        raise PydanticCustomError(  # its type names its message in ui.yaml
            "minutes_truth",
            "must be a number of minutes such as 45, not true or false (for the guide's "
            "own minutes, write the part alone: '- lunch')",
        )
    return value


Minutes = Annotated[int, Field(gt=0, le=24 * 60), BeforeValidator(_not_a_truth)]

# Dates far from today are typos, and date arithmetic (deadlines weeks before, days after
# a late start) must stay inside the calendar.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _in_calendar(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError(
            "year_range",
            "must be a date between the years {first} and {last}",
            {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return value


Date = Annotated[dt.date, AfterValidator(_in_calendar)]

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
    raise PydanticCustomError("clock", "must be a time of day like 09:00")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Facilitator(_Strict):
    name: PersonName
    email: Email | None = None


class Partner(_Strict):
    name: PersonName
    organisation: Organisation
    role: Role | None = None
    email: Email | None = None


class PartEntry(_Strict):
    """One of the guide's parts, or a lunch or break, optionally with its own minutes."""

    part: PartName
    minutes: Minutes | None = None


# A part of one's own gets a run sheet like the guide's parts: what it is for, what it
# needs, and its steps; each as long as a guide part's own run sheet holds comfortably.
Detail = Annotated[str, _up_to(600), _Visible]
MAX_STEPS = 20


class CustomStep(_Strict):
    """One step of a part of one's own: what happens, and optionally how many minutes."""

    text: Detail
    minutes: Minutes | None = None


_ISO_DAY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


class ReviewItem(_Strict):
    """A next step agreed before, to go through again (``workbook follow-up`` writes them)."""

    who: Annotated[str, _up_to(200), _Visible]
    what: Text
    when: Date | Annotated[str, _up_to(60), _Visible] | None = None

    @field_validator("when", mode="before")
    @classmethod
    def _date_if_iso(cls, value: Any) -> Any:
        if isinstance(value, str) and _ISO_DAY.match(value):
            return dt.date.fromisoformat(value.strip())
        return value


class CustomEntry(_Strict):
    """A part the facilitator adds, such as a tour of a kitchen; with ``review:``, a part
    that goes through the next steps of an earlier session, on a sheet of its own."""

    title: PartName
    minutes: Minutes
    purpose: Detail | None = None
    materials: Detail | None = None
    steps: list[CustomStep] = Field(default=[], max_length=MAX_STEPS)
    review: list[ReviewItem] = Field(default=[], max_length=200)

    @field_validator("steps", mode="before")
    @classmethod
    def _short_steps(cls, value: Any) -> Any:
        """``- "Walk to the kitchen"``: a step without minutes may be written as its text."""
        if isinstance(value, list):
            return [{"text": step} if isinstance(step, str) else step for step in value]
        return value

    @property
    def has_run_sheet(self) -> bool:
        """Its steps make it a run sheet, as every guide part's do (a purpose alone would
        be a near-empty page; the schedule warns of it)."""
        return bool(self.steps)


class DayEntry(_Strict):
    """Starts a new day in a session that runs over several days."""

    day: Date
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


def normalise_entry(value: Any) -> Any:
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


# Where a session is held when its file does not say: the guide's sessions are Danish.
DEFAULT_TIME_ZONE = "Europe/Copenhagen"


def _time_zone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"is not a time zone (found {value!r}); write it as the tz database names it, "
            "e.g. Europe/Copenhagen"
        ) from None
    return value


TimeZone = Annotated[str, _up_to(60), _Visible, AfterValidator(_time_zone)]

# What ``leave_out:`` may name: materials the pack holds by default, and the partners'
# answers drawn faintly on their contribution circles.
LeaveOut = Literal["credits", "name_cards", "sign_in", "record", "circle_resources"]


# The names a session's own letter words may fill in: those of the language's opening
# (the partner's name and organisation, the host, the session's title).
LETTER_NAMES = ("name", "organisation", "host", "title")


def _letter_text(value: str) -> str:
    """The same policy as a language's texts: placeholders and ``{% if %}``, nothing else."""
    problem, names = template_problem(value)
    if problem:
        raise ValueError(problem)
    unknown = sorted(names - set(LETTER_NAMES))
    if unknown:
        known = ", ".join(f"{{{{ {name} }}}}" for name in LETTER_NAMES)
        raise ValueError(f"uses {{{{ {unknown[0]} }}}}, which the letter cannot fill in: {known}")
    return value


LetterText = Annotated[str, _up_to(1200), _Visible, AfterValidator(_letter_text)]


class LetterWords(_Strict):
    """The session's own words for the invitation: its opening paragraph and its closing
    line, in place of the language's (paragraphs apart by an empty line)."""

    opening: LetterText | None = None
    closing: LetterText | None = None


# The longest a session runs: a week. Every day has its line in the invitation's details
# and its rows in the programme, and the letter stays two pages up to this many.
MAX_DAYS = 7


class Session(_Strict):
    language: Code = "da"
    title: Title | None = None
    date: Date
    start: dt.time
    venue: Venue
    host: Host | None = None
    host_logo: FileName | None = None  # relative to the session file
    facilitator: Facilitator
    partners: list[Partner] = Field(min_length=1, max_length=1000)
    agenda: list[AgendaEntry] | None = None
    # materials the pack holds by default and this session does without
    leave_out: list[LeaveOut] = []
    reply_by: Date | None = None  # the partners' answers wanted by; default from the deadlines
    time_zone: TimeZone | None = None  # for the calendar entries; default DEFAULT_TIME_ZONE
    # what reading the file noticed without refusing it (a spreadsheet's unread columns)
    _notes: tuple[Problem, ...] = PrivateAttr(default=())

    @property
    def notes(self) -> tuple[Problem, ...]:
        return self._notes

    @property
    def zone(self) -> str:
        return self.time_zone or DEFAULT_TIME_ZONE

    @field_validator("reply_by")
    @classmethod
    def _reply_before(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        date = info.data.get("date")  # validated before: it comes first
        if value is not None and isinstance(date, dt.date) and value >= date:
            raise ValueError(
                f"must be before the session's date ({date.isoformat()}), so that the "
                "answers are in before the day"
            )
        return value

    letter: LetterWords | None = None

    @field_validator("start", mode="before")
    @classmethod
    def _start(cls, value: Any) -> dt.time:
        return parse_clock(value)

    @field_validator("agenda", mode="before")
    @classmethod
    def _agenda(cls, value: Any) -> Any:
        if value == []:
            raise PydanticCustomError(
                "empty_agenda",
                "is an empty list: list the parts of the day, or leave out 'agenda:' "
                "for the guide's whole day",
            )
        if isinstance(value, list):
            return [normalise_entry(item) for item in value]
        return value

    @field_validator("agenda")
    @classmethod
    def _days(cls, value: list[AgendaEntry] | None) -> list[AgendaEntry] | None:
        days = 1 + sum(isinstance(entry, DayEntry) for entry in value or [])
        if days > MAX_DAYS:
            raise PydanticCustomError(
                "too_many_days",
                "runs over {days} days; at most {limit} are allowed (the invitation "
                "lists each day): split it into two sessions",
                {"days": days, "limit": MAX_DAYS},
            )
        return value


def load_session(path: Path) -> tuple[Session, yamlio.Document]:
    """Read and validate a session file, reporting every problem in it at once."""
    return validate_session(yamlio.load(path, "session file"))


def validate_session(doc: yamlio.Document) -> tuple[Session, yamlio.Document]:
    """Validate a parsed session file; the web page's form arrives as text, not as a file."""
    path = doc.path
    if doc.data is None:
        raise UserError(
            Problem(
                "the session file is empty",
                file=path,
                hint="Run 'workbook init' to write an example session file to start from.",
                key="empty_session",
            )
        )
    if not isinstance(doc.data, dict):
        raise UserError(
            Problem(
                "a session file must be a mapping of keys such as 'date:' and 'partners:'",
                file=path,
                line=1,
                hint="Run 'workbook init' to see an example.",
                key="not_a_session",
            )
        )
    data, notes, file_problems = _partners_from_file(doc)
    try:
        session = Session.model_validate(data)
    except ValidationError as exc:
        raise InvalidSession(problems_from(exc, doc, Session) + file_problems, doc) from None
    if file_problems:
        raise InvalidSession(file_problems, doc)
    session._notes = tuple(notes)
    return session, doc


# Stands in for partners whose file has problems, so the rest of the session is checked too.
_STAND_IN = [{"name": "-", "organisation": "-"}]


def _partners_from_file(doc: yamlio.Document) -> tuple[Any, list[Problem], list[Problem]]:
    """The session's data with ``partners: partnere.csv`` read into a list, what reading
    it noticed, and its problems (each row's, located in the spreadsheet)."""
    from workbook.session.partners_file import SUFFIXES, read_partners

    data = doc.data
    written = data.get("partners")
    if not isinstance(written, str) or not written.strip():
        return data, [], []
    line, column = doc.locate(("partners",))
    here = (doc.path, line, column)
    name = written.strip()
    if Path(name).suffix.lower() not in SUFFIXES:
        problem = Problem(
            f"'partners' must be a list of partners or a spreadsheet (.csv or .xlsx); "
            f"found {name!r}",
            file=doc.path,
            line=line,
            column=column,
            field="partners",
            hint="Write 'partners: partnere.csv' (or .xlsx), or a '- name: ...' line per partner.",
        )
        return {**data, "partners": _STAND_IN}, [], [problem]
    try:
        read = read_partners(doc.path.parent / name, name, here)
    except UserError as exc:
        return {**data, "partners": _STAND_IN}, [], exc.problems
    return {**data, "partners": read.partners}, read.notes, []


class InvalidSession(UserError):
    """A session file that fails validation, kept with its text so that callers can look
    for more problems in it (agenda parts, the language) and report them in the same run."""

    def __init__(self, problems: list[Problem], doc: yamlio.Document) -> None:
        super().__init__(problems)
        self.doc = doc
