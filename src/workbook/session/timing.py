"""The guide's clock: each part's minutes and steps, its default agenda, the deadlines before
the day and the limits the agenda is warned about (``content/timing.yaml``, the same in
every language)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

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
    # the step after which the part's own break falls ("120 minutter (inkl. pause)"): the
    # minutes its timed steps leave of the part
    break_after: int | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _every_minute(self) -> PartTiming:
        """The timed steps and the included break are the part's minutes, every one."""
        timed = [m for m in self.steps if m is not None]
        if self.break_after is not None and self.break_after >= len(self.steps):
            raise ValueError("break_after must name a step that has another after it")
        if not timed or len(timed) < len(self.steps):
            return self
        rest = self.minutes - sum(timed)
        if rest < 0 or (rest > 0 and self.break_after is None):
            raise ValueError(
                f"the steps take {sum(timed)} of the part's {self.minutes} minutes: give the "
                "part's own break a place with break_after, or make them add up"
            )
        return self


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
