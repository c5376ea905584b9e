"""gunicorn.conf.py renews its workers one at a time: the k-th of n fresh workers first after
k/n of max_requests, so no two are ever renewed together (a shared stall of a second or more
for every request in flight). Proven on a real gunicorn with the project's configuration."""

import http.client
import os
import subprocess
import sys
import time
from collections import Counter

import pytest

from tests.seeded_site import PROJECT, free_port

APP = """
import os

def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [str(os.getpid()).encode()]
"""


def serving_pid(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/", headers={"Connection": "close"})
        return int(connection.getresponse().read())
    finally:
        connection.close()


@pytest.fixture
def gunicorn(tmp_path):
    (tmp_path / "pid_app.py").write_text(APP)
    port = free_port()
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "3",
        "GUNICORN_MAX_REQUESTS": "30",
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{PROJECT}",
    }
    env.pop("GUNICORN_CONTROL_SOCKET", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "pid_app:app", "-c", str(PROJECT / "gunicorn.conf.py")],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    served = Counter()  # requests served by each worker, by process id
    try:
        deadline = time.monotonic() + 60  # a loaded machine starts it slowly
        while True:
            try:
                served[serving_pid(port)] += 1
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("gunicorn did not start")
                time.sleep(0.1)  # gunicorn is starting
        yield port, served
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_first_workers_are_renewed_a_third_of_the_budget_apart(gunicorn):
    port, served = gunicorn
    first_workers = []
    for _ in range(400):
        served[serving_pid(port)] += 1
        # The three workers started together have the lowest process ids (forked first).
        first_workers = sorted(served)[:3]
        if sorted(served[pid] for pid in first_workers) == [10, 20, 30]:
            break
    # Each served its budget and was replaced: a third, two thirds and all of the 30 requests
    # of max_requests, so their renewals fell apart whichever took the connections.
    assert sorted(served[pid] for pid in first_workers) == [10, 20, 30]
    # Their replacements serve the whole budget.
    assert all(count <= 30 for count in served.values())
