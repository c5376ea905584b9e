"""The link checker's tests visit a local website only (fake_website.py), never the internet."""

from urllib.parse import urlsplit

import pytest
import requests

from tests.linkcheck.fake_website import running_website


@pytest.fixture
def website():
    with running_website() as server:
        yield server


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Fails a test whose content would send the checker to a real website."""
    send = requests.Session.request

    def local_only(session, method, url, *args, **kwargs):
        host = urlsplit(url).hostname or ""
        if host not in ("127.0.0.1", "localhost") and not host.endswith(".invalid"):
            pytest.fail(f"The link checker was about to visit {url} on the internet.")
        return send(session, method, url, *args, **kwargs)

    monkeypatch.setattr(requests.Session, "request", local_only)
