"""The session file: its model and validation (``model``), the host's logo (``logo``), the
guide's timing (``timing``: the same in every language) and the agenda on the clock
(``schedule``).

Imports: ``core``.
"""
