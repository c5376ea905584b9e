"""On SQLite (make run), two saves at the same moment both succeed: the page editor saves a draft
and a preview together, and one of them used to fail with "database is locked"."""

import contextlib
import threading

import pytest
from django.conf import settings
from django.db import connections, transaction

pytestmark = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"), reason="SQLite only"
)

ALIAS = "officers"


def in_thread(work):
    """Run database work in a thread of its own, as a web server's request would (and away from
    any event loop another test left running in this one). Returns what it returned."""
    result = {}

    def run():
        try:
            result["value"] = work()
        finally:
            connections[ALIAS].close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    return result.get("value")


@pytest.fixture
def file_database(tmp_path, django_db_blocker):
    """The project's SQLite settings on a file of its own, as `make run` uses them."""
    connections.settings[ALIAS] = {
        **connections.settings["default"],
        "NAME": str(tmp_path / "db.sqlite3"),
        "TEST": {},
    }

    def create():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE saves (who TEXT)")

    with django_db_blocker.unblock():
        in_thread(create)
        yield ALIAS
    del connections.settings[ALIAS]


def test_two_saves_that_both_read_first_each_get_their_turn(file_database):
    both_have_read = threading.Barrier(2)
    errors = []

    def save(who):
        try:
            with (
                transaction.atomic(using=file_database),
                connections[file_database].cursor() as cursor,
            ):
                cursor.execute("SELECT count(*) FROM saves")  # a save reads, then writes
                # Both read before either writes, unless one waits for the other's lock.
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_have_read.wait(timeout=1)
                cursor.execute("INSERT INTO saves VALUES (%s)", [who])
        except Exception as error:  # whatever went wrong is the failure
            errors.append(repr(error))
        finally:
            connections[file_database].close()

    threads = [threading.Thread(target=save, args=(who,)) for who in ("draft", "preview")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    def saved():
        with connections[file_database].cursor() as cursor:
            cursor.execute("SELECT who FROM saves ORDER BY who")
            return [row[0] for row in cursor.fetchall()]

    assert errors == []
    assert in_thread(saved) == ["draft", "preview"]
