"""Run the page on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import errno
import socket
import threading
import time
import webbrowser
from collections.abc import Callable, Sequence
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from workbook.web.app import create_app
from workbook.web.workspace import Workspace

HOST = "127.0.0.1"  # loopback only: the page is for the person at this computer
# A request must arrive whole within this many seconds of silence: a client that sends
# its headers and part of a body is dropped then, and never holds a thread for good.
READ_TIMEOUT = 20


class _Handler(WSGIRequestHandler):
    timeout = READ_TIMEOUT


def start(
    session: Path | None,
    port: int = 0,
    content_dirs: Sequence[Path] = (),
    debug: bool = False,
) -> BaseWSGIServer:
    """A server bound to ``port`` (0: a free one), not yet serving; its URL is ``url(server)``."""
    from workbook.core.errors import Problem, UserError

    workspace = Workspace(session, content_dirs)
    app = create_app(workspace, debug)
    try:
        listening = _listen(port)
    except OSError as exc:
        raise UserError(
            Problem(
                f"cannot listen on {HOST}:{port} ({exc.strerror or exc})",
                field="--port",
                hint="Another program may use that port; leave out --port to take a free one.",
                key="port_taken",
                values=(("host", HOST), ("port", port), ("reason", str(exc.strerror or exc))),
            )
        ) from None
    with listening:  # the server takes its own copy of the socket
        server = make_server(
            HOST, port, app, threaded=True, request_handler=_Handler, fd=listening.fileno()
        )
    app.config["PORT"] = server.port
    return server


def _listen(port: int) -> socket.socket:
    """The server's socket, bound as Werkzeug binds it (SO_REUSEADDR: a port the last run
    left in TIME_WAIT is free again), here so a taken port is told as the CLI tells
    problems (Werkzeug would print its own words and exit). A port the last run closed a
    moment ago can take the kernel a few milliseconds to release: tried again for a second.
    """
    deadline = time.monotonic() + 1
    while True:
        listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listening.bind((HOST, port))
            listening.listen(128)
            return listening
        except OSError as exc:
            listening.close()
            if exc.errno != errno.EADDRINUSE or not port or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def url(server: BaseWSGIServer) -> str:
    return f"http://{HOST}:{server.port}/"


def serve(
    session: Path | None,
    port: int,
    open_browser: bool,
    content_dirs: Sequence[Path],
    debug: bool,
    say: Callable[[str], None],
) -> None:
    server = start(session, port, content_dirs, debug)
    address = url(server)
    try:  # a signal from the moment the address is told is a stop like any other
        # English, deliberately: scripts and the tests read the address from this line
        say(f"Serving {address} (Ctrl-C stops)")
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    say("Stopped.")
