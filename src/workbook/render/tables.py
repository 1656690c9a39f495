"""ReportLab's table, with the one column left open sized without measuring its words."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Table as _ReportLabTable


class Table(_ReportLabTable):  # type: ignore[misc]
    """A table whose one open column (width None) takes the width the others leave.

    ReportLab sizes open columns by measuring every word of every cell in them for the
    narrowest the column could be (a twelfth of a warm pack render, the notes' steps and
    the checklists being such tables), and then gives a single open column what the others
    leave anyway. A word wider than that column is broken rather than widening the table
    past the page. Tables with percentages, several open columns or nothing left over are
    sized by ReportLab as before."""

    def _calcPreliminaryWidths(self, availWidth: float) -> Any:
        widths: list[Any] = list(self._argW)  # type: ignore[has-type]
        fixed = [width for width in widths if width is not None]
        if widths.count(None) == 1 and all(isinstance(w, int | float) for w in fixed):
            rest = availWidth - sum(fixed)
            if rest > 0:
                widths[widths.index(None)] = rest
                self._argW = self._colWidths = widths  # as ReportLab keeps what it worked out
                return widths
        return super()._calcPreliminaryWidths(availWidth)
