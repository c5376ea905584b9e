"""Speed benchmark: `make bench`.

Starts the site under gunicorn with the production settings (2 workers) and the seed content,
then measures each page type with wrk on 127.0.0.1: requests per second and p50/p99 latency at
1 and 16 connections, beside the main CSS file served by the same server as the ceiling, and the
database queries each page makes with the page cache off (every request renders the page, on
a warm process), at most QUERY_TARGET per page type or the run fails. It runs twice: with the
page cache off and on (steady state for anonymous visitors). Runs on SQLite, and also on
PostgreSQL when DATABASE_URL is set (the seeded sites in that database are rebuilt). Prints
the tables and writes them to benchmarks/results/. A benchmark, not a test: bounded runs only.

With the page cache on, a load stage then runs every page type and the CSS file for 30 seconds
each under 64 connections (--load-seconds, --load-connections) and checks two targets: no
errors (non-2xx responses or socket errors), and every page at least half the CSS file's rate.
It prints PASS or FAIL and exits non-zero on FAIL. A cache hit reads no database, so the load
stage runs on SQLite only.

Each run also weighs every page type as sent: uncompressed, gzip and Brotli (the
Accept-Encoding a browser sends decides which). --bytes-only prints just that table, without
wrk, in well under a minute; --queries-only checks just the query target, as quickly.

The default run takes about 15 minutes on SQLite (8 of them the load stage), and about
6 minutes more with PostgreSQL. A quick look: --seconds 1 --load-seconds 3 (about 3 minutes).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from datetime import UTC, datetime

from tests.seeded_site import HOSTS, PROJECT, seeded_site

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


def run_wrk(url, host, connections, seconds):
    threads = min(connections, 2)  # the benchmark machine has 2 cores
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Host: {host}",
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
        f"gunicorn 2 workers{f' ({overrides})' if overrides else ''}, "
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


def bench(label, database_url, seconds, cached, load=None):
    """One server, one table; with load=(seconds, connections), the load stage too.

    Returns (text, passed): with the page cache off, whether the query target is met; with it
    on, whether the load stage passed (None when there was none)."""
    cache_seconds = "600" if cached else "0"
    with seeded_site(
        server="gunicorn",
        database_url=database_url,
        extra_env={"PAGE_CACHE_SECONDS": cache_seconds},
    ) as site:
        host = f"{HOSTS['westminster']}:{site.port}"
        base = f"http://127.0.0.1:{site.port}"
        html = site.fetch("westminster", "/").decode()
        css_path = re.search(r'href="(/static/css/main[^"]*\.css)"', html).group(1)
        queries = count_queries(site, host) if not cached else {}
        sizes = page_bytes(base, host, css_path) if cached else ""
        rows = []
        for name, path in [*PAGE_TYPES.items(), (STATIC_LABEL, css_path)]:
            one = run_wrk(base + path, host, 1, seconds)
            many = run_wrk(base + path, host, 16, seconds)
            rows.append((name, queries.get(name, "-"), one, many))
        # After the runs above, so every worker's cache is warm: the steady state.
        load_text, passed = load_stage(label, base, host, css_path, *load) if load else ("", None)
    mode = "page cache on (steady state)" if cached else "page cache off (every request renders)"
    lines = [
        f"Benchmark on {label}, {mode}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"gunicorn 2 workers, {seconds}s per run",
        f"{'page type':<28}{'queries':>8}{'rps@1':>9}{'p50@1':>8}{'p99@1':>8}"
        f"{'rps@16':>9}{'p50@16':>8}{'p99@16':>8}{'errors':>8}",
    ]
    for name, n_queries, one, many in rows:
        lines.append(
            f"{name:<28}{n_queries:>8}{one['rps']:>9.0f}{one['p50']:>8.1f}{one['p99']:>8.1f}"
            f"{many['rps']:>9.0f}{many['p50']:>8.1f}{many['p99']:>8.1f}"
            f"{one['errors'] + many['errors']:>8}"
        )
    pages = [row for row in rows if not row[0].startswith("Static")]
    slow = [name for name, _, one, _ in pages if one["p50"] >= P50_TARGET_MS]
    if not cached:
        check, queries_passed = query_check(queries)
        lines += check
        passed = queries_passed if passed is None else passed and queries_passed
    if cached:
        static_rps = rows[-1][3]["rps"]
        ratio = min(many["rps"] for _, _, _, many in pages) / static_rps
        lines.append(
            f"Slowest cached page at 16 connections: {ratio:.2f} of the static file's rate"
        )
    if label == "SQLite" and cached:
        lines.append(
            f"Targets: single-connection p50 under {P50_TARGET_MS:.0f} ms: "
            + ("met" if not slow else f"NOT met by {', '.join(slow)}")
        )
    lines.append("(latencies in milliseconds)")
    if sizes:
        lines += ["", sizes]
    text = "\n".join(lines)
    return (text + "\n\n" + load_text if load_text else text), passed


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
    runs = [("SQLite", None)]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        runs.append(("PostgreSQL", os.environ["DATABASE_URL"]))
    load = (args.load_seconds, args.load_connections) if args.load_seconds > 0 else None
    results = []
    for label, database_url in runs:
        tables = []
        for cached in (False, True):
            # The load stage needs the cache on, and once is enough (see above).
            with_load = load if cached and label == "SQLite" else None
            text, passed = bench(label, database_url, args.seconds, cached, with_load)
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
