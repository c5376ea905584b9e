"""Start the site with the seed content on a free local port, in a throwaway folder.

Used by the browser tests, `make lighthouse` and `make bench`, so all three look at the same
thing: a fresh database with the three councils, every site answering on the chosen port.

    with seeded_site(server="runserver") as site:
        site.url("rochford", "/contest/")
"""

import contextlib
import importlib.machinery
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
HOSTS = {
    "westminster": "localhost",
    "rochford": "rochford.localhost",
    "london-councils": "londoncouncils.localhost",
}


# The same gunicorn configuration as the Docker image, on loopback only.
GUNICORN = [
    sys.executable,
    "-m",
    "gunicorn",
    "prevent_site.wsgi",
    "--config",
    "gunicorn.conf.py",
    "--log-level",
    "warning",
]


def load_stack_script():
    """scripts/stack (a script, not a module) as a module: its Stack class starts Varnish and
    the app instances for the stack tests and the benchmark."""
    loader = importlib.machinery.SourceFileLoader("stack_script", str(PROJECT / "scripts/stack"))
    spec = importlib.util.spec_from_loader("stack_script", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SeededSite:
    def __init__(self, port, env):
        self.port = port
        self.env = env

    def url(self, council="westminster", path="/"):
        return f"http://{HOSTS[council]}:{self.port}{path}"

    def fetch(self, council, path):
        """GET a page by its council's host name (Python cannot resolve *.localhost)."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"Host": f"{HOSTS[council]}:{self.port}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def sitemap_paths(self, council):
        """Every page path in a council's sitemap."""
        from defusedxml import ElementTree

        root = ElementTree.fromstring(self.fetch(council, "/sitemap.xml"))
        namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        return ["/" + loc.text.split("/", 3)[3] for loc in root.findall("s:url/s:loc", namespace)]

    def manage(self, *args):
        return manage(self.env, *args)

    def shell(self, code):
        """Run Python against the site's database; returns the last line it printed."""
        lines = self.manage("shell", "--no-imports", "-c", code).stdout.strip().splitlines()
        return lines[-1] if lines else ""

    def page_id(self, council, path):
        """The id of a council's page at `path`, for its admin address."""
        return int(
            self.shell(
                "from wagtail.models import Site\n"
                f"site = Site.objects.get(hostname={HOSTS[council]!r})\n"
                f"print(site.root_page.get_descendants().get(url_path__endswith={path!r}).pk)"
            )
        )


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )


@contextlib.contextmanager
def seeded_site(server="runserver", database_url=None, extra_env=None):
    """server: "runserver" (development settings, DEBUG off) or "gunicorn" (production, with
    gunicorn.conf.py's settings: its workers and worker class, as the Docker image runs)."""
    with tempfile.TemporaryDirectory(prefix="prevent-site-") as workdir:
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url or f"sqlite:///{workdir}/db.sqlite3",
            "MEDIA_ROOT": f"{workdir}/media",
            "PRIVATE_MEDIA_ROOT": f"{workdir}/private_media",
            "DJANGO_DEBUG": "false",
            "DJANGO_SETTINGS_MODULE": "prevent_site.settings.dev",
        }
        if server == "runserver":
            # Tests change the database from other processes (manage.py shell), whose purges
            # cannot reach this server's per-process site cache: it would show their changes
            # only after SITE_CACHE_SECONDS. Production shares one cache (Redis) between them.
            env["SITE_CACHE_SECONDS"] = "0"
        if server == "gunicorn":
            env.update(
                DJANGO_SETTINGS_MODULE="prevent_site.settings.production",
                SECRET_KEY="benchmark-only-not-secret-" + "x" * 30,
                ALLOWED_HOSTS="localhost,.localhost,127.0.0.1",
                SECURE_SSL_REDIRECT="false",
                STATIC_ROOT=f"{workdir}/static",
                SERVE_MEDIA="true",
            )
        env.update(extra_env or {})
        manage(env, "migrate", "--noinput")
        manage(env, "load_seed_content", "--reset")
        manage(env, "create_site_groups")
        # Every council's site answers on this port, so its links stay on this server.
        manage(
            env, "shell", "-c", f"from wagtail.models import Site; Site.objects.update(port={port})"
        )
        if server == "gunicorn":
            manage(env, "collectstatic", "--noinput")
            env.update(GUNICORN_BIND=f"127.0.0.1:{port}")
            command = GUNICORN
        else:
            command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
        process = subprocess.Popen(
            command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_until_up(port, process)
            yield SeededSite(port, env)
        finally:
            process.terminate()
            process.wait(timeout=15)


def wait_until_up(port, process):
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5).close()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("The site did not start") from None
            time.sleep(0.3)
