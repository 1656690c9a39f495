"""The one session file the server works on: read at start, written on Save, nothing else.

The file to save to is fixed when the server starts (SESSION, or a new ``session.yaml`` in
the current folder), never taken from a request. Saving goes through the CLI's atomic
write and refuses to replace a file that changed on disk since the page read it, or one
the user did not name.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.core.errors import Problem, UserError
from workbook.web import form as forms
from workbook.web import session_text

if TYPE_CHECKING:
    from workbook.app.prepare import Prepared
    from workbook.language.loading import Content

NEW_NAME = "session.yaml"
MAX_LOGO = 2 * 1024 * 1024
_FORMATS = {"PNG": ".png", "JPEG": ".jpg"}


class Workspace:
    def __init__(self, session: Path | None, content_dirs: Sequence[Path] = ()) -> None:
        from workbook.core import yamlio
        from workbook.core.resources import data_dir

        self.content_dirs = list(content_dirs)
        self.named = session is not None  # the user named the file: Save may replace it
        self.target = session if session is not None else _free_name(Path.cwd())
        self._lock = threading.Lock()
        self._contents: dict[str, Content] = {}
        self._upload: tuple[str, bytes] | None = None
        self._on_disk: str | None = None  # the file's text as last read or written here
        if session is not None and session.exists():
            self._on_disk = yamlio.read_text(session, "session file")
            self.base = self._on_disk
        else:
            self.base = (data_dir("examples") / "session.yaml").read_text("utf-8")
        start = yamlio.parse(self.base, self.target).data
        self._initial = start if isinstance(start, dict) else {}
        logo = self._initial.get("host_logo")
        self.logo_name: str | None = str(logo) if logo else None

    @property
    def saved_before(self) -> bool:
        return self._on_disk is not None

    def data(self) -> dict[str, Any]:
        """The session as the page first shows it, in the form's shape."""
        start = self._initial
        data: dict[str, Any] = {
            key: _text(start[key]) for key in forms.TOP if start.get(key) is not None
        }
        facilitator = start.get("facilitator")
        data["facilitator"] = (
            {k: _text(v) for k, v in facilitator.items() if v is not None}
            if isinstance(facilitator, dict)
            else {}
        )
        partners = _spreadsheet(start.get("partners"), self.target)
        data["partners"] = [
            {k: _text(v) for k, v in p.items() if v is not None}
            for p in (partners if isinstance(partners, list) else [])
            if isinstance(p, dict)
        ]
        agenda = start.get("agenda")
        data["agenda"] = list(agenda) if isinstance(agenda, list) else []
        leave_out = start.get("leave_out")
        if isinstance(leave_out, list):
            data["leave_out"] = [str(key) for key in leave_out]
        return data

    def complete(self, data: dict[str, Any]) -> dict[str, Any]:
        """``data`` with what the page does not post: the logo's name, and an empty agenda
        left out (the guide's whole day, as in a file without 'agenda:'). Keys the form has
        no input for are kept from the file by ``session_text.to_yaml``."""
        full = dict(data)
        if self.logo_name:
            full["host_logo"] = self.logo_name
        if not full.get("agenda"):
            full.pop("agenda", None)
        return full

    def text(self, data: dict[str, Any]) -> str:
        return session_text.to_yaml(self.complete(data), self.base)

    def prepare(self, data: dict[str, Any], paper: str | None) -> Prepared:
        """The session the form describes, read and timed by the CLI's own pipeline."""
        from workbook.app.prepare import prepare
        from workbook.core import yamlio

        doc = yamlio.parse(self.text(data), self.target)
        return prepare(self.target, None, self.content_dirs, False, paper, doc)

    def content(self, code: str | None) -> Content:
        """A language's words for the page itself, Danish when the code is not one."""
        from workbook.language.folders import REFERENCE
        from workbook.language.loading import load_content

        key = code or REFERENCE
        if key not in self._contents:
            try:
                self._contents[key] = load_content(key, self.content_dirs)
            except UserError:
                if key == REFERENCE:
                    raise
                return self.content(REFERENCE)
        return self._contents[key]

    def take_logo(self, filename: str, image: bytes) -> list[Problem]:
        """Keep an uploaded logo in memory, once it is known to be a PNG or JPEG image."""
        from workbook.files.outputs import safe_name
        from workbook.session.logo import BadLogo, inspect_logo

        field = "host_logo"
        if len(image) > MAX_LOGO:
            limit = MAX_LOGO // (1024 * 1024)
            return [
                Problem(
                    f"is larger than {limit} MiB",
                    field=field,
                    key="logo_bytes",
                    values=(("limit", limit),),
                )
            ]
        try:  # the same check as the command line's for 'host_logo:'
            kind = inspect_logo(io.BytesIO(image), filename)
        except BadLogo as bad:
            values = tuple(bad.values.items())
            return [Problem(bad.message, field=field, hint=bad.hint, key=bad.key, values=values)]
        if kind not in _FORMATS:
            return [
                Problem(
                    f"{filename} is not a PNG or JPEG image",
                    field=field,
                    key="logo_kind",
                    values=(("name", filename),),
                )
            ]
        name = safe_name(Path(filename).stem, "logo") + _FORMATS[kind]
        self._upload = (name, image)
        self.logo_name = name
        return []

    def drop_logo(self) -> None:
        self._upload = None
        self.logo_name = None

    def logo_bytes(self) -> bytes | None:
        return self._upload[1] if self._upload else None

    def save(self, data: dict[str, Any]) -> Path:
        """Write the session file (and an uploaded logo beside it), whole or not at all."""
        from workbook.files.outputs import write_atomically

        with self._lock:
            if not self.named and not self.saved_before:
                self.target = _free_name(self.target.parent)
            self._check_unchanged()
            if self._upload is not None:
                self._save_logo()
            text = self.text(data)
            write_atomically(self.target, lambda out: out.write(text.encode("utf-8")))
            self._on_disk = self.base = text
            return self.target

    def _check_unchanged(self) -> None:
        try:
            current: str | None = self.target.read_text("utf-8-sig")
        except FileNotFoundError:
            current = None
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(
                Problem(f"cannot be read to check it before saving: {exc}", file=self.target)
            ) from None
        if current is not None and current != self._on_disk:
            raise UserError(
                Problem(
                    "was changed by another program since this page read it; not replaced",
                    file=self.target,
                    hint="Reload the page to start from the file as it is now, or copy your "
                    "changes into the file by hand.",
                    key="changed_meanwhile",
                )
            )

    def _save_logo(self) -> None:
        from workbook.files.outputs import write_atomically

        assert self._upload is not None
        name, image = self._upload
        folder = self.target.parent
        path, number = folder / name, 1
        while path.exists() and path.read_bytes() != image:  # never replace another image
            number += 1
            path = folder / f"{Path(name).stem}-{number}{Path(name).suffix}"
        if not path.exists():
            write_atomically(path, lambda out: out.write(image))
        self.logo_name = path.name


def _spreadsheet(partners: Any, target: Path) -> Any:
    """``partners: partnere.csv`` read into the form's rows (Save then writes them into the
    session file); a spreadsheet with problems shows no rows, and its problems on update."""
    if not isinstance(partners, str):
        return partners
    from workbook.session.partners_file import is_partners_file, read_partners

    if not is_partners_file(partners):
        return []
    try:
        return read_partners(target.parent / partners.strip(), partners.strip()).partners
    except UserError:
        return []


def _free_name(folder: Path) -> Path:
    """``session.yaml`` in ``folder``, or the first ``session-N.yaml`` not taken."""
    path, number = folder / NEW_NAME, 1
    while path.exists():
        number += 1
        path = folder / f"session-{number}.yaml"
    return path


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)
