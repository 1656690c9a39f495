"""The partners' answers to their invitation letters, kept beside the session file.

``workbook collect`` reads the filled letters into ``<session>.replies.yaml`` (beside
``<session>.yaml``); the pack reads that file when it is there. The session file itself is
never written: it is the facilitator's, comments and all.

Each letter carries an identifier in a hidden form field (``letter_identifier``), so a
letter is matched to its session and partner by what it says, never by its file name. A
letter belongs to this session if it was made from this session file (wherever it was
opened from) or for a session with the same date, title, host and facilitator (the same
session file, moved); a partner by name and organisation, namesakes by their place among
the namesakes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from workbook.core import yamlio
from workbook.core.errors import Problem, UserError
from workbook.core.validation import problems_from
from workbook.session.model import Partner, Session

SUFFIX = ".replies.yaml"
# The reply's two choices, as the letter's radio group exports them.
ATTEND, DECLINE = "attend", "decline"
MARK = "workbook-letter:"  # the identifier field's value starts so
VERSION = 1

Answer = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]


# The planning deadline the answers are wanted by, unless the session sets ``reply_by:``:
# the partners' resources and mandates clarified (content/timing.yaml, days before).
REPLY_DEADLINE = "mandates"


def reply_by(session: Session, deadlines: dict[str, int]) -> dt.date:
    if session.reply_by is not None:
        return session.reply_by
    return session.date - dt.timedelta(days=deadlines.get(REPLY_DEADLINE, 7))


def replies_path(session_path: Path) -> Path:
    """``session.yaml`` -> ``session.replies.yaml``, in the same folder."""
    return session_path.with_name(session_path.stem + SUFFIX)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reply(_Strict):
    """One partner's answers, as their letter gave them (a person may correct them here)."""

    partner: Short
    organisation: Short
    attending: bool | None = None  # None: the letter does not say
    resources: list[Short] = []  # the kinds of resources ticked, as the letter named them
    resources_other: Answer | None = None  # the "other" kind, written on its line
    resources_text: Answer | None = None  # which, how many, on what conditions
    mandate: list[Answer] = []
    documentation: list[Answer] = []  # an answer per question of the letter, in order
    catering: Answer | None = None
    letter: Short | None = None  # the file it was read from
    saved: dt.datetime | None = None  # the letter file's modification time: newer wins

    @property
    def anything(self) -> bool:
        """Whether the partner answered anything at all."""
        texts = [self.resources_other, self.resources_text, self.catering]
        texts += [*self.mandate, *self.documentation]
        return self.attending is not None or bool(self.resources) or any(texts)


class Replies(_Strict):
    replies: list[Reply] = Field(default=[], max_length=1000)


HEADER = """\
# The partners' answers from their invitation letters, written by 'workbook collect'.
# The pack shows them ("Before the session", the contribution circles, the record).
# You may correct or add an answer here by hand; collecting a newer letter from the
# same partner replaces that partner's entry, and nothing else.
"""


# libyaml's emitter where PyYAML has it (four times as fast for 200 replies), else Python's
_Base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[misc,valid-type]
    """Answers of several lines as blocks (``|``), as a person would write them."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def dump(replies: Replies) -> str:
    """The replies file's text: stable (the same answers give the same bytes) and readable."""
    entries = []
    for reply in replies.replies:
        entry = reply.model_dump(exclude_defaults=True)
        entry = {"partner": reply.partner, "organisation": reply.organisation, **entry}
        if reply.saved is not None:  # read back as text, which the model parses
            entry["saved"] = reply.saved.isoformat(sep=" ")
        entries.append(entry)
    body = yaml.dump(
        {"replies": entries}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=90
    )
    return HEADER + body


def load_replies(path: Path) -> Replies | None:
    """The replies beside a session, None if there are none yet; problems located."""
    if not path.exists():
        return None
    doc = yamlio.load(path, "replies file")
    if doc.data is None:
        return Replies()
    try:
        return Replies.model_validate(doc.data)
    except ValidationError as exc:
        raise UserError(problems_from(exc, doc, Replies)) from None


# Identity: which session and partner a letter was made for.


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def file_key(session_path: Path) -> str:
    """The session file, wherever it is opened from (a re-sent letter after the date moved
    still belongs to it)."""
    return _digest("file", str(session_path.resolve()))


def session_key(session: Session) -> str:
    """What the session is: its date, title, host and facilitator."""
    return _digest(
        "session",
        session.date.isoformat(),
        session.title or "",
        session.host or "",
        session.facilitator.name,
    )


def _same(partner: Partner) -> tuple[str, str]:
    return (partner.name.casefold(), partner.organisation.casefold())


def namesake_number(partners: list[Partner], index: int) -> int:
    """1 for a partner's first namesake (same name and organisation), 2 for the second, ..."""
    own = _same(partners[index])
    return sum(1 for other in partners[: index + 1] if _same(other) == own)


def identifier(session: Session, session_path: Path, index: int) -> str:
    """The hidden field's value: plain ASCII (JSON), which every viewer keeps as it is."""
    partner = session.partners[index]
    facts = {
        "v": VERSION,
        "file": file_key(session_path),
        "session": session_key(session),
        "date": session.date.isoformat(),
        "title": session.title or "",
        "partner": partner.name,
        "organisation": partner.organisation,
        "n": namesake_number(list(session.partners), index),
    }
    return MARK + json.dumps(facts, ensure_ascii=True, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class LetterIdentity:
    file: str
    session: str
    date: str
    title: str
    partner: str
    organisation: str
    n: int


def parse_identifier(value: str) -> LetterIdentity | None:
    """The facts in an identifier field, None if it is not one of ours."""
    if not value.startswith(MARK):
        return None
    try:
        facts: Any = json.loads(value[len(MARK) :])
        return LetterIdentity(
            file=str(facts["file"]),
            session=str(facts["session"]),
            date=str(facts["date"]),
            title=str(facts["title"]),
            partner=str(facts["partner"]),
            organisation=str(facts["organisation"]),
            n=int(facts["n"]),
        )
    except (ValueError, KeyError, TypeError):
        return None


def belongs(identity: LetterIdentity, session: Session, session_path: Path) -> bool:
    return identity.file == file_key(session_path) or identity.session == session_key(session)


def partner_index(identity: LetterIdentity, session: Session) -> int | None:
    """The partner a letter was made for, by name and organisation (namesakes by number);
    by name alone when the organisation was corrected since and the name is unique."""
    wanted = (identity.partner.casefold(), identity.organisation.casefold())
    partners = list(session.partners)
    same = [i for i, p in enumerate(partners) if _same(p) == wanted]
    if same:
        return same[min(identity.n, len(same)) - 1] if identity.n >= 1 else same[0]
    by_name = [i for i, p in enumerate(partners) if p.name.casefold() == wanted[0]]
    return by_name[0] if len(by_name) == 1 else None


def reply_index(reply: Reply, session: Session, taken: set[int]) -> int | None:
    """The partner a stored reply is for: name and organisation, else a unique name."""
    partners = list(session.partners)
    key = (reply.partner.casefold(), reply.organisation.casefold())
    for index, partner in enumerate(partners):
        if _same(partner) == key and index not in taken:
            return index
    by_name = [i for i, p in enumerate(partners) if p.name.casefold() == key[0]]
    return by_name[0] if len(by_name) == 1 and by_name[0] not in taken else None


def matched(replies: Replies, session: Session) -> tuple[dict[int, Reply], list[Reply]]:
    """Each partner's reply by their place in the session, and the replies for nobody in
    it any more (a partner removed or renamed since)."""
    found: dict[int, Reply] = {}
    stray = []
    for reply in replies.replies:
        index = reply_index(reply, session, set(found))
        if index is None:
            stray.append(reply)
        else:
            found[index] = reply
    return found, stray


def stray_problems(stray: list[Reply], path: Path) -> list[Problem]:
    return [
        Problem(
            f"the reply from {reply.partner} ({reply.organisation}) is for no partner of the "
            "session any more; it is not shown",
            file=path,
            hint="Correct the name in the replies file, or delete the entry.",
        )
        for reply in stray
    ]
