"""The 503 page Varnish serves when no app instance answers: written by a command, without the
database, with the 999 notice and the national helplines."""

from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connections


def test_the_unavailable_page_is_written_without_the_database(tmp_path, monkeypatch):
    def no_database(*args, **kwargs):
        raise AssertionError("The 503 page must not need the database")

    monkeypatch.setattr(connections["default"], "ensure_connection", no_database)
    target = tmp_path / "pages" / "503.html"
    target.parent.mkdir()
    target.write_text("the page of the release before")
    call_command("write_unavailable_page", str(target))

    page = BeautifulSoup(target.read_text(), "html.parser")
    assert page.select_one("h1").get_text(strip=True) == "Sorry, the service is unavailable"
    assert "call 999" in page.get_text(" ", strip=True)
    assert "ACT Early Support Line" in page.get_text(" ", strip=True)
    assert not list(tmp_path.glob("pages/*.partial"))
