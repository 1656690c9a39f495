"""The guide's clock: each part's minutes and steps, its default agenda, the deadlines before
the day and the limits the agenda is warned about (``content/timing.yaml``, the same in
every language)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workbook.core import yamlio
from workbook.core.errors import UserError
from workbook.core.resources import content_dir
from workbook.core.validation import problems_from


class PartTiming(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    minutes: int = Field(gt=0)
    steps: list[int | None] = []
    dialogue: str | None = None
    pause: bool = False


class Warn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    day_without_lunch_minutes: int = Field(gt=0)
    shortened_below: float = Field(gt=0, lt=1)


class RunRules(BaseModel):
    """How the run view re-plans the rest of a day when a step runs over."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    step_floor: float = Field(default=0.5, gt=0, le=1)
    lunch_floor: int = Field(default=30, ge=0)


class FollowUp(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    review_minutes: int = Field(default=30, gt=0)


class Timing(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    parts: dict[str, PartTiming]
    default_agenda: list[str]
    warn: Warn
    run: RunRules = RunRules()
    follow_up: FollowUp = FollowUp()
    deadlines: dict[str, int]

    @property
    def guide_minutes(self) -> int:
        """The guide's whole day, as its default agenda runs it."""
        return sum(self.parts[key].minutes for key in self.default_agenda)


def load_timing() -> Timing:
    path = content_dir() / "timing.yaml"
    doc = yamlio.load(path, "timing file")
    try:
        return Timing.model_validate(doc.data)
    except ValidationError as exc:
        raise UserError(problems_from(exc, doc, Timing)) from None
