"""The production shape on one machine (scripts/stack): Varnish in front of two app instances.

One stack for the whole session, started by the same script as `make stack`, on free ports, with
its own PostgreSQL database. The app instances reach that database through a TCP proxy the tests
can close, so "the database is down" never touches the machine's PostgreSQL.
"""

import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.seeded_site import HOSTS, PROJECT, free_port, load_stack_script

pytestmark = pytest.mark.stack

UNAVAILABLE = "Sorry, the service is unavailable"


def shows_999_notice(body):
    notice = BeautifulSoup(body, "html.parser").select_one(".app-emergency")
    return notice is not None and "call 999" in " ".join(notice.get_text(" ").split())


class TCPProxy:
    """Forwards a local port to PostgreSQL until closed; closing drops every connection."""

    def __init__(self, target):
        self.target = target
        self.port = 0
        self.sockets = []
        self.lock = threading.Lock()
        self.open()

    def open(self):
        """Listen (again, on the same port after close)."""
        self.closed = False
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                if self.closed:  # accepted just before close(): drop it like the rest
                    client.close()
                    upstream.close()
                    return
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self):
        with self.lock:
            self.closed = True
        # Wakes the thread blocked in accept(); close() alone would leave the port listening.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for s in self.sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self.sockets.clear()


class RunningStack:
    def __init__(self, script, stack, proxy):
        self.script = script
        self.stack = stack
        self.proxy = proxy

    def get(self, council, path, port=None, method="GET", headers=None, source="127.0.0.1"):
        """A request through Varnish (or straight to an app instance's port), from a local
        address: status, response (for its headers) and body."""
        port = port or self.stack.port
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=20, source_address=(source, 0)
        )
        try:
            headers = {"Host": f"{HOSTS[council]}:{self.stack.port}", **(headers or {})}
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            return response.status, response, response.read().decode(errors="replace")
        finally:
            connection.close()

    def cached(self, council, path):
        """Fetch until Varnish holds the page: the second request is a hit."""
        self.get(council, path)
        status, response, body = self.get(council, path)
        assert (status, response.getheader("X-Cache")) == (200, "HIT"), path
        return body

    def shell(self, code):
        """Run Python in the app against the stack's database, as an officer's change would."""
        result = subprocess.run(
            [self.script.PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=PROJECT,
            env=self.stack.env(database_url=self.stack.database_url),
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    def purge(self, council, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.stack.port, timeout=10)
        connection.request("PURGE", path, headers={"Host": f"{HOSTS[council]}:{self.stack.port}"})
        assert connection.getresponse().status == 200
        connection.close()

    def health(self):
        """Varnish's view of each app instance: {"app1": "healthy", ...}."""
        output = subprocess.run(
            [self.script.VARNISHADM, "-n", str(self.stack.dir / "varnish"), "backend.list"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        names = {f"app{n}" for n in range(1, len(self.stack.app_ports) + 1)}
        return {
            line.split()[0].split(".")[-1]: line.split()[3]
            for line in output.splitlines()[1:]
            if line.strip() and line.split()[0].split(".")[-1] in names
        }

    def wait_for_health(self, expected, seconds=20):
        deadline = time.monotonic() + seconds
        while self.health() != expected:
            assert time.monotonic() < deadline, f"Varnish sees {self.health()}, not {expected}"
            time.sleep(0.2)


def _skip_reason():
    stack_script = load_stack_script()
    if not Path(stack_script.VARNISHD).exists():
        return (
            "Varnish is not installed (`make browsers` installs it, as root): stack tests skipped."
        )
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        return "PostgreSQL does not answer on 127.0.0.1:5432: stack tests skipped."
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError:
        if not shutil.which("redis-server"):
            return "Redis does not answer on 127.0.0.1:6379 and is not installed: skipped."
    return None


# One line for the whole file when the stack cannot run here.
if _reason := _skip_reason():
    pytest.skip(_reason, allow_module_level=True)


@pytest.fixture(scope="session")
def stack():
    script = load_stack_script()
    proxy = TCPProxy(("127.0.0.1", 5432))
    database = f"prevent_stack_test_{os.getpid()}"
    environ = {
        **os.environ,
        # Not under pytest's own temporary folder: Varnish's user must be able to read it.
        "STACK_DIR": tempfile.mkdtemp(prefix="prevent-stack-"),
        "STACK_PORT": str(free_port()),
        "STACK_APP_PORTS": f"{free_port()},{free_port()}",
        "STACK_DATABASE": database,
        "STACK_REDIS_URL": "redis://127.0.0.1:6379/6",  # not `make stack`'s cache
        "STACK_APP_DATABASE_URL": f"postgres://postgres@127.0.0.1:{proxy.port}/{database}",
        "LINK_CHECK_ROUNDS": "0",  # never ask other websites from a test
    }
    instance = script.Stack(environ)
    try:
        instance.up(fresh=True)
        yield RunningStack(script, instance, proxy)
    finally:
        instance.down()
        proxy.close()
        instance.drop_database()
        shutil.rmtree(instance.dir, ignore_errors=True)


def x_cache(result):
    return result[1].getheader("X-Cache")


def test_varnish_keeps_only_what_every_visitor_may_see(stack):
    stack.cached("westminster", "/contest/")
    # Tracking parameters change nothing on the page: the cached copy answers.
    status, response, _ = stack.get("westminster", "/contest/?utm_source=email&gclid=x1&fbclid=y")
    assert (status, response.getheader("X-Cache")) == (200, "HIT")
    # Signed-in officers, other credentials, the admin and forms sent are never cached.
    for headers in ({"Cookie": "__Host-sessionid=abc"}, {"Authorization": "Basic eDp5"}):
        assert (
            stack.get("westminster", "/contest/", headers=headers)[1].getheader("X-Cache") == "PASS"
        )
    for _ in range(2):
        assert x_cache(stack.get("westminster", "/admin/login/")) == "PASS"
        assert x_cache(stack.get("westminster", "/search/", method="POST")) == "PASS"


def test_varnish_keeps_a_brotli_and_a_gzip_copy_whatever_order_encodings_come_in(stack):
    stack.cached("westminster", "/prevent-duty/")
    for accept, sent in [
        ("gzip, deflate, br, zstd", "br"),
        ("br", "br"),
        ("gzip, deflate", "gzip"),
        ("deflate, gzip", "gzip"),
        ("identity", None),
    ]:
        status, response, _ = stack.get(
            "westminster", "/prevent-duty/", headers={"Accept-Encoding": accept}
        )
        assert (status, response.getheader("Content-Encoding")) == (200, sent), accept
        # The first browser to ask for an encoding fills its copy; the others are hits.
        assert response.getheader("X-Cache") in {"MISS", "HIT"}, accept
    for accept in ("br, gzip", "gzip"):
        response = stack.get("westminster", "/prevent-duty/", headers={"Accept-Encoding": accept})
        assert response[1].getheader("X-Cache") == "HIT", accept
    # A purge drops both copies.
    stack.purge("westminster", "/prevent-duty/")
    for accept in ("br, gzip", "gzip"):
        response = stack.get("westminster", "/prevent-duty/", headers={"Accept-Encoding": accept})
        assert response[1].getheader("X-Cache") == "MISS", accept


def test_only_the_apps_addresses_may_purge(stack):
    stack.cached("rochford", "/")
    for method in ("PURGE", "BAN"):
        assert stack.get("rochford", "/", method=method, source="127.0.0.2")[0] == 405
    assert stack.get("rochford", "/")[1].getheader("X-Cache") == "HIT"


def test_a_published_change_shows_through_varnish_within_two_seconds(stack):
    stack.cached("westminster", "/")
    title = f"Prevent in Westminster {uuid.uuid4().hex[:6]}"
    stack.shell(
        "from pages.models import HomePage\n"
        "page = HomePage.objects.get(url_path='/westminster/')\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()"
    )
    committed = time.monotonic()
    while title not in stack.get("westminster", "/")[2]:
        assert time.monotonic() - committed < 2, "The change did not show within 2 seconds"
        time.sleep(0.1)
    # And each app instance serves the new page, not an old copy of its own.
    for port in stack.stack.app_ports:
        assert title in stack.get("westminster", "/", port=port)[2]


def test_an_unpublished_page_is_gone_through_varnish(stack):
    path = stack.shell(
        "from wagtail.models import Page\n"
        "page = Page.objects.live().filter(url_path__startswith='/westminster/', depth=4).first()\n"
        "print(page.url_path.removeprefix('/westminster'))"
    )
    stack.cached("westminster", path)
    stack.shell(
        "from wagtail.models import Page\n"
        f"Page.objects.get(url_path='/westminster{path}').specific.unpublish()"
    )
    committed = time.monotonic()
    while stack.get("westminster", path)[0] != 404:
        assert time.monotonic() - committed < 2, "The page was still served after 2 seconds"
        time.sleep(0.1)


def test_a_councils_contact_change_purges_that_council_only(stack):
    stack.cached("westminster", "/")
    stack.cached("westminster", "/sitemap.xml")
    rochford = stack.cached("rochford", "/")
    stack.cached("rochford", "/sitemap.xml")
    stack.shell(
        "from contacts.models import ContactPoint\n"
        "contact = ContactPoint.objects.filter(site__hostname='localhost', live=True).first()\n"
        "contact.hours = 'Monday to Friday, 9am to 5pm (changed)'\n"
        "contact.save()"
    )
    committed = time.monotonic()
    while stack.get("westminster", "/sitemap.xml")[1].getheader("X-Cache") == "HIT":
        assert time.monotonic() - committed < 2, "Westminster's pages were not purged"
        time.sleep(0.1)
    assert stack.get("westminster", "/")[1].getheader("X-Cache") == "MISS"
    for path in ("/", "/sitemap.xml"):
        status, response, body = stack.get("rochford", path)
        assert (status, response.getheader("X-Cache")) == (200, "HIT"), path
    assert body and rochford == stack.get("rochford", "/")[2]


def test_with_one_app_instance_down_no_request_fails(stack):
    stack.stack.stop("app1")
    try:
        # At once, before Varnish's health checks notice: a refused request goes to the other.
        # Query strings are never cached, so every one of these reaches an instance.
        statuses = [
            stack.get(council, f"/search/?q=channel{n}")[0]
            for n in range(20)
            for council in ("westminster", "rochford")
        ]
        assert statuses == [200] * 40
    finally:
        stack.stack.start("app1")
        stack.wait_for_health({"app1": "healthy", "app2": "healthy"})


def test_with_both_instances_down_cached_pages_are_served_stale_with_999(stack):
    stack.cached("rochford", "/")
    stack.cached("rochford", "/sitemap.xml")
    stack.stack.stop("app1")
    stack.stack.stop("app2")
    try:
        stack.wait_for_health({"app1": "sick", "app2": "sick"})
        status, response, body = stack.get("rochford", "/")
        assert (status, response.getheader("X-Cache")) == (200, "HIT")
        assert shows_999_notice(body)
        # A page whose time is up (purged softly) is served stale for up to 24 hours.
        stack.purge("rochford", "/")
        status, response, body = stack.get("rochford", "/")
        assert (status, response.getheader("X-Cache")) == (200, "STALE")
        assert shows_999_notice(body)
        # A page Varnish does not hold: the site's 503 page, with the 999 notice.
        status, response, body = stack.get("rochford", "/never-visited/")
        assert status == 503
        assert UNAVAILABLE in body and shows_999_notice(body)
    finally:
        stack.stack.start("app1")
        stack.stack.start("app2")
        stack.wait_for_health({"app1": "healthy", "app2": "healthy"})


def test_with_the_database_down_readers_get_the_503_page_within_five_seconds(stack):
    stack.cached("westminster", "/contest/")
    stack.proxy.close()
    try:
        started = time.monotonic()
        # Straight from an app instance, a page it has not cached:
        status, _, body = stack.get(
            "westminster", f"/contest/?fresh={uuid.uuid4().hex}", port=stack.stack.app_ports[0]
        )
        assert time.monotonic() - started < 5
        assert status == 503 and UNAVAILABLE in body and shows_999_notice(body)
        # Through Varnish, cached pages are still served, and the rest get the 503 page.
        assert stack.get("westminster", "/contest/")[0] == 200
        status, _, body = stack.get("westminster", f"/contest/?fresh={uuid.uuid4().hex}")
        assert status == 503 and UNAVAILABLE in body
        assert time.monotonic() - started < 5
    finally:
        stack.proxy.open()
        stack.wait_for_health({"app1": "healthy", "app2": "healthy"})
