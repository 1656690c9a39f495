"""``workbook serve``: a local web page that reads and writes a session file and hands back
its PDFs. Imported only by the ``serve`` command, so ``workbook --help`` never loads Flask."""
