"""The host's logo: one check for a session file's 'host_logo:' and the web page's upload."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import IO

# A logo prints at most a few centimetres wide: 2000 pixels across is already 800 dpi.
MAX_LOGO_PIXELS = 25_000_000


class BadLogo(Exception):
    """Why a logo cannot be used, and what to do; each caller places it in its own way."""

    def __init__(self, message: str, hint: str, key: str, **values: object) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.key, self.values = key, values  # how to say it in the user's language


def inspect_logo(source: Path | IO[bytes], name: str) -> str | None:
    """The logo's image format as Pillow names it ('PNG', 'JPEG'), once it is known to be
    a readable image of at most MAX_LOGO_PIXELS; otherwise BadLogo, naming it ``name``.

    The size is read from the header, before any pixel is decoded, so a huge image costs
    nothing to refuse.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a huge image is refused below, with its size
            with Image.open(source) as image:
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    raise BadLogo(
                        f"{name} is {width} x {height} pixels; a logo may have at most "
                        f"{MAX_LOGO_PIXELS // 1_000_000} million pixels",
                        "Scale it down: 2000 pixels across is plenty for print.",
                        "logo_too_large",
                        name=name,
                        width=width,
                        height=height,
                        limit=MAX_LOGO_PIXELS // 1_000_000,
                    )
                kind = image.format
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise BadLogo(
            f"{name} is not an image workbook can read",
            "Use a PNG or JPEG file.",
            "logo_not_image",
            name=name,
        ) from None
    except OSError as exc:
        raise BadLogo(
            f"{name} cannot be read ({exc.strerror or exc})",
            "Check the file.",
            "logo_unreadable",
            name=name,
            reason=str(exc.strerror or exc),
        ) from None
    _decode(source, name)
    return kind


def _decode(source: Path | IO[bytes], name: str) -> None:
    """Every pixel decoded once: a header can be sound over data that is not (a cut-off
    download), which would otherwise fail only when the letter is drawn."""
    from PIL import Image

    if not isinstance(source, Path):
        source.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(source) as image:
                image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, EOFError):
        raise BadLogo(
            f"{name} is damaged: its header is an image's, but its pixels cannot be read",
            "Save the logo again from an image program, as PNG or JPEG.",
            "logo_damaged",
            name=name,
        ) from None
    finally:
        if not isinstance(source, Path):
            source.seek(0)
