"""Speed benchmark: `make bench`.

Starts the site under gunicorn with the production settings (gunicorn.conf.py) and the seed
content, then measures each page type with wrk on 127.0.0.1: requests per second and p50/p99
latency at 1 and 16 connections, beside the main CSS file served by the same server as the
ceiling, and the database queries each page makes with the page cache off (every request
renders the page, on a warm process), at most QUERY_TARGET per page type or the run fails. It
runs twice: with the page cache off and on (steady state for anonymous visitors); with the
cache on and Varnish installed, it measures the same pages again through Varnish with the
project's VCL. Runs on SQLite, and also on PostgreSQL when DATABASE_URL is set (the seeded
sites in that database are rebuilt). Prints the tables and writes them to benchmarks/results/.
A benchmark, not a test: bounded runs only.

With the page cache on, a load stage then runs every page type and the CSS file for 30 seconds
each under 64 connections (--load-seconds, --load-connections) and checks two targets: no
errors (non-2xx responses or socket errors), and every page at least half the CSS file's rate.
It prints PASS or FAIL and exits non-zero on FAIL. A cache hit reads no database, so the load
stage runs on SQLite only.

Each run also weighs every page type as sent: uncompressed, gzip and Brotli (the
Accept-Encoding a browser sends decides which). --bytes-only prints just that table, without
wrk, in well under a minute; --queries-only checks just the query target, as quickly.

--reference DIR also measures bakerydemo (a checkout set up as README, "Speed", says) under the
same worker settings, and sets each uncached page type's rate against bakerydemo's geometric
mean. --compare-workers and --restarts measure what gunicorn.conf.py chose, and nothing else:
uncached rates under several worker settings, and the worst latencies while workers are renewed.

The default run takes about 20 minutes on SQLite (8 of them the load stage), and about
6 minutes more with PostgreSQL. A quick look: --seconds 1 --load-seconds 3 (about 3 minutes).
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from tests.seeded_site import (
    GUNICORN,
    HOSTS,
    PROJECT,
    free_port,
    load_stack_script,
    seeded_site,
    wait_until_up,
)

PAGE_TYPES = {
    "HomePage": "/",
    "ContestPage": "/contest/",
    "ContestStrandPage": "/contest/prevent/",
    "PreventDutyPage": "/prevent-duty/",
    "InformationPage": "/what-is-extremism/",
    "CommunityProjectIndexPage": "/community-projects/",
    "CommunityProjectPage": "/community-projects/parenting-programme/",
    "TrainingIndexPage": "/training/",
    "TrainingCoursePage": "/training/wrap/",
    "ConcernReportingPage": "/worried-about-someone/",
    "Finder answer": (
        "/worried-about-someone/who-should-i-contact/?danger=no&who=residents&about=child"
    ),
    "ContactDirectoryPage": "/contacts/",
    "NewsletterIndexPage": "/newsletter/",
    "NewsletterIssuePage": "/newsletter/july-2023/",
    "Search results": "/search/?q=prevent",
}
RESULTS = PROJECT / "benchmarks" / "results"
QUERY_TARGET = 8
P50_TARGET_MS = 15.0
LOAD_RATIO_TARGET = 0.5
# The uncached rate against bakerydemo's, side by side (issue: at least three times).
REFERENCE_GOAL = 3
STATIC_LABEL = "Static CSS (ceiling)"

COUNT_QUERIES = """
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
counts = {}
for name, path in json.loads(sys.argv[1]).items():
    client.get(path, HTTP_HOST=sys.argv[2])  # warm: steady state, as a running site has
    with CaptureQueriesContext(connection) as queries:
        client.get(path, HTTP_HOST=sys.argv[2])
    counts[name] = len(queries.captured_queries)
print(json.dumps(counts))
"""


def parse_duration_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(url, host, connections, seconds, headers=()):
    threads = min(connections, 2)  # the benchmark machine has 2 cores
    extra = [arg for header in headers for arg in ("-H", header)]
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Host: {host}",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = parse_duration_ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = parse_duration_ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    slowest = parse_duration_ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", output).group(1))
    # wrk prints these two lines only when there is something to count.
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    non_2xx = int(non_2xx.group(1)) if non_2xx else 0
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_errors = sum(int(n) for n in sockets.groups()) if sockets else 0
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "max": slowest,
        "non_2xx": non_2xx,
        "socket_errors": socket_errors,
        "errors": non_2xx + socket_errors,
    }


def served_from_cache(base, host, path):
    """Whether the page comes from the page cache: each worker keeps its own, so ask a few times."""
    for _ in range(6):
        request = urllib.request.Request(base + path, headers={"Host": host})
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.headers.get("X-Page-Cache") == "hit":
                return True
    return False


def count_queries(site, host):
    """Queries per page type on a warm process with the page cache off, whatever the server
    runs with: a cache hit makes none, so counting hits could never miss the target."""
    env = {**site.env, "PAGE_CACHE_SECONDS": "0"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup();\n" + COUNT_QUERIES,
            json.dumps(PAGE_TYPES),
            host,
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


CODINGS = ("identity", "gzip", "br")
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"  # what Chromium sends


def x_cache(url, host):
    """HIT when Varnish answers from its copy; PASS for what it never keeps (query strings)."""
    request = urllib.request.Request(
        url, headers={"Host": host, "Accept-Encoding": BROWSER_ENCODINGS}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("X-Cache", "-")


def fetch_size(base, host, path, coding):
    """Bytes on the wire for one page, asking for one content coding."""
    request = urllib.request.Request(base + path, headers={"Host": host, "Accept-Encoding": coding})
    with urllib.request.urlopen(request, timeout=30) as response:
        sent = response.headers.get("Content-Encoding", "identity")
        size = len(response.read())  # urllib does not decompress: these are the bytes sent
    # A page sent uncompressed although compression was asked for is marked with a star.
    return f"{size}" if sent == coding else f"{size}*"


def page_bytes(base, host, css_path):
    """Text table: bytes per page type, uncompressed, gzip and Brotli."""
    lines = [
        "Bytes per page type as sent (static CSS: precompressed at collectstatic)",
        f"{'page type':<28}{'plain':>9}{'gzip':>9}{'br':>9}{'br/plain':>10}",
    ]
    for name, path in [*PAGE_TYPES.items(), (STATIC_LABEL, css_path)]:
        plain, gz, br = (fetch_size(base, host, path, coding) for coding in CODINGS)
        ratio = int(br.rstrip("*")) / int(plain)
        lines.append(f"{name:<28}{plain:>9}{gz:>9}{br:>9}{ratio:>10.2f}")
    lines.append("(* sent uncompressed: too small, or it carries a visitor's own token)")
    return "\n".join(lines)


def bytes_only(database_url):
    with seeded_site(server="gunicorn", database_url=database_url) as site:
        host = f"{HOSTS['westminster']}:{site.port}"
        html = site.fetch("westminster", "/").decode()
        css_path = re.search(r'href="(/static/css/main[^"]*\.css)"', html).group(1)
        return page_bytes(f"http://127.0.0.1:{site.port}", host, css_path)


def query_check(queries):
    """(lines, passed): the query target, from count_queries' figures."""
    over = [name for name in PAGE_TYPES if queries.get(name, 0) > QUERY_TARGET]
    line = f"Target: at most {QUERY_TARGET} queries per page type with the page cache off: " + (
        "met" if not over else f"NOT met by {', '.join(over)}"
    )
    return [line], not over


def queries_only(database_url):
    with seeded_site(server="gunicorn", database_url=database_url) as site:
        queries = count_queries(site, f"{HOSTS['westminster']}:{site.port}")
    lines = [f"{name:<28}{queries.get(name, 0):>8}" for name in PAGE_TYPES]
    check, passed = query_check(queries)
    return "\n".join([f"{'page type':<28}{'queries':>8}", *lines, *check]), passed


def load_stage(label, base, host, css_path, seconds, connections):
    """Every page type and the CSS file under sustained load; returns (text, passed)."""
    rows = []
    for name, path in [*PAGE_TYPES.items(), (STATIC_LABEL, css_path)]:
        from_cache = None if path == css_path else served_from_cache(base, host, path)
        rows.append((name, from_cache, run_wrk(base + path, host, connections, seconds)))
    static_rps = rows[-1][2]["rps"]
    # gunicorn reads this variable too; say so, or the figures would pass for the real settings.
    overrides = os.environ.get("GUNICORN_CMD_ARGS")
    lines = [
        f"Load on {label}, page cache on (steady state), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{server_settings()}{f' ({overrides})' if overrides else ''}, "
        f"wrk -t2 -c{connections}, {seconds}s per run",
        f"{'page type':<28}{'cached':>7}{'rps':>9}{'p50':>8}{'p99':>8}"
        f"{'non-2xx':>9}{'socket':>8}{'ratio':>7}",
    ]
    for name, from_cache, run in rows:
        ratio = run["rps"] / static_rps if static_rps else 0.0
        mark = {True: "yes", False: "NO", None: "-"}[from_cache]
        lines.append(
            f"{name:<28}{mark:>7}{run['rps']:>9.0f}{run['p50']:>8.1f}{run['p99']:>8.1f}"
            f"{run['non_2xx']:>9}{run['socket_errors']:>8}{ratio:>7.2f}"
        )
    errors = sum(run["errors"] for _, _, run in rows)
    pages = rows[:-1]
    slowest_name, _, slowest = min(pages, key=lambda row: row[2]["rps"])
    lowest_ratio = slowest["rps"] / static_rps if static_rps else 0.0
    below = [name for name, _, run in pages if run["rps"] < LOAD_RATIO_TARGET * static_rps]
    lines += [
        "(latencies in milliseconds; ratio is the page's rate over the static file's rate;"
        " cached means the page cache answers it)",
        "Target: no errors: "
        + ("met" if not errors else f"NOT met ({errors} non-2xx responses or socket errors)"),
        f"Target: every page at least {LOAD_RATIO_TARGET} of the static file's rate: "
        + ("met" if not below else f"NOT met by {', '.join(below)}"),
    ]
    passed = not errors and not below
    lines.append(
        f"{'PASS' if passed else 'FAIL'}: {connections} connections for {seconds}s per run, "
        f"{errors} errors, slowest page {slowest_name} at {lowest_ratio:.2f} of the static "
        f"file's {static_rps:.0f} requests a second (target {LOAD_RATIO_TARGET})"
    )
    return "\n".join(lines), passed


def server_settings():
    """The worker settings the benchmarked gunicorn runs with (gunicorn.conf.py's defaults
    unless the environment changes them), for the tables' headings."""
    workers = os.environ.get("WEB_CONCURRENCY") or str((os.cpu_count() or 1) + 1)
    kind = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
    threads = os.environ.get("GUNICORN_THREADS", "1")
    return f"gunicorn {kind}, {workers} workers" + (
        f" x {threads} threads" if threads != "1" else ""
    )


@contextlib.contextmanager
def varnish_in_front(site, port, app_port=None):
    """Varnish on `port` with the project's VCL (the same files as `make stack`), in front of
    the seeded site's gunicorn (or another on `app_port`)."""
    with tempfile.TemporaryDirectory(prefix="bench-varnish-") as workdir:
        Path(workdir).chmod(0o755)  # Varnish reads the VCL as its own user
        stack = load_stack_script().Stack(
            {
                **site.env,
                "STACK_DIR": workdir,
                "STACK_PORT": str(port),
                "STACK_APP_PORTS": str(app_port or site.port),
            }
        )
        site.manage("write_unavailable_page", f"{workdir}/503.html")
        stack.start_varnish()
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            stack.stop("varnish")


# bakerydemo (github.com/wagtail/bakerydemo), the reference for the uncached rate: its pages
# of each kind (home, listings, articles, a standard page, search), which keep nothing cached.
REFERENCE_PAGES = (
    "/",
    "/blog/",
    "/blog/wild-yeast/",
    "/breads/",
    "/breads/anadama-bread/",
    "/locations/",
    "/locations/hof/",
    "/about/",
    "/recipes/hot-cross-bun/",
    "/search/?q=bread",
)


def geometric_mean(rates):
    return statistics.geometric_mean(rates) if rates else 0.0


def _wait_for_reference(port, process):
    deadline = time.monotonic() + 60
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/about/", headers={"X-Forwarded-Proto": "https"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError("The reference site did not start")
        time.sleep(0.3)


def reference_rates(directory, seconds):
    """bakerydemo's uncached rate per page at 1 connection, with its demo content in a fresh
    SQLite database, under the same gunicorn worker settings as this site. `directory` is a
    bakerydemo checkout with its requirements and gunicorn installed in .venv (README)."""
    directory = Path(directory).resolve()
    python = directory / ".venv" / "bin" / "python"
    if not python.exists():
        sys.exit(f"No {python}: see README, 'Speed', for setting up the reference site.")
    with tempfile.TemporaryDirectory(prefix="bench-reference-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
            "DJANGO_SECRET_KEY": "reference-only-not-secret-" + "x" * 30,
            "DATABASE_URL": f"sqlite:///{workdir}/db.sqlite3",
        }
        for command in (["migrate", "--noinput"], ["load_initial_data"]):
            subprocess.run(
                [python, "manage.py", *command],
                cwd=directory,
                env=env,
                check=True,
                capture_output=True,
                timeout=600,
            )
        port = free_port()
        workers = os.environ.get("WEB_CONCURRENCY") or str((os.cpu_count() or 1) + 1)
        command = [python, "-m", "gunicorn", "bakerydemo.wsgi", "-b", f"127.0.0.1:{port}"]
        process = subprocess.Popen(
            [*command, "-w", workers, "-k", "sync", "--log-level", "warning"],
            cwd=directory,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for_reference(port, process)
            # The first visit to each page makes its image renditions (seconds each): before
            # any timing, as a running site would have them.
            for path in REFERENCE_PAGES:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
                connection.getresponse().read()
                connection.close()
            rates = {}
            for path in REFERENCE_PAGES:
                url = f"http://127.0.0.1:{port}{path}"
                headers = ["X-Forwarded-Proto: https"]  # its production settings want HTTPS
                run_wrk(url, "localhost", 8, 1, headers)
                rates[path] = run_wrk(url, "localhost", 1, seconds, headers)["rps"]
            return rates
        finally:
            process.terminate()
            process.wait(timeout=30)


def uncached_summary(page_rows, reference):
    """Lines under the uncached table: the geometric mean, and bakerydemo's when measured."""
    ours = geometric_mean([one["rps"] for _, _, one, _ in page_rows])
    lines = [f"Geometric mean over the page types at 1 connection: {ours:.0f} a second"]
    if reference:
        bakery = geometric_mean(list(reference.values()))
        met = "met" if ours >= REFERENCE_GOAL * bakery else "NOT met"
        lines += [
            f"bakerydemo, same machine and worker settings, {len(reference)} pages: "
            f"{bakery:.0f} a second; this site {ours / bakery:.1f} times that "
            f"(goal {REFERENCE_GOAL:g}: {met})",
            "bakerydemo per page: "
            + ", ".join(f"{path} {rate:.0f}" for path, rate in reference.items()),
        ]
    return lines


def cached_summary(page_rows, static_direct, through_varnish):
    """Lines under the cached table: the slowest page against the static file, direct and
    through Varnish."""
    ratio = min(many["rps"] for _, _, _, many in page_rows) / static_direct
    lines = [f"Slowest cached page at 16 connections: {ratio:.2f} of the static file's rate"]
    kept = [front["rps"] for front in through_varnish[:-1] if front["x_cache"] == "HIT"]
    if kept:
        passed = [
            row[0]
            for row, front in zip(page_rows, through_varnish[:-1], strict=True)
            if front["x_cache"] != "HIT"
        ]
        lines.append(
            "Through Varnish (deploy/varnish/default.vcl) at 16 connections, slowest page it "
            f"keeps: {min(kept) / through_varnish[-1]['rps']:.2f} of the static file's rate "
            f"through Varnish; passed to the app (query strings): {', '.join(passed) or 'none'}"
        )
    return lines


def bench(label, database_url, seconds, cached, load=None, reference=None):
    """One server, one table; with load=(seconds, connections), the load stage too; with the
    page cache on and Varnish installed, the same pages through Varnish; with the page cache
    off and `reference` (bakerydemo's rates), each page's rate against bakerydemo's.

    Returns (text, passed): with the page cache off, whether the query target is met; with it
    on, whether the load stage passed (None when there was none)."""
    extra_env = {"PAGE_CACHE_SECONDS": "600" if cached else "0"}
    varnish_port = free_port() if cached and shutil.which("varnishd") else None
    if varnish_port:  # the app marks pages shareable only with a CDN to purge
        extra_env |= {"VARNISH_URL": f"http://127.0.0.1:{varnish_port}", "TRUSTED_PROXY_HOPS": "1"}
    with seeded_site(server="gunicorn", database_url=database_url, extra_env=extra_env) as site:
        host = f"{HOSTS['westminster']}:{site.port}"
        base = f"http://127.0.0.1:{site.port}"
        html = site.fetch("westminster", "/").decode()
        css_path = re.search(r'href="(/static/css/main[^"]*\.css)"', html).group(1)
        queries = count_queries(site, host) if not cached else {}
        sizes = page_bytes(base, host, css_path) if cached else ""
        pages = [*PAGE_TYPES.items(), (STATIC_LABEL, css_path)]
        rows = []
        for name, path in pages:
            run_wrk(base + path, host, 8, 1)  # every worker warm
            one = run_wrk(base + path, host, 1, seconds)
            many = run_wrk(base + path, host, 16, seconds)
            rows.append((name, queries.get(name, "-"), one, many))
        # After the runs above, so every worker's cache is warm: the steady state.
        load_text, passed = load_stage(label, base, host, css_path, *load) if load else ("", None)
        through_varnish = []
        if varnish_port:
            with varnish_in_front(site, varnish_port) as front:
                for _, path in pages:
                    # As browsers ask: each encoding is a copy of its own in Varnish.
                    headers = [f"Accept-Encoding: {BROWSER_ENCODINGS}"]
                    run_wrk(front + path, host, 8, 1, headers)  # Varnish holds it now
                    run = run_wrk(front + path, host, 16, seconds, headers)
                    run["x_cache"] = x_cache(front + path, host)
                    through_varnish.append(run)
    mode = "page cache on (steady state)" if cached else "page cache off (every request renders)"
    lines = [
        f"Benchmark on {label}, {mode}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{server_settings()}, {seconds}s per run",
        f"{'page type':<28}{'queries':>8}{'rps@1':>9}{'p50@1':>8}{'p99@1':>8}"
        f"{'rps@16':>9}{'p50@16':>8}{'p99@16':>8}{'errors':>8}"
        + (f"{'x bakery':>10}" if reference and not cached else "")
        + (f"{'/ css':>7}{'varnish@16':>12}{'/ css':>7}{'varnish':>9}" if through_varnish else ""),
    ]
    bakery = geometric_mean(list(reference.values())) if reference else 0.0
    static_direct = rows[-1][3]["rps"]
    static_varnish = through_varnish[-1]["rps"] if through_varnish else 0.0
    for index, (name, n_queries, one, many) in enumerate(rows):
        line = (
            f"{name:<28}{n_queries:>8}{one['rps']:>9.0f}{one['p50']:>8.1f}{one['p99']:>8.1f}"
            f"{many['rps']:>9.0f}{many['p50']:>8.1f}{many['p99']:>8.1f}"
            f"{one['errors'] + many['errors']:>8}"
        )
        if reference and not cached:
            line += f"{one['rps'] / bakery:>10.1f}"
        if through_varnish:
            front = through_varnish[index]
            line += (
                f"{many['rps'] / static_direct:>7.2f}{front['rps']:>12.0f}"
                f"{front['rps'] / static_varnish:>7.2f}{front['x_cache']:>9}"
            )
        lines.append(line)
    page_rows = [row for row in rows if not row[0].startswith("Static")]
    slow = [name for name, _, one, _ in page_rows if one["p50"] >= P50_TARGET_MS]
    if not cached:
        check, queries_passed = query_check(queries)
        lines += check + uncached_summary(page_rows, reference)
        passed = queries_passed if passed is None else passed and queries_passed
    if cached:
        lines += cached_summary(page_rows, static_direct, through_varnish)
    if label == "SQLite" and cached:
        lines.append(
            f"Targets: single-connection p50 under {P50_TARGET_MS:.0f} ms: "
            + ("met" if not slow else f"NOT met by {', '.join(slow)}")
        )
    lines.append(
        "(latencies in milliseconds; / css: the rate over the static CSS file's; through Varnish"
        f" wrk sends Accept-Encoding: {BROWSER_ENCODINGS}, and varnish is its X-Cache)"
        if through_varnish
        else "(latencies in milliseconds)"
    )
    if sizes:
        lines += ["", sizes]
    text = "\n".join(lines)
    return (text + "\n\n" + load_text if load_text else text), passed


# Choosing the server settings (gunicorn.conf.py): --compare-workers and --restarts

WORKER_SETTINGS = {
    "sync, 2 workers": {"WEB_CONCURRENCY": "2"},
    "sync, 3 workers (shipped on 2 cores)": {"WEB_CONCURRENCY": "3"},
    "sync, 4 workers": {"WEB_CONCURRENCY": "4"},
    "gthread, 2 workers x 2 threads": {
        "WEB_CONCURRENCY": "2",
        "GUNICORN_WORKER_CLASS": "gthread",
        "GUNICORN_THREADS": "2",
    },
    "gthread, 4 workers x 2 threads": {
        "WEB_CONCURRENCY": "4",
        "GUNICORN_WORKER_CLASS": "gthread",
        "GUNICORN_THREADS": "2",
    },
}
COMPARE_PAGES = ("HomePage", "InformationPage")


@contextlib.contextmanager
def gunicorn(site, overrides, log=None):
    """Another gunicorn on the seeded site's database, with some settings changed."""
    port = free_port()
    env = {**site.env, **overrides, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    command = [*GUNICORN[:-1], "info"] if log else GUNICORN
    output = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=output, stderr=output)
    try:
        wait_until_up(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        if log:
            output.close()


def compare_workers(database_url, seconds, rounds):
    """Uncached rates (page cache off) of two page types under each worker setting: straight
    to gunicorn at 1 and 16 connections, and through Varnish at 16 (the production shape:
    Varnish keeps its connections to the app open, which gthread workers allow and sync
    workers do not; without a CDN address the app marks nothing shareable, so every request
    goes through to the app). The settings are taken in turn, `rounds` times over, so a busy
    moment on the machine does not decide: medians. Returns the text."""
    runs = {name: {} for name in WORKER_SETTINGS}
    varnish = shutil.which("varnishd")
    with seeded_site(
        server="gunicorn", database_url=database_url, extra_env={"PAGE_CACHE_SECONDS": "0"}
    ) as site:
        host = f"{HOSTS['westminster']}:{site.port}"
        for _ in range(rounds):
            for name, overrides in WORKER_SETTINGS.items():
                with gunicorn(site, overrides) as port:
                    bases = {1: f"http://127.0.0.1:{port}", 16: f"http://127.0.0.1:{port}"}
                    with (
                        varnish_in_front(site, free_port(), port)
                        if varnish
                        else (contextlib.nullcontext()) as front
                    ):
                        measured = [(1, bases[1], ""), (16, bases[16], "")]
                        measured += [(16, front, "V")] if front else []
                        for page in COMPARE_PAGES:
                            for connections, base, via in measured:
                                url = base + PAGE_TYPES[page]
                                run_wrk(url, host, 8, 1)  # every worker warm
                                run = run_wrk(url, host, connections, seconds)
                                runs[name].setdefault((page, connections, via), []).append(run)
    columns = list(next(iter(runs.values())))
    header = "".join(
        f"{f'{page[:-4]} @{c}{" Varnish" if via else ""}':>22}" for page, c, via in columns
    )
    lines = [
        f"Worker settings, page cache off, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, medians of "
        f"{rounds} rounds of {seconds}s: requests a second (p99 in ms)",
        f"{'setting':<32}{header}",
    ]
    for name, found in runs.items():
        cells = ""
        for column in columns:
            rps = statistics.median(run["rps"] for run in found[column])
            p99 = statistics.median(run["p99"] for run in found[column])
            cells += f"{f'{rps:.0f} ({p99:.0f})':>22}"
        lines.append(f"{name:<32}{cells}")
    return "\n".join(lines)


RESTART_SETTINGS = {
    "staggered renewals, preloaded (shipped)": {},
    "random jitter, not preloaded": {
        "GUNICORN_MAX_REQUESTS_JITTER": "1000",
        "GUNICORN_PRELOAD": "false",
    },
}


def restarts(database_url, seconds, budget):
    """Cached pages under 64 connections while workers are renewed every `budget` requests:
    the worst latencies, with renewals staggered (shipped) and with gunicorn's random jitter.
    Returns the text."""
    lines = [
        f"Worker renewals, page cache on, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, max_requests "
        f"{budget}, wrk -t2 -c64 for {seconds}s on {PAGE_TYPES['ContestPage']}",
        f"{'setting':<42}{'renewals':>9}{'rps':>8}{'p99':>8}{'max':>8}{'errors':>8}",
    ]
    with seeded_site(server="gunicorn", database_url=database_url) as site:
        host = f"{HOSTS['westminster']}:{site.port}"
        for name, overrides in RESTART_SETTINGS.items():
            log = RESULTS / "gunicorn-restarts.log"
            settings = {"GUNICORN_MAX_REQUESTS": str(budget), **overrides}
            with gunicorn(site, settings, log=log) as port:
                url = f"http://127.0.0.1:{port}" + PAGE_TYPES["ContestPage"]
                run_wrk(url, host, 8, 1)
                run = run_wrk(url, host, 64, seconds)
            renewed = log.read_text().count("Autorestarting worker")
            lines.append(
                f"{name:<42}{renewed:>9}{run['rps']:>8.0f}{run['p99']:>8.1f}"
                f"{run['max']:>8.0f}{run['errors']:>8}"
            )
            log.unlink()
    lines.append("(latencies in milliseconds)")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument(
        "--load-seconds",
        type=int,
        default=30,
        help="length of each load-stage run (0 leaves the load stage out)",
    )
    parser.add_argument(
        "--load-connections", type=int, default=64, help="connections in the load stage"
    )
    parser.add_argument(
        "--bytes-only",
        action="store_true",
        help="only weigh each page type, plain and compressed (no wrk runs)",
    )
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="only count each page type's queries with the page cache off (no wrk runs)",
    )
    parser.add_argument(
        "--reference",
        metavar="DIR",
        help="a bakerydemo checkout set up as README, 'Speed', says: compare uncached rates",
    )
    parser.add_argument(
        "--compare-workers",
        action="store_true",
        help="only compare gunicorn worker settings, page cache off (about 8 minutes)",
    )
    parser.add_argument(
        "--restarts",
        action="store_true",
        help="only compare worker renewals, staggered and random, page cache on (2 minutes)",
    )
    args = parser.parse_args()
    if args.bytes_only:
        print(bytes_only(os.environ.get("DATABASE_URL") or None))
        return
    if args.queries_only:
        text, passed = queries_only(os.environ.get("DATABASE_URL") or None)
        print(text)
        sys.exit(0 if passed else 1)
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run `apt-get install wrk` (Debian) and try again.")
    RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("DATABASE_URL") or None
    if args.compare_workers or args.restarts:
        if args.compare_workers:
            text = compare_workers(database_url, args.seconds, rounds=2)
            print(text)
            (RESULTS / "workers.txt").write_text(text + "\n", encoding="utf-8")
        if args.restarts:
            text = restarts(database_url, max(args.load_seconds, 40), budget=10000)
            print(text)
            (RESULTS / "restarts.txt").write_text(text + "\n", encoding="utf-8")
        return
    runs = [("SQLite", None)]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        runs.append(("PostgreSQL", os.environ["DATABASE_URL"]))
    load = (args.load_seconds, args.load_connections) if args.load_seconds > 0 else None
    reference = reference_rates(args.reference, args.seconds) if args.reference else None
    results = []
    for label, database_url in runs:
        tables = []
        for cached in (False, True):
            # The load stage needs the cache on, and once is enough (see above).
            with_load = load if cached and label == "SQLite" else None
            text, passed = bench(
                label, database_url, args.seconds, cached, with_load, reference=reference
            )
            tables.append(text)
            results.append(passed)
        text = "\n\n".join(tables)
        print(text + "\n")
        (RESULTS / f"bench-{label.lower()}.txt").write_text(text + "\n", encoding="utf-8")
    print(f"Written to {RESULTS.relative_to(PROJECT)}/")
    if False in results:
        sys.exit(1)


if __name__ == "__main__":
    main()
