"""``workbook serve``: a local page for one session file, which serves and calls ``app``; the
day's pages (``run``: the run view and the room clock; ``record_page``) and the partners'
answers (``replies``) beside it.

Imports: ``core``, ``session``, ``language``, ``plan`` (to show the session as the form
needs it), ``files`` (saving the session file) and ``app``; never ``render`` or ``cli``.
"""
