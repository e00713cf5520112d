"""The service: a small HTTP server (standard library only). Replace the handler with your API."""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def respond(path: str):
    """Returns ``(status, body)`` for a GET of ``path``; the readiness probe calls /healthz."""
    if path == "/healthz":
        return 200, {"status": "ok"}
    if path == "/":
        return 200, {"service": os.environ.get("SERVICE_NAME", "service"),
                     "environment": os.environ.get("ENVIRONMENT", "local")}
    return 404, {"error": f"no route {path}"}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        status, body = respond(self.path)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main(port: int = 8080):
    ThreadingHTTPServer(("", port), Handler).serve_forever()


if __name__ == "__main__":
    main(int(os.environ.get("PORT", "8080")))
