"""Run the page on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import socket
import threading
import webbrowser
from collections.abc import Callable, Sequence
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, make_server

from workbook.web.app import create_app
from workbook.web.workspace import Workspace

HOST = "127.0.0.1"  # loopback only: the page is for the person at this computer


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
        if port:  # Werkzeug would print its own message and exit; say it as the CLI does
            with socket.socket() as probe:
                probe.bind((HOST, port))
        server = make_server(HOST, port, app, threaded=True)
    except OSError as exc:
        raise UserError(
            Problem(
                f"cannot listen on {HOST}:{port} ({exc.strerror or exc})",
                field="--port",
                hint="Another program may use that port; leave out --port to take a free one.",
            )
        ) from None
    app.config["PORT"] = server.server_port
    return server


def url(server: BaseWSGIServer) -> str:
    return f"http://{HOST}:{server.server_port}/"


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
        say(f"Serving {address} (Ctrl-C stops)")
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    say("Stopped.")
