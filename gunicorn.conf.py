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
