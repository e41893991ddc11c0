"""A local HTTP server for the download tests: every failure mode the fetcher must survive.

Paths (the last part is the file name the fetcher keeps):

``/good/<name>``         the file ``files[name]`` with a Content-Length
``/missing/<name>``      404
``/error/<name>``        500
``/flaky/<name>``        503 for the first ``state["flaky"]`` requests, then the file
``/slow/<name>``         waits ``state["delay"]`` seconds before answering (timeouts)
``/truncated/<name>``    Content-Length larger than the body, then closes
``/html/<name>``         an HTML error page with status 200 (Content-Type text/html)
``/htmlbody/<name>``     an HTML page with status 200 but Content-Type text/csv
``/bot202/<name>``       bot protection: 202 Accepted with an empty body
``/challenge/<name>``    bot protection: 200 with an HTML browser-check page
``/drip/<name>``         sends the file slowly (``state["drip"]`` seconds per 1 KiB); sets
                         ``state["dripping"]`` once the first bytes are out

Only ever bound to 127.0.0.1.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_CHALLENGE = (
    b"<!doctype html><html><head><title>Just a moment...</title></head>"
    b"<body><noscript>Please enable JavaScript to check your browser.</noscript></body></html>\n"
)
_HTML = b"<!DOCTYPE html>\n<html><head><title>Maintenance</title></head><body>Back soon</body></html>\n"


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/csv", length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        state = self.server.state
        state["requests"].append(self.path)
        _, kind, name = self.path.split("/", 2)
        body = state["files"].get(name, b"")
        try:
            if kind == "good":
                self._send(200, body)
            elif kind == "missing":
                self._send(404, b"not found", "text/plain")
            elif kind == "error":
                self._send(500, b"server error", "text/plain")
            elif kind == "flaky":
                if state["flaky"] > 0:
                    state["flaky"] -= 1
                    self._send(503, b"busy", "text/plain")
                else:
                    self._send(200, body)
            elif kind == "slow":
                time.sleep(state["delay"])
                self._send(200, body)
            elif kind == "truncated":
                self._send(200, body[: len(body) // 2], length=len(body))
                self.close_connection = True
            elif kind == "html":
                self._send(200, _HTML, "text/html; charset=utf-8")
            elif kind == "htmlbody":
                self._send(200, _HTML, "text/csv")
            elif kind == "bot202":
                self._send(202, b"")
            elif kind == "challenge":
                self._send(200, _CHALLENGE, "text/html; charset=UTF-8")
            elif kind == "drip":
                self.send_response(200)
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for start in range(0, len(body), 1024):
                    self.wfile.write(body[start : start + 1024])
                    self.wfile.flush()
                    state["dripping"].set()
                    time.sleep(state["drip"])
            else:
                self._send(404, b"unknown path", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def serve(files: dict[str, bytes]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Serve ``files``; yields the base URL and the mutable server state."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.state = {  # type: ignore[attr-defined]
        "files": files,
        "flaky": 0,
        "delay": 0.0,
        "drip": 0.05,
        "dripping": threading.Event(),
        "requests": [],
    }
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.state  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
