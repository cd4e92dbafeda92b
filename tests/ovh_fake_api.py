"""A loopback stand-in for the OVHcloud API (http.server in a thread) for the real `ovh` client.

It checks the SDK's signed headers on every authenticated call (X-Ovh-Application, -Consumer,
-Timestamp and -Signature: "$1$" + sha1(secret+consumer+METHOD+url+body+timestamp)), answers the
routes it is given with payloads shaped like the API's, and logs every request's method and path.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

APP_KEY, APP_SECRET, CONSUMER_KEY = "fake-app-key", "fake-app-secret-0123", "fake-consumer-key-4567"
PREFIX = "/1.0"


class FakeOvhApi:
    """routes: path (without /1.0) -> payload, or (HTTP status, payload) for an error route."""

    def __init__(self, routes: dict[str, Any]):
        self.routes = routes
        self.log: list[tuple[str, str]] = []
        self.bad_signatures: list[str] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _answer(self) -> None:
                api.log.append((self.command, self.path))
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                path = self.path[len(PREFIX):] if self.path.startswith(PREFIX) else self.path
                if self.command != "GET":
                    return self._send(405, {"message": f"{self.command} not allowed here"})
                if path == "/auth/time":
                    return self._send(200, int(time.time()))
                if not api._signed(self, body):
                    api.bad_signatures.append(self.path)
                    return self._send(403, {"errorCode": "INVALID_CREDENTIAL", "message": "Invalid signature"})
                if path not in api.routes:
                    return self._send(404, {"message": f"The requested object ({path}) does not exist"})
                answer = api.routes[path]
                if isinstance(answer, tuple):
                    return self._send(*answer)
                return self._send(200, answer)

            def _send(self, status: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _answer  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{PREFIX}"

    def _signed(self, handler: BaseHTTPRequestHandler, body: str) -> bool:
        h = handler.headers
        if h.get("X-Ovh-Application") != APP_KEY or h.get("X-Ovh-Consumer") != CONSUMER_KEY:
            return False
        stamp = h.get("X-Ovh-Timestamp", "")
        url = f"http://{h.get('Host')}{handler.path}"
        raw = "+".join([APP_SECRET, CONSUMER_KEY, handler.command, url, body, stamp])
        return h.get("X-Ovh-Signature") == "$1$" + hashlib.sha1(raw.encode()).hexdigest()

    def __enter__(self) -> FakeOvhApi:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
