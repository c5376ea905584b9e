"""Speed benchmark: `make bench`.

Starts the site under gunicorn with the production settings (2 workers) and the seed content,
then measures each page type with wrk on 127.0.0.1: requests per second and p50/p99 latency at
1 and 16 connections, beside the main CSS file served by the same server as the ceiling, and the
database queries each page makes. It runs twice: with the page cache off (every request
renders the page) and on (steady state for anonymous visitors). Runs on SQLite, and also on
PostgreSQL when DATABASE_URL is set (the seeded sites in that database are rebuilt). Prints
the tables and writes them to benchmarks/results/. A benchmark, not a test: bounded runs only.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seeded_site import HOSTS, PROJECT, seeded_site

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
QUERY_TARGET = 12
P50_TARGET_MS = 15.0

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
    threads = min(connections, 2)
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
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": int(errors.group(1)) if errors else 0}


def count_queries(site, host):
    env = {**site.env}
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


def bench(label, database_url, seconds, cached):
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
        queries = count_queries(site, host)
        rows = []
        for name, path in [*PAGE_TYPES.items(), ("Static CSS (ceiling)", css_path)]:
            one = run_wrk(base + path, host, 1, seconds)
            many = run_wrk(base + path, host, 16, seconds)
            rows.append((name, queries.get(name, 0), one, many))
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
    over_queries = [name for name, n, _, _ in pages if n > QUERY_TARGET]
    slow = [name for name, _, one, _ in pages if one["p50"] >= P50_TARGET_MS]
    if cached:
        lines.append(
            f"Target: at most {QUERY_TARGET} queries per page type in steady state: "
            + ("met" if not over_queries else f"NOT met by {', '.join(over_queries)}")
        )
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
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run `apt-get install wrk` (Debian) and try again.")
    RESULTS.mkdir(parents=True, exist_ok=True)
    runs = [("SQLite", None)]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        runs.append(("PostgreSQL", os.environ["DATABASE_URL"]))
    for label, database_url in runs:
        tables = [bench(label, database_url, args.seconds, cached) for cached in (False, True)]
        text = "\n\n".join(tables)
        print(text + "\n")
        (RESULTS / f"bench-{label.lower()}.txt").write_text(text + "\n", encoding="utf-8")
    print(f"Written to {RESULTS.relative_to(PROJECT)}/")


if __name__ == "__main__":
    main()
