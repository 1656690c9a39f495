"""workbook: tailored, printable PDF packs for partnership sessions.

The packages, in the order a session flows through them:

    core/      what every stage stands on: problems and user errors, YAML read safely with
               positions, model errors in words, text filling, where built-in data lives
    session/   the session file: its model, the guide's timing, the agenda on the clock
    language/  the language folders: finding, loading with fallback, checking a translation
    plan/      one module per document: which pages, in what order, every word filled in
    render/    drawing a plan's pages with ReportLab; knows nothing of sessions or languages
    files/     every write (checked against the run's inputs, atomic) and worker processes
    app/       what each command does, the one layer the command line and the web page call
    cli/       the command line: parses arguments, calls app/
    web/       ``workbook serve``: the local page, which serves and calls app/

Each package's docstring says what it may import; ``tests/test_architecture.py`` holds
the house to it.
"""

__version__ = "0.1.0"
