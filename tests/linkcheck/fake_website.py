"""A small website on 127.0.0.1 that answers the way real ones do, for the link checker to
visit: tests never check links on the internet."""

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeWebsite(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FakeWebsiteHandler)
        self.requests = []  # (method, path, host, user agent)
        self.lock = threading.Lock()
        self.in_flight = {}  # host -> requests being answered now
        self.most_in_flight = {}  # host -> the most at once
        self.most_in_flight_overall = 0  # the most at once, all hosts together
        self.stopping = threading.Event()
        # Set once two requests are being answered at the same time.
        self.side_by_side = threading.Event()

    @property
    def port(self):
        return self.server_address[1]

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def requests_for(self, path):
        return [method for method, seen_path, _, _ in self.requests if seen_path == path]


class FakeWebsiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass  # keep test output quiet

    def do_HEAD(self):
        self.answer(body=False)

    def do_GET(self):
        self.answer(body=True)

    def answer(self, body):
        server = self.server
        host = self.headers.get("Host", "").split(":")[0]
        with server.lock:
            server.requests.append(
                (self.command, self.path, host, self.headers.get("User-Agent", ""))
            )
            server.in_flight[host] = server.in_flight.get(host, 0) + 1
            server.most_in_flight[host] = max(
                server.most_in_flight.get(host, 0), server.in_flight[host]
            )
            server.most_in_flight_overall = max(
                server.most_in_flight_overall, sum(server.in_flight.values())
            )
            if server.most_in_flight_overall >= 2:
                server.side_by_side.set()
        self.counted_host = host
        try:
            self.route(body)
        finally:
            self.done()

    def done(self):
        """The request is answered. Called before the answer is written: once the client has
        it, it may send its next request before this thread runs again, and that request must
        not be counted as side by side with this one."""
        with self.server.lock:
            if self.counted_host is not None:
                self.server.in_flight[self.counted_host] -= 1
                self.counted_host = None

    def route(self, body):
        path = self.path
        if path.startswith("/ok"):
            self.send(200, body)
        elif path == "/moved":
            self.send(301, body, location="/ok-new-home")
        elif path == "/moved-for-now":
            self.send(302, body, location="/ok-for-now")
        elif path == "/missing":
            self.send(404, body)
        elif path == "/error":
            self.send(500, body)
        elif path == "/no-head":
            self.send(405 if self.command == "HEAD" else 200, body)
        elif path.startswith("/slow"):
            # Holds its answer until another request is being answered too (at most 2 seconds),
            # so requests a checker may send side by side are seen side by side.
            self.server.side_by_side.wait(2)
            self.send(200, body)
        elif path.startswith("/silent"):
            # Accepts the connection and never answers (until the test ends).
            self.server.stopping.wait(10)
        else:
            self.send(404, body)

    def send(self, status, body, location=None):
        content = b"<!doctype html><title>Test</title><p>Hello</p>"
        self.done()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)


@contextlib.contextmanager
def running_website():
    server = FakeWebsite()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
