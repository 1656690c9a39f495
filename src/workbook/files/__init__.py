"""Files and processes: the one rule every writer follows (``outputs``: each output checked
against what the run reads, the run's other outputs, links and the files the tool did not
write, before anything renders; then written atomically, all or none), the temporaries a
write goes through and the sweeping of those a killed run left (``temporaries``), the
record by which the tool knows its own files (``record``), and the worker processes that
render in parallel and die with their parent (``workers``).

Imports: ``core``.
"""
