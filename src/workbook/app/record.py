"""The record typed in after the day (``/record`` of ``workbook serve``, or by hand): read,
saved whole and never over a file changed since it was read, and the photos of the boards
kept beside it.

A save names the version of the file it started from (a hash of its bytes, empty for no
file yet); a file that has changed since is never replaced (compare and swap), so two tabs
or a hand edit in an editor cannot undo each other. Photos are taken in as JPEG or PNG,
turned upright as the camera's EXIF orientation says, scaled to what a printed page needs
and written as JPEG without their metadata (a phone's photo carries where it was taken),
each under a name no other file has.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbook.core import yamlio
from workbook.core.errors import Problem, UserError
from workbook.files.outputs import safe_name, write_files
from workbook.session.record import (
    PHOTOS,
    Photo,
    Record,
    parse_record,
    record_path,
    record_text,
)

MAX_PHOTO = 25 * 1024 * 1024  # a phone's photo is 3-12 MB
MAX_PIXELS = 80_000_000  # larger is a decompression bomb, not a photo of a board
LONG_SIDE = 2400  # pixels: a full printed page at 200 dpi
QUALITY = 85
_lock = threading.Lock()


@dataclass(frozen=True)
class RecordFile:
    """The record of one session file, and where its photos go."""

    session: Path

    @property
    def path(self) -> Path:
        return record_path(self.session)

    @property
    def folder(self) -> Path:
        return self.path.parent

    def read(self) -> tuple[Record, str, str]:
        """The record, its text and its version (empty: no record yet)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return Record(), "", ""
        except OSError as exc:
            raise UserError(
                Problem(
                    f"cannot be read: {exc.strerror}",
                    file=self.path,
                    key="cannot_read",
                    values=(("reason", str(exc.strerror or exc)),),
                )
            ) from None
        text = yamlio.read_text(self.path, "record")
        return parse_record(text, self.path), text, version(data)

    def save(
        self,
        record: Record,
        base: str,
        header: str,
        uploads: Sequence[tuple[str, bytes]] = (),
    ) -> tuple[Record, str]:
        """Write ``record``, with the ``uploads`` (file name, bytes) added to its photos, if
        the file is still at version ``base``: the photos and the record all or none.
        The record as written and its new version."""
        photos = [(name, normalised_photo(name, data)) for name, data in uploads]
        with _lock:
            self._check_unchanged(base)
            files: dict[Path, bytes] = {}
            added = []
            for name, jpeg in photos:
                path = self._free_photo_name(name, set(files))
                files[path] = jpeg
                added.append(Photo(file=f"{PHOTOS}/{path.name}"))
            record = record.model_copy(update={"photos": [*record.photos, *added]})
            data = record_text(record, header).encode("utf-8")
            files[self.path] = data
            make_folder(self.folder / PHOTOS if photos else self.folder)
            write_files(files)
        return record, version(data)

    def save_text(self, text: str, base: str) -> str:
        """Write the record's YAML ``text`` (checked first) if the file is still at ``base``."""
        parse_record(text, self.path)  # every problem told before anything is written
        data = text.encode("utf-8")
        with _lock:
            self._check_unchanged(base)
            make_folder(self.folder)
            write_files({self.path: data})
        return version(data)

    def _free_photo_name(self, filename: str, taken: set[Path]) -> Path:
        """A name in the photos folder that no file has (nor one of this save's)."""
        folder = self.folder / PHOTOS
        stem = safe_name(Path(filename).stem, "board", limit=40)
        path, number = folder / f"{stem}.jpg", 1
        while path in taken or path.exists() or path.is_symlink():
            number += 1
            path = folder / f"{stem}-{number}.jpg"
        return path

    def _check_unchanged(self, base: str) -> None:
        try:
            current = version(self.path.read_bytes())
        except FileNotFoundError:
            current = ""
        if current != base:
            raise UserError(
                Problem(
                    "was changed by another page or program since this page read it; not replaced",
                    file=self.path,
                    hint="Reload the page to see the record as it is now, then type your "
                    "changes again.",
                    key="record_changed",
                )
            )

    def photo_file(self, name: str) -> Path | None:
        """A photo of this record by its name in the record, or None: never a path outside
        the photos folder, whatever the name says."""
        folder = (self.folder / PHOTOS).resolve()
        candidate = (self.folder / name).resolve()
        if candidate.parent != folder or not candidate.is_file():
            return None
        return candidate


def make_folder(folder: Path) -> None:
    """The day's folder beside the session (and its photos folder), made if missing; a file
    in its place is told, never replaced."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UserError(
            Problem(
                "is in the way: workbook keeps the day's run, the record and its photos in a "
                "folder of this name",
                file=folder,
                hint="Move the file away, then try again.",
                key="day_folder_in_way",
            )
        ) from None
    except OSError as exc:
        raise UserError(
            Problem(
                f"cannot be made: {exc.strerror}",
                file=folder,
                key="cannot_make",
                values=(("reason", str(exc.strerror or exc)),),
            )
        ) from None


def version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def normalised_photo(filename: str, data: bytes) -> bytes:
    """A JPEG of the photo as it should be seen: EXIF orientation applied, at most
    ``LONG_SIDE`` pixels long, no metadata kept."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_PHOTO:
        raise UserError(
            Problem(
                f"{filename}: the photo is larger than {MAX_PHOTO // (1024 * 1024)} MiB",
                field="photos",
                hint="Take it again at a lower resolution, or scale it down first.",
                key="photo_too_big",
                values=(("photo", filename), ("limit", MAX_PHOTO // (1024 * 1024))),
            )
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("JPEG", "PNG"):
                raise UserError(
                    Problem(
                        f"{filename}: is {image.format or 'not an image'}, not a JPEG or PNG",
                        field="photos",
                        hint="Save the photo as JPEG or PNG first.",
                        key="photo_format",
                        values=(("photo", filename), ("format", image.format or "?")),
                    )
                )
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise UserError(
                    Problem(
                        f"{filename}: {width} x {height} pixels is more than a board needs",
                        field="photos",
                        hint="Scale it down first.",
                        key="photo_pixels",
                        values=(("photo", filename), ("width", width), ("height", height)),
                    )
                )
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
            if upright.mode != "RGB":  # PNG with transparency: on white, as on paper
                canvas = Image.new("RGB", upright.size, "white")
                rgba = upright.convert("RGBA")
                canvas.paste(rgba, mask=rgba.getchannel("A"))
                upright = canvas
            out = io.BytesIO()
            upright.save(out, "JPEG", quality=QUALITY, optimize=True)
            return out.getvalue()
    except UserError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise UserError(
            Problem(
                f"{filename}: cannot be read as a JPEG or PNG image",
                field="photos",
                hint="Check the file opens in an image viewer, then add it again.",
                key="photo_unreadable",
                values=(("photo", filename),),
            )
        ) from None
