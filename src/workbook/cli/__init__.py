"""The command line: each command parses its arguments, calls what ``workbook.app`` does for
it, and tells the outcome. ``workbook --help`` imports nothing heavy.

The modules below add their commands in the order ``--help`` lists them."""

# in the order --help lists them: the documents, collecting the answers, then what comes
# after the day
from workbook.cli import documents, collecting, after, starting, translating  # noqa: F401, I001
from workbook.cli.shared import app

__all__ = ["app"]
