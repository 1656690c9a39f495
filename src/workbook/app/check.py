"""``workbook check``: a translation compared with the reference, then loaded and drawn."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbook.app.glyphs import check_glyphs
from workbook.core.errors import Problem, UserError
from workbook.language.check import Report, check_translation
from workbook.language.folders import font_files
from workbook.language.loading import load_content
from workbook.render.document import make_context
from workbook.render.layout import load_layout


def check_language(code: str, extra: Sequence[Path] = ()) -> Report:
    return check_translation(code, extra, loading_problems)


def loading_problems(code: str, extra: Sequence[Path]) -> list[Problem]:
    """What is wrong with a language once loaded: its content, its fonts, their glyphs."""
    try:
        content = load_content(code, extra)
        make_context(load_layout().with_fonts(font_files(content.folder)))
    except UserError as exc:
        return exc.problems
    return check_glyphs(content)
