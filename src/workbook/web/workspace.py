"""The one session file the server works on, read afresh for every page, and saved only
over the version of it the page was made from.

The file to save to is fixed when the server starts (SESSION, or a new ``session.yaml`` in
the current folder), never taken from a request. Every page carries the version (a hash of
the bytes) it shows; Save is a compare-and-swap on those bytes (``files.saving``), so a
save from a second tab or over an editor's change is refused, and the page shows both.
A logo uploaded on the page is kept in memory until Save, then written beside the file,
never over another file; if the session file cannot be saved, the logo is taken back.
"""

from __future__ import annotations

import codecs
import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.core.errors import Problem, UserError
from workbook.files.saving import (
    ABSENT,
    Changed,
    create_new,
    read_regular,
    remove_if_same,
    replace_if_unchanged,
    version_of,
)
from workbook.web import session_text
from workbook.web.reading import FileData, file_data

if TYPE_CHECKING:
    from workbook.app.prepare import Prepared
    from workbook.core.yamlio import Document
    from workbook.language.loading import Content

NEW_NAME = "session.yaml"
MAX_LOGO = 2 * 1024 * 1024
MAX_SESSION = 2 * 1024 * 1024  # as core.yamlio reads at most
_FORMATS = {"PNG": ".png", "JPEG": ".jpg"}
_KEPT_TEXTS = 32  # versions remembered, to merge a save with what changed since
_KEPT_UPLOADS = 8


@dataclass
class Current:
    """The session file as it is now: its version, its text, and what the page can show."""

    version: str
    text: str
    exists: bool
    doc: Document | None = None
    found: FileData | None = None
    problems: list[Problem] = field(default_factory=list)  # why it cannot be shown
    crlf: bool = False
    bom: bool = False


class Conflict(Exception):
    """The file changed since the page read it: the save is refused and both are shown."""

    def __init__(self, current: Current) -> None:
        super().__init__("the session file changed on disk")
        self.current = current


@dataclass(frozen=True)
class Upload:
    name: str
    image: bytes


class Workspace:
    def __init__(self, session: Path | None, content_dirs: Sequence[Path] = ()) -> None:
        self.content_dirs = list(content_dirs)
        self.named = session is not None  # the user named the file: Save may replace it
        self.target = session if session is not None else _free_name(Path.cwd())
        self.saved_before = session is not None and session.exists()
        self._lock = threading.Lock()
        self._contents: dict[str, Content] = {}
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._uploads: OrderedDict[str, Upload] = OrderedDict()
        start = self.current()
        if start.problems:  # told at start, as the command line tells a broken file
            raise UserError(start.problems)

    # -- reading ------------------------------------------------------------------------

    def current(self) -> Current:
        """The file read now (the example, for a file not written yet)."""
        from workbook.core.resources import data_dir

        if not self.saved_before and not self.target.exists():
            text = (data_dir("examples") / "session.yaml").read_text("utf-8")
            return self._parsed(Current(ABSENT, text, exists=False))
        try:
            raw = read_regular(self.target, MAX_SESSION, "session file")
        except UserError as exc:
            return Current("?", "", exists=True, problems=exc.problems)
        if raw is None:
            return Current(ABSENT, "", exists=False, problems=[_gone(self.target)])
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            problem = Problem("is not UTF-8 text", file=self.target, line=line, key="not_utf8")
            return Current(version_of(raw), "", exists=True, problems=[problem])
        current = Current(
            version_of(raw),
            text.replace("\r\n", "\n"),
            exists=True,
            crlf=b"\r\n" in raw,
            bom=raw.startswith(codecs.BOM_UTF8),
        )
        return self._parsed(current)

    def _parsed(self, current: Current) -> Current:
        from workbook.core import yamlio

        try:
            doc = yamlio.parse(current.text, self.target)
        except UserError as exc:
            current.problems = exc.problems
            return current
        if not isinstance(doc.data, dict):  # a list or a word: never shown as an empty form
            current.problems = [
                Problem(
                    "is not a session file: it must be a mapping of keys such as 'date:' "
                    "and 'partners:'",
                    file=self.target,
                    line=1,
                    key="not_a_session",
                )
            ]
            return current
        current.doc, current.found = doc, file_data(doc)
        self.remember(current.version, current.text)
        return current

    def remember(self, version: str, text: str) -> None:
        self._texts[version] = text
        self._texts.move_to_end(version)
        while len(self._texts) > _KEPT_TEXTS:
            self._texts.popitem(last=False)

    def text_at(self, version: str) -> str | None:
        """The file's text at ``version``, if this server has seen it."""
        return self._texts.get(version)

    def found_at(self, version: str, current: Current) -> FileData | None:
        """What the page read from the file at ``version`` (its unknown keys, its logo)."""
        from workbook.core import yamlio

        if version == current.version:
            return current.found
        text = self.text_at(version)
        if text is None:
            return None
        try:
            doc = yamlio.parse(text, self.target)
        except UserError:
            return None
        return file_data(doc) if isinstance(doc.data, dict) else None

    # -- the session as the form describes it --------------------------------------------

    def text(self, data: dict[str, Any], base: str, logo: str | None, drop: Sequence[str]) -> str:
        """The file's text with the form's data in it, keeping ``base``'s comments.

        An empty agenda is left out (the guide's whole day, as in a file without it)."""
        full = dict(data)
        if logo:
            full["host_logo"] = logo
        if not full.get("agenda"):
            full.pop("agenda", None)
        return session_text.to_yaml(full, base, drop)

    def prepare(self, text: str, paper: str | None) -> Prepared:
        """The session a text describes, read and timed by the CLI's own pipeline."""
        from workbook.app.prepare import prepare
        from workbook.core import yamlio

        doc = yamlio.parse(text, self.target)
        return prepare(self.target, None, self.content_dirs, False, paper, doc)

    def content(self, code: str | None) -> Content:
        """A language's words for the page itself, Danish when the code is not one."""
        from workbook.language.folders import REFERENCE
        from workbook.language.loading import load_content

        key = code if isinstance(code, str) and code else REFERENCE
        if key not in self._contents:
            try:
                self._contents[key] = load_content(key, self.content_dirs)
            except UserError:
                if key == REFERENCE:
                    raise
                return self.content(REFERENCE)
        return self._contents[key]

    # -- the logo -------------------------------------------------------------------------

    def take_logo(self, filename: str, image: bytes) -> tuple[str | None, list[Problem]]:
        """An uploaded logo kept in memory (a token for the form), once it is known to be a
        PNG or JPEG image whose pixels decode."""
        from workbook.files.outputs import safe_name

        problems = check_image(image, filename)
        if problems:
            return None, problems
        kind = _kind(image)
        name = safe_name(Path(filename).stem, "logo") + _FORMATS[kind]
        token = version_of(image)
        self._uploads[token] = Upload(name, image)
        self._uploads.move_to_end(token)
        while len(self._uploads) > _KEPT_UPLOADS:
            self._uploads.popitem(last=False)
        return token, []

    def upload(self, token: str) -> Upload | None:
        return self._uploads.get(token) if token else None

    def logo_file(self, name: str | None) -> tuple[bytes | None, list[Problem]]:
        """The bytes of the logo the file names, checked as an upload is; never a FIFO."""
        if not name:
            return None, []
        path = self.target.parent / name
        try:
            image = read_regular(path, MAX_LOGO, "logo")
        except UserError as exc:
            inner = exc.problems[0]  # said in the page's language with the logo's name
            return None, [
                Problem(
                    f"{name}: {inner.message}",
                    field="host_logo",
                    key="logo_file",
                    values=(("name", name), ("problem", inner)),
                )
            ]
        if image is None:
            return None, [
                Problem(
                    f"the logo file {path} does not exist",
                    field="host_logo",
                    key="logo_missing",
                    values=(("path", str(path)),),
                )
            ]
        return image, check_image(image, name)

    def logo_version(self, found: FileData | None) -> str:
        """The version of the logo the file names, to notice it change on disk."""
        if found is None or not found.logo:
            return ABSENT
        try:
            return version_of(read_regular(self.target.parent / found.logo, MAX_LOGO, "logo"))
        except UserError:
            return "?"

    # -- saving ---------------------------------------------------------------------------

    def save(
        self, make_text: Callable[[str | None], str], version: str, upload: Upload | None
    ) -> tuple[Path, str]:
        """Write the session file (and an uploaded logo beside it), whole or not at all, if
        the file is still at ``version``; else ``Conflict`` with the file as it is now.

        ``make_text(logo)`` is the file's text naming the logo as written (another name
        than the upload's if that one is taken). Returns the path and the new version.
        """
        with self._lock:
            if not self.named and not self.saved_before and version == ABSENT:
                self.target = _free_name(self.target.parent)
            current = self.current()
            if current.version != version:
                raise Conflict(current)
            if current.exists and current.doc is None:  # never replace what cannot be read
                raise UserError(current.problems)
            written, created = self._save_logo(upload) if upload else (None, False)
            try:
                text = make_text(written.name if written else None)
                body = text.replace("\n", "\r\n") if current.crlf else text
                raw = (codecs.BOM_UTF8 if current.bom else b"") + body.encode("utf-8")
                replace_if_unchanged(self.target, version, raw, MAX_SESSION)
            except BaseException as exc:
                if created and written is not None and upload is not None:
                    remove_if_same(written, upload.image)  # the logo goes with the save
                if isinstance(exc, Changed):
                    raise Conflict(self.current()) from None
                raise
            self.saved_before = True
            saved = version_of(raw)
            self.remember(saved, text)
            return self.target, saved

    def _save_logo(self, upload: Upload) -> tuple[Path, bool]:
        """The uploaded logo beside the session file: its name, or the first free variant;
        a file already holding these very bytes is used as it is."""
        folder = self.target.parent
        stem, suffix = Path(upload.name).stem, Path(upload.name).suffix
        for number in range(1, 1000):
            path = folder / (upload.name if number == 1 else f"{stem}-{number}{suffix}")
            if create_new(path, upload.image):
                return path, True
            try:
                if not path.is_symlink() and read_regular(path, MAX_LOGO) == upload.image:
                    return path, False
            except UserError:
                continue  # a folder or a FIFO of that name: take the next name
        raise UserError(
            Problem(
                "no free name for the logo beside the session file", file=folder, key="logo_no_name"
            )
        )


def check_image(image: bytes, name: str) -> list[Problem]:
    """The command line's check for 'host_logo:', then every pixel decoded, so an image
    that only looks like one is refused here rather than when a letter is drawn."""
    from PIL import Image

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
    try:
        kind = inspect_logo(io.BytesIO(image), name)
    except BadLogo as bad:
        values = tuple(bad.values.items())
        return [Problem(bad.message, field=field, hint=bad.hint, key=bad.key, values=values)]
    if kind not in _FORMATS:
        return [
            Problem(
                f"{name} is not a PNG or JPEG image",
                field=field,
                key="logo_kind",
                values=(("name", name),),
            )
        ]
    try:
        with Image.open(io.BytesIO(image)) as opened:
            opened.load()
    except Exception:  # Pillow raises many kinds for broken pixel data: said as unreadable
        return [
            Problem(
                f"{name} is not an image workbook can read",
                field=field,
                hint="Use a PNG or JPEG file.",
                key="logo_not_image",
                values=(("name", name),),
            )
        ]
    return []


def _kind(image: bytes) -> str:
    from PIL import Image

    with Image.open(io.BytesIO(image)) as opened:
        return str(opened.format)


def _gone(path: Path) -> Problem:
    return Problem("the session file is no longer there", file=path, key="session_gone")


def _free_name(folder: Path) -> Path:
    """``session.yaml`` in ``folder``, or the first ``session-N.yaml`` not taken."""
    path, number = folder / NEW_NAME, 1
    while path.exists() or path.is_symlink():
        number += 1
        path = folder / f"session-{number}.yaml"
    return path
