"""Where the built-in content and layouts live.

In the repository they sit at the top level (translators and designers work there);
in an installed wheel they are copied into ``workbook/_data``. Look in the package first
so an installed copy never reads a stray checkout.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def data_dir(name: str) -> Path:
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    source_tree = _PACKAGE_DIR.parent.parent / name
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError(f"workbook is installed without its {name}/ folder")


def content_dir() -> Path:
    return data_dir("content")


def layouts_dir() -> Path:
    return data_dir("layouts")
