"""A Chat Completions endpoint on 127.0.0.1 with scripted answers, for the model tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Step:
    """What the server does with one request."""

    status: int = 200
    content: str = '{"entities": []}'
    delay: float = 0.0
    """Seconds to hold the request before answering (to overlap requests, or to time out)."""


Script = Callable[[dict[str, Any], int], Step]
"""(request body, request number from 0) -> what to do."""


class ChatServer:
    """Start with ``with ChatServer(script) as server:``; ``server.url`` is the base URL."""

    def __init__(self, script: Script, model_id: str = "fixture-model-1"):
        self.script = script
        self.model_id = model_id
        self.bodies: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._http.daemon_threads = True
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The base URL, ``http://127.0.0.1:<port>/v1``."""
        return f"http://127.0.0.1:{self._http.server_address[1]}/v1"

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()

    def answer(self, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, bytes]:
        """Record the request, follow the script, count requests in flight."""
        with self._lock:
            number = len(self.bodies)
            self.bodies.append(body)
            self.headers.append(headers)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            step = self.script(body, number)
            if step.delay:
                self._stopping.wait(step.delay)
            if step.status != 200:
                return step.status, json.dumps({"error": {
                    "message": f"scripted {step.status}: {step.content}"}}).encode()
            return 200, json.dumps({
                "id": f"chatcmpl-{number}", "object": "chat.completion", "created": 0,
                "model": self.model_id,
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": step.content}}],
                "usage": {"prompt_tokens": 100, "completion_tokens": 10,
                          "total_tokens": 110}}).encode()
        finally:
            with self._lock:
                self.in_flight -= 1

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, payload = server.answer(body, headers)
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:  # the client gave up (a timeout test)
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        return Handler
