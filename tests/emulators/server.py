"""A real HTTP server on 127.0.0.1 in a thread of the test process, for the emulators."""

import base64
import json
import threading
import urllib.error
import urllib.request
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


def basic_auth_user(headers) -> str:
    """The user name of an HTTP Basic Authorization header ("" without one): the API key of
    gateways that authenticate that way (Midtrans, Xendit)."""
    auth = headers.get("Authorization", "")
    if not auth.startswith("Basic "):
        return ""
    return base64.b64decode(auth[6:]).decode().split(":", 1)[0]


def post_back(url: str, body: bytes, headers: dict) -> tuple[int, dict]:
    """Send a notification to the server under test over HTTP; (200, its HTTP status)."""
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return 200, {"delivered": response.status}
    except urllib.error.HTTPError as error:
        return 200, {"delivered": error.code}
