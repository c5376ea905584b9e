"""gunicorn settings for production (the Dockerfile's command, `make stack` and `make bench` use
this file). The choices below were measured with `make bench` on a 2-core machine; README,
"Speed", has the figures. Each can be changed by an environment variable for a bigger machine.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")

# Sync workers, one request at a time each, one more of them than there are cores. Measured
# with `make bench BENCH_ARGS=--compare-workers` on 2 cores (README, "Speed"): through Varnish,
# as production runs, 3 sync workers served uncached pages as fast as 2 gthread workers with
# 2 threads each (218 and 182 a second against 224 and 163) with a lower p99 (91 and 115 ms
# against 169 and 151). gthread only wins straight to gunicorn with kept-alive connections,
# and even then its p99 on one connection was 113 ms against 14: a kept-alive connection stays
# with the thread that accepted it while the page is Python work the threads cannot share out.
# Varnish (or any proxy) in front holds slow clients and keep-alive, which sync workers must
# not face themselves. 4 sync workers were slower through Varnish (176, p99 289 ms): beyond
# one spare, the workers only take turns on the cores.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
workers = int(os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A request that takes longer than this is stuck (a hanging database or mail server):
# the worker is replaced rather than left to pile up requests.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20

# The application is loaded once, before the workers are forked, so a worker that is replaced
# starts in milliseconds with the code already imported, instead of importing Django and
# Wagtail again for about two seconds while its share of the requests waits. (No database
# connection or cache is opened while loading, so none is shared between workers.)
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"

# Workers are renewed now and then as a guard against slow memory growth, never all at once:
# see pre_fork below. A renewal costs a worker its warm local caches, so rarely: at the cached
# rate (about 1,000 pages a second per worker) every few minutes, uncached every few hours.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
# No random jitter: random budgets drift together as often as apart, and two workers renewed
# within a second of each other stalled every request for over a second. Measured with `make
# bench BENCH_ARGS=--restarts` (renewals every 10,000 requests under 64 connections for 40 s):
# staggered and preloaded, 3,034 cached pages a second, p99 38 ms, no errors; gunicorn's random
# jitter without preloading, 2,557 a second, p99 46 ms and 128 failed requests. A jitter given
# here replaces the staggering.
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "0"))


def when_ready(server):
    """Loading the application opens nothing on purpose, but whatever it did open (a database
    connection, a cache client) must not be shared by the forked workers: close it here."""
    if not server.cfg.preload_app:
        return
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    for cache in caches.all(initialized_only=True):
        cache.close()


def on_reload(server):
    """A reload (HUP) starts a fresh set of workers: stagger them as at start."""
    server.stagger_from_age = server.worker_age


def pre_fork(server, worker):
    """Stagger the renewals: the k-th of a fresh set of n workers is first renewed after k/n of
    max_requests, then after max_requests each time. With the requests shared evenly, worker
    renewals then fall evenly apart (with 4 workers, a quarter of the budget apart), never
    together. (A worker replaced early, after a timeout, starts on a full budget.)"""
    if not server.cfg.max_requests or server.cfg.max_requests_jitter:
        return
    nth = worker.age - getattr(server, "stagger_from_age", 0)
    if 1 <= nth <= server.num_workers:
        worker.max_requests = server.cfg.max_requests * nth // server.num_workers


accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn 25.1+ opens a control socket (for `gunicornc`) at one path per user,
# $XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl, so a second instance on the same
# machine fails with "Control server error: File exists". Each instance gets its own path from
# GUNICORN_CONTROL_SOCKET, or none at all: nothing here uses it, and a container has one
# instance anyway (`make stack` runs two side by side, each with its own, see scripts/stack).
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
# A pid file per instance when asked for (scripts/stack); none by default.
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
