"""``workbook serve``: a local page for one session file, which serves and calls ``app``.

Imports: ``core``, ``session``, ``language``, ``plan`` (to show the session as the form
needs it), ``files`` (saving the session file) and ``app``; never ``render`` or ``cli``.
"""
