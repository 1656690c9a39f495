"""``schema.yaml``: the help texts of the session file's JSON Schema, a content file like the
others (validated, filled from the fallback, checked by ``workbook check``).

The keys of its ``session``, ``facilitator``, ``partner`` and ``letter`` groups (and of a
reviewed step in ``agenda``) are the session model's own, read from it: a key the session
file gains needs its help text in every language, and ``check`` says so, rather than
``workbook schema`` failing. The agenda's other forms are listed here: a new one needs
its key added, as every content file's model lists its keys.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from workbook.language.model import Text
from workbook.session.model import Facilitator, LetterWords, Partner, ReviewItem, Session

_STRICT = ConfigDict(extra="forbid", frozen=True)


def _texts_for(name: str, model: type[BaseModel]) -> Any:
    fields: dict[str, Any] = {key: (Text, ...) for key in model.model_fields}
    return create_model(name, __config__=_STRICT, **fields)


SessionTexts = _texts_for("SessionTexts", Session)
FacilitatorTexts = _texts_for("FacilitatorTexts", Facilitator)
PartnerTexts = _texts_for("PartnerTexts", Partner)
LetterTexts = _texts_for("LetterTexts", LetterWords)


class _AgendaForms(BaseModel):
    model_config = _STRICT

    part: Text
    part_minutes: Text
    entry: Text
    minutes: Text
    custom: Text
    custom_title: Text
    custom_review: Text
    custom_purpose: Text
    custom_materials: Text
    custom_steps: Text
    step: Text
    step_text: Text
    step_minutes: Text
    day: Text
    day_date: Text
    day_start: Text
    part_title: Text  # {{ title }} and {{ minutes }}: a part's name beside its value


# With a text per key of a reviewed next step ('review_who', ...), from the model too.
AgendaTexts = create_model(
    "AgendaTexts",
    __base__=_AgendaForms,
    **{f"review_{key}": (Text, ...) for key in ReviewItem.model_fields},  # type: ignore[call-overload]
)


class SchemaTexts(BaseModel):
    model_config = _STRICT

    title: Text
    description: Text
    session: SessionTexts  # type: ignore[valid-type]
    facilitator: FacilitatorTexts  # type: ignore[valid-type]
    partner: PartnerTexts  # type: ignore[valid-type]
    letter: LetterTexts  # type: ignore[valid-type]
    agenda: AgendaTexts  # type: ignore[valid-type]
