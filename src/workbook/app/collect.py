"""``workbook collect SESSION LETTER...``: the partners' filled-in letters read into the
replies file beside the session (``session/replies.py``).

Every letter is told in one line: read, updated, unchanged, or why not (another session's,
not filled in, flattened or scanned, damaged, a second letter for one partner); the others
are still read. Running it again with newer letters updates those partners' answers and
nothing else; the session file is only read.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbook.app.letter_form import (
    MAX_BYTES,
    LetterForm,
    PdfForms,
    Unreadable,
    choice,
    is_on,
    read_many,
)
from workbook.app.messages import Messages
from workbook.core.errors import Problem, UserError
from workbook.files.outputs import check_outputs, write_files
from workbook.session.model import Session, load_session
from workbook.session.replies import (
    ATTEND,
    DECLINE,
    Replies,
    Reply,
    belongs,
    dump,
    load_replies,
    matched,
    parse_identifier,
    partner_index,
    replies_path,
)


@dataclass(frozen=True)
class Letter:
    """A returned letter: its name as given, its bytes and when it was saved."""

    name: str
    data: bytes
    saved: dt.datetime


@dataclass(frozen=True)
class Taken:
    """A letter taken in (or found to say what was collected before): told in one line, in
    the language of whoever reads it (``said``)."""

    letter: str
    partner: str
    attending: bool | None
    verb: str  # "read", "updated" or "unchanged": the end of its ``say.letter_<verb>`` key

    def said(self, said: Messages) -> str:
        values = {"file": self.letter, "name": self.partner}
        if self.verb == "unchanged":
            english = f"{self.letter}: {self.partner}: unchanged"
            return said.say("letter_unchanged", english, **values)
        answer = _said(self.attending, said)
        english = f"{self.letter}: {self.partner}: {answer}; {self.verb}"
        return said.say(f"letter_{self.verb}", english, answer=answer, **values)


@dataclass
class Outcome:
    replies_file: Path
    read: list[Taken] = field(default_factory=list)  # one per letter taken in
    notes: list[Problem] = field(default_factory=list)  # letters left, for a reason told
    problems: list[Problem] = field(default_factory=list)  # letters that could not be read
    written: bool = False
    replies: Replies = field(default_factory=Replies)
    waiting: list[str] = field(default_factory=list)  # partners who have not replied

    @property
    def counts(self) -> dict[str, int]:
        """The replies counted, as ui.yaml's ``say.replies`` names them."""
        answers = self.replies.replies
        coming = sum(1 for r in answers if r.attending)
        declined = sum(1 for r in answers if r.attending is False)
        silent = len(answers) - coming - declined
        return {"count": len(answers), "coming": coming, "declined": declined, "silent": silent}

    @property
    def summary(self) -> str:
        n = self.counts
        return (
            f"{n['count']} repl{'y' if n['count'] == 1 else 'ies'}: {n['coming']} will come, "
            f"{n['declined']} cannot, {n['silent']} did not say"
        )


def letters_from(paths: Sequence[Path]) -> tuple[list[Letter], list[Problem]]:
    """The letters named (a folder: every PDF in it), read; those that cannot be, told."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".pdf")
            if not found:
                problems.append(Problem("is a folder without PDF files", file=path, key="no_pdfs"))
            files += found
        else:
            files.append(path)
    letters = []
    for path in files:
        try:
            info = path.stat()
            if not path.is_file():
                raise IsADirectoryError
            if info.st_size > MAX_BYTES:
                problems.append(
                    Problem(
                        f"is {info.st_size // (1024 * 1024)} MiB; a letter is far smaller",
                        file=path,
                        hint="Is this the right file?",
                        key="letter_huge",
                        values=(("size", info.st_size // (1024 * 1024)),),
                        hint_key="right_file",
                    )
                )
                continue
            data = path.read_bytes()
        except FileNotFoundError:
            problems.append(
                Problem("no such file", file=path, hint="Check the path.", key="no_file")
            )
            continue
        except IsADirectoryError:
            problems.append(Problem("is not a regular file", file=path, key="not_a_file"))
            continue
        except OSError as exc:
            problems.append(
                Problem(
                    f"cannot be read: {exc.strerror}",
                    file=path,
                    key="cannot_read",
                    values=(("reason", str(exc.strerror or exc)),),
                )
            )
            continue
        saved = dt.datetime.fromtimestamp(info.st_mtime).replace(microsecond=0)
        letters.append(Letter(str(path), data, saved))
    return letters, problems


def collect(
    session_path: Path,
    letters: Sequence[Letter],
    inputs: Sequence[Path] = (),
    write: bool = True,
) -> Outcome:
    """Read ``letters`` into the replies file beside ``session_path``."""
    session, _ = load_session(session_path)
    path = replies_path(session_path)
    before = load_replies(path) or Replies()  # a file with mistakes stops here, untouched
    outcome = Outcome(path)
    found: dict[int, list[tuple[Letter, Reply]]] = {}
    forms = read_many([letter.data for letter in letters])
    for letter, form in zip(letters, forms, strict=True):
        for index, reply in _read(letter, form, session, session_path, outcome):
            found.setdefault(index, []).append((letter, reply))
    by_partner, stray = matched(before, session)
    changed = False
    for index, candidates in sorted(found.items()):
        chosen, reply = _newest(candidates, session, outcome)
        name = session.partners[index].name
        old = by_partner.get(index)
        if old is not None and _answers(old) == _answers(reply):
            outcome.read.append(Taken(chosen.name, name, reply.attending, "unchanged"))
            continue
        if old and old.saved and reply.saved and reply.saved < old.saved:
            outcome.notes.append(
                Problem(
                    f"is older ({reply.saved:%Y-%m-%d %H:%M}) than the letter from {name} "
                    f"collected before ({old.saved:%Y-%m-%d %H:%M}, {old.letter}); "
                    "that one is kept",
                    file=Path(chosen.name),
                    key="letter_older",
                    values=(
                        ("saved", f"{reply.saved:%Y-%m-%d %H:%M}"),
                        ("name", name),
                        ("before", f"{old.saved:%Y-%m-%d %H:%M}"),
                        ("letter", str(old.letter)),
                    ),
                )
            )
            continue
        verb = "updated" if old is not None else "read"
        outcome.read.append(Taken(chosen.name, name, reply.attending, verb))
        by_partner[index] = reply
        changed = True
    outcome.replies = Replies(replies=[by_partner[i] for i in sorted(by_partner)] + stray)
    outcome.waiting = [p.name for i, p in enumerate(session.partners) if i not in by_partner]
    if changed and write:
        check_outputs([path], [session_path, *inputs, *(Path(x.name) for x in letters)])
        write_files({path: dump(outcome.replies).encode("utf-8")})
        outcome.written = True
    return outcome


def _read(
    letter: Letter,
    forms: PdfForms | Unreadable,
    session: Session,
    session_path: Path,
    outcome: Outcome,
) -> list[tuple[int, Reply]]:
    """The replies in one file (a combined PDF may hold several), each with its partner."""
    where = Path(letter.name)
    if isinstance(forms, Unreadable):
        outcome.problems.append(Problem(forms.message, file=where, hint=forms.hint, key=forms.key))
        return []
    if not forms.letters:
        outcome.problems.append(_no_form(forms, session, where, outcome.replies_file))
        return []
    replies = []
    for form in forms.letters:
        identity = parse_identifier(form.identifier)
        if identity is None:
            outcome.problems.append(
                Problem(
                    "has a letter's fields but no identifier: it was not made by 'workbook "
                    "invitations --fillable' of this version, or its fields were copied",
                    file=where,
                    hint="Type its answers into the replies file by hand.",
                    key="no_identifier",
                )
            )
            continue
        if not belongs(identity, session, session_path):
            title = f"'{identity.title}' " if identity.title else ""
            outcome.problems.append(
                Problem(
                    f"is a letter for another session ({title}on {identity.date}, to "
                    f"{identity.partner}); this session is "
                    f"{(repr(session.title) + ' ') if session.title else ''}on "
                    f"{session.date.isoformat()}",
                    file=where,
                    hint="Collect it into the session file it was made from.",
                    key="other_session",
                    values=(
                        ("title", identity.title or ""),
                        ("date", str(identity.date)),
                        ("partner", identity.partner),
                        ("this_title", session.title or ""),
                        ("this_date", session.date.isoformat()),
                    ),
                )
            )
            continue
        index = partner_index(identity, session)
        if index is None:
            outcome.problems.append(
                Problem(
                    f"is the letter to {identity.partner} ({identity.organisation}), who is "
                    "not among this session's partners any more",
                    file=where,
                    hint="Add the partner to the session again, or correct the name, and "
                    "collect again.",
                    key="partner_gone",
                    values=(
                        ("partner", identity.partner),
                        ("organisation", identity.organisation),
                    ),
                )
            )
            continue
        reply = _reply(form, session, index, letter)
        if not reply.anything:
            outcome.notes.append(
                Problem(
                    f"the letter to {session.partners[index].name} is not filled in: "
                    "nothing ticked or written; skipped",
                    file=where,
                    key="letter_blank",
                    values=(("partner", session.partners[index].name),),
                )
            )
            continue
        replies.append((index, reply))
    return replies


def _no_form(forms: PdfForms, session: Session, where: Path, replies_file: Path) -> Problem:
    if forms.other_fields:
        return Problem(
            "is a PDF form, but not an invitation letter's",
            file=where,
            hint="Is this the right file?",
            key="other_form",
            hint_key="right_file",
        )
    names = [p.name for p in session.partners if p.name in forms.text]
    whose = f" (the letter to {names[0]}?)" if len(names) == 1 else ""
    what = (
        "has no form fields left: it was printed to PDF or flattened"
        if forms.has_text
        else "has no form fields and no text: a scan or a photo"
    )
    return Problem(
        f"{what}{whose}; its answers cannot be read",
        file=where,
        hint=f"Read it and type the answers into {replies_file.name} by hand, or ask for "
        "the filled-in letter itself.",
        key="flattened" if forms.has_text else "scanned",
        values=(("whose", names[0] if len(names) == 1 else ""), ("file", replies_file.name)),
        hint_key="no_fields",
    )


def _reply(form: LetterForm, session: Session, index: int, letter: Letter) -> Reply:
    fields = form.fields
    partner = session.partners[index]

    def texts(prefix: str) -> list[str]:
        numbered = sorted(
            (int(name.rsplit("_", 1)[1]), item)
            for name, item in fields.items()
            if name.startswith(prefix) and name.rsplit("_", 1)[1].isdigit()
        )
        values = [item.value.strip() for _, item in numbered]
        while values and not values[-1]:
            values.pop()
        return values

    other_field = fields.get("resource_other")
    other_label = other_field.tooltip if other_field is not None else ""
    ticked, other_ticked = [], False
    for name in sorted(
        (n for n in fields if n.startswith("resource_") and n[9:].isdigit()),
        key=lambda n: int(n[9:]),
    ):
        item = fields[name]
        if not is_on(item):
            continue
        if other_label and item.tooltip == other_label:
            other_ticked = True
        else:
            ticked.append(item.tooltip or name)
    other = other_field.value.strip() if other_field is not None else ""
    if other_ticked and not other:
        ticked.append(other_label.rstrip(" :"))
    reply_field = fields.get("reply")
    chosen = choice(reply_field, [ATTEND, DECLINE]) if reply_field is not None else None
    resources_text = "\n\n".join(t for t in texts("resources_") if t)
    catering = "\n".join(t for t in texts("reply_field_") if t)
    return Reply(
        partner=partner.name,
        organisation=partner.organisation,
        attending=None if chosen is None else chosen == ATTEND,
        resources=ticked,
        resources_other=other or None,
        resources_text=resources_text or None,
        mandate=texts("mandate_"),
        documentation=texts("documentation_"),
        catering=catering or None,
        letter=os.path.basename(letter.name),
        saved=letter.saved,
    )


def _newest(
    candidates: list[tuple[Letter, Reply]], session: Session, outcome: Outcome
) -> tuple[Letter, Reply]:
    """Of several letters for one partner in one run, the newest (the one named last when
    they were saved at the same time); each other one is told."""
    ordered = sorted(enumerate(candidates), key=lambda item: (item[1][1].saved, item[0]))
    _, (letter, reply) = ordered[-1]
    for _, (other, other_reply) in ordered[:-1]:
        same = _answers(other_reply) == _answers(reply)
        outcome.notes.append(
            Problem(
                f"is a second letter for {reply.partner} (also {letter.name}); "
                + ("it gives the same answers" if same else "the newer one is read"),
                file=Path(other.name),
                key="second_same" if same else "second_newer",
                values=(("partner", reply.partner), ("letter", letter.name)),
            )
        )
    return letter, reply


def _answers(reply: Reply) -> dict[str, object]:
    return reply.model_dump(exclude={"letter", "saved"})


def _said(attending: bool | None, said: Messages) -> str:
    if attending is None:
        return said.say("answer_unsaid", "answered, without saying whether they come")
    if attending:
        return said.say("answer_coming", "will come")
    return said.say("answer_not_coming", "cannot come")


def refuse_if_no_letters(letters: Sequence[Letter], problems: list[Problem]) -> None:
    if not letters and problems:
        raise UserError(problems)
