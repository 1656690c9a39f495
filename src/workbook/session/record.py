"""The record of a session as typed in after the day: what the partners agreed.

It lives beside the session file, in a folder of its own (``<session>.day/``), as YAML the
facilitator may edit by hand: the ambitions in the partners' own words (by dialogue), the
next steps in each of the guide's four quadrants (who, does what, by when), the decisions
on what happens to the material (by the guide's documentation questions), who agreed, and
the photos of the boards. Checked as the session file is: every problem with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from workbook.core import yamlio
from workbook.core.errors import Problem, UserError
from workbook.core.validation import problems_from
from workbook.session.model import Date, FileName, PersonName, Text, _up_to, _Visible

RECORD_NAME = "record.yaml"
PHOTOS = "photos"
Short = Annotated[str, _up_to(200), _Visible]
When = Annotated[str, _up_to(60), _Visible]
Dialogue = Literal["ambition", "contribution", "scaling"]
MAX_ITEMS = 200  # next steps in one quadrant; photos of one session
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def day_folder(session_path: Path) -> Path:
    """The folder beside the session file for what its day leaves: the run, the record,
    the photos. Named after the session file, so two sessions in one folder keep apart."""
    return session_path.with_name(
        session_path.name.removesuffix(".yaml").removesuffix(".yml") + ".day"
    )


def record_path(session_path: Path) -> Path:
    return day_folder(session_path) / RECORD_NAME


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NextStep(_Strict):
    """One agreed step: who takes it, what they do (and how much), and by when."""

    who: Short
    what: Text
    when: Date | When | None = None  # a date (2027-04-01), or words ("after the summer")

    @field_validator("when", mode="before")
    @classmethod
    def _date_if_iso(cls, value: Any) -> Any:
        if isinstance(value, str) and _ISO.match(value.strip()):
            return dt.date.fromisoformat(value.strip())
        return value

    @property
    def date(self) -> dt.date | None:
        return self.when if isinstance(self.when, dt.date) else None


class Decision(_Strict):
    """What the partners decided on one of the guide's documentation questions."""

    question: Text
    decision: Text


class Photo(_Strict):
    file: FileName  # relative to the record's folder: photos/board-1.jpg
    caption: Short | None = None


class Record(_Strict):
    ambitions: dict[Dialogue, Text] = {}
    next_steps: dict[Short, list[NextStep]] = Field(default_factory=dict)  # by quadrant key
    documentation: list[Decision] = Field(default=[], max_length=50)
    agreed: list[PersonName] = Field(default=[], max_length=1000)
    photos: list[Photo] = Field(default=[], max_length=MAX_ITEMS)

    @field_validator("next_steps")
    @classmethod
    def _bounded(cls, value: dict[str, list[NextStep]]) -> dict[str, list[NextStep]]:
        for key, steps in value.items():
            if len(steps) > MAX_ITEMS:
                raise ValueError(f"'{key}' lists {len(steps)} steps; at most {MAX_ITEMS}")
        return value

    @property
    def empty(self) -> bool:
        return not (
            any(self.ambitions.values())
            or any(self.next_steps.values())
            or self.documentation
            or self.agreed
            or self.photos
        )

    def steps(self) -> list[tuple[str, NextStep]]:
        """Every next step with its quadrant's key, quadrant by quadrant."""
        return [(key, step) for key, steps in self.next_steps.items() for step in steps]


def validate_record(doc: yamlio.Document) -> Record:
    if doc.data is None:
        return Record()
    if not isinstance(doc.data, dict):
        raise UserError(
            Problem(
                "a record must be a mapping of keys such as 'ambitions:' and 'next_steps:'",
                file=doc.path,
                line=1,
            )
        )
    try:
        return Record.model_validate(doc.data)
    except ValidationError as exc:
        raise UserError(problems_from(exc, doc, Record)) from None


def load_record(path: Path) -> Record:
    return validate_record(yamlio.load(path, "record"))


def parse_record(text: str, path: Path) -> Record:
    return validate_record(yamlio.parse(text, path))


def record_text(record: Record, header: str) -> str:
    """The record as YAML a person can edit, under ``header`` (comment lines, the user's
    language). Empty sections are left out; dates are written as dates."""
    data: dict[str, Any] = {}
    if record.ambitions:
        data["ambitions"] = dict(record.ambitions)
    steps = {k: [_step(s) for s in v] for k, v in record.next_steps.items() if v}
    if steps:
        data["next_steps"] = steps
    if record.documentation:
        data["documentation"] = [d.model_dump() for d in record.documentation]
    if record.agreed:
        data["agreed"] = list(record.agreed)
    if record.photos:
        data["photos"] = [p.model_dump(exclude_none=True) for p in record.photos]
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096) if data else ""
    return comment + body


def _step(step: NextStep) -> dict[str, Any]:
    found: dict[str, Any] = {"who": step.who, "what": step.what}
    if step.when is not None:
        found["when"] = step.when
    return found
