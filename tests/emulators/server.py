"""A real HTTP server on 127.0.0.1 in a thread of the test process, for the emulators."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class JsonHandler(BaseHTTPRequestHandler):
    emulator = None  # set per server

    def log_message(self, *args):  # keep the test output quiet
        pass

    def reply(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def read_body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_POST(self):  # noqa: N802 (http.server's name)
        status, body = self.emulator.handle_post(self.path, self.headers, self.read_body())
        self.reply(status, body)

    def do_GET(self):  # noqa: N802
        status, body = self.emulator.handle_get(self.path, self.headers)
        self.reply(status, body)


class Emulator:
    """Start with `start()`, stop with `stop()`; `url` is its base address."""

    def start(self) -> "Emulator":
        handler = type("Handler", (JsonHandler,), {"emulator": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def handle_post(self, path: str, headers, body: bytes) -> tuple[int, dict]:
        """Each emulator answers its provider's endpoints: (HTTP status, JSON body)."""
        return 404, {"error": f"no such endpoint: {path}"}

    def handle_get(self, path: str, headers) -> tuple[int, dict]:
        return 404, {"error": f"no such endpoint: {path}"}
