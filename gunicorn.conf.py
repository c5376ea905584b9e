"""gunicorn settings for production (the Dockerfile's command uses this file)."""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A request that takes longer than this is stuck (a hanging database or mail server):
# the worker is replaced rather than left to pile up requests.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Workers are renewed now and then as a guard against slow memory growth. Rarely: a new worker
# takes about two seconds to start and begins with an empty local cache, so renewing every
# few thousand requests costs half the throughput under a traffic spike (see `make bench`).
max_requests = 50000
max_requests_jitter = 5000
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
