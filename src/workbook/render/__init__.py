"""Drawing: a plan's pages with ReportLab, one module per page kind in ``pages/``, the layout
(``layout``: sizes, type, colours from ``layouts/``), fonts and styles, the pack and letter
documents (a fillable letter's fields in the body font: ``form_font``), posters and their
tiling, and PNG previews of a PDF (``png``).

It knows nothing of sessions or languages: every word comes filled in from the plan. The
boards' layout is measured without drawing (``posters.capacities``), for the plan to use.

Imports: ``core``, and from ``plan`` only its page types (classes), never a function.
"""
