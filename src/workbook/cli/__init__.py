"""The command line: each command parses its arguments, calls what ``workbook.app`` does for
it, and tells the outcome. ``workbook --help`` imports nothing heavy.

The modules below add their commands in the order ``--help`` lists them."""

from workbook.cli import collecting, documents, starting, translating  # noqa: F401
from workbook.cli.shared import app

__all__ = ["app"]
