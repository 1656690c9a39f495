"""Files and processes: every output checked against what the run reads and against the
other outputs before anything renders, written atomically all or none (``outputs``), and
the worker processes that render in parallel and die with their parent (``workers``).

Imports: ``core``.
"""
