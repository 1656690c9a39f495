"""The session file: its model and validation (``model``), partners from a spreadsheet
(``partners_file``), the partners' answers beside it (``replies``), the host's logo
(``logo``), the guide's timing (``timing``: the same in every language), the agenda on the
clock (``schedule``), the rest of a running day re-planned (``replan``) and the record typed
in after it (``record``).

Imports: ``core``.
"""
