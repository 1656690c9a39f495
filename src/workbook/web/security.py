"""What keeps a local page local: who may ask, what every answer says about itself.

Any web site the user visits can make the browser send requests to 127.0.0.1, so a request
whose ``Host`` is not this server (DNS rebinding) is refused, and so is a state-changing one
from another origin (an ``Origin`` must be exactly ``http://`` and this server). Every answer
forbids being framed (Save cannot be clickjacked), sniffed as another type, or kept in a
cache (pages and downloads hold partners' e-mail addresses).
"""

from __future__ import annotations

import io
from typing import Any

from flask import Request, Response, request

MAX_REQUEST = 4 * 1024 * 1024  # the form with a logo; a session file is at most 2 MiB

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",  # "no-referrer" would send "Origin: null" with a post
    "Cross-Origin-Resource-Policy": "same-origin",
}


class InMemoryRequest(Request):
    """Uploads stay in memory (Werkzeug would spool a large one to a temporary file)."""

    max_content_length = MAX_REQUEST
    max_form_parts = 20_000  # a thousand partners, four fields each, and the agenda

    def _get_file_stream(self, *args: Any, **kwargs: Any) -> Any:
        return io.BytesIO()


def refusal(port: int | None) -> str | None:
    """Why this request is refused (see the module), or None."""
    hosts = {f"127.0.0.1:{port}", f"localhost:{port}"} if port else {"127.0.0.1", "localhost"}
    if request.host not in hosts:
        return f"This server answers only at http://127.0.0.1:{port}/."
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        origin = request.headers.get("Origin")
        if origin is not None and origin not in {f"http://{host}" for host in hosts}:
            return "Requests from other web sites are refused."
        if origin is None and request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
            return "Requests from other web sites are refused."
    return None


def secured(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers[name] = value
    return response
