"""Behind reverse proxies, sign-in throttling and rate limits count each visitor's own address,
found TRUSTED_PROXY_HOPS entries from the right of X-Forwarded-For, which a visitor cannot forge."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from pages.client_address import client_address
from tests import factories
from tests.accounts.test_admin_sign_in import sign_in

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the proxy in front of the site: every request arrives from it
ATTACKER = "203.0.113.66"
OFFICER = "198.51.100.7"


def through_proxy(visitor, sent_by_visitor=""):
    """The headers the site sees when the proxy appends the visitor's address to whatever
    X-Forwarded-For the visitor sent."""
    forwarded = f"{sent_by_visitor}, {visitor}" if sent_by_visitor else visitor
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True


def guess_five_times(client, **headers):
    return [sign_in(client, password="wrong-password", **headers).status_code for _ in range(5)]


def test_behind_a_proxy_an_attacker_locks_out_only_their_own_address(
    client, editor, settings, throttled
):
    settings.TRUSTED_PROXY_HOPS = 1
    assert guess_five_times(client, **through_proxy(ATTACKER))[-1] == 429
    assert sign_in(client, **through_proxy(ATTACKER)).status_code == 429
    # The officer comes through the same proxy, and signs in.
    assert sign_in(client, **through_proxy(OFFICER)).status_code == 302


def test_a_forged_forwarded_address_neither_frees_the_attacker_nor_locks_the_officer(
    client, editor, settings, throttled
):
    settings.TRUSTED_PROXY_HOPS = 1
    # The attacker claims to be the officer, then a new address on every try.
    statuses = [
        sign_in(client, password="wrong", **through_proxy(ATTACKER, forged)).status_code
        for forged in (OFFICER, "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4")
    ]
    assert statuses[-1] == 429
    assert sign_in(client, **through_proxy(ATTACKER, "192.0.2.99")).status_code == 429
    assert sign_in(client, **through_proxy(OFFICER)).status_code == 302


def test_with_no_proxy_configured_the_header_is_ignored(client, editor, settings, throttled):
    settings.TRUSTED_PROXY_HOPS = 0
    statuses = [
        sign_in(
            client,
            password="wrong",
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(5)
    ]
    assert statuses[-1] == 429
    # Claiming the officer's address does not get the attacker in either.
    assert sign_in(client, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=OFFICER).status_code == 429
    assert sign_in(client, REMOTE_ADDR=OFFICER).status_code == 302


@pytest.fixture
def newsletter(home_page):
    return factories.NewsletterIndexPageFactory(parent=home_page)


def sign_up(client, n, **headers):
    return client.post("/email/subscribe/", {"email": f"r{n}@example.org"}, **headers).status_code


def test_behind_a_proxy_each_resident_has_their_own_sign_up_limit(client, newsletter, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    assert [sign_up(client, n, **through_proxy(ATTACKER)) for n in range(6)][-1] == 429
    # Forged entries to the left do not reset the limit.
    assert sign_up(client, 7, **through_proxy(ATTACKER, "192.0.2.1")) == 429
    # Another resident, through the same proxy, can still sign up.
    assert sign_up(client, 8, **through_proxy(OFFICER)) == 200


def test_with_no_proxy_configured_a_sign_up_limit_cannot_be_dodged(client, newsletter, settings):
    settings.TRUSTED_PROXY_HOPS = 0
    statuses = [
        sign_up(client, n, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        for n in range(6)
    ]
    assert statuses[-1] == 429


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "192.0.2.1", PROXY),
        (1, "", PROXY),  # not through the proxy after all
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "192.0.2.9, 192.0.2.1", "192.0.2.1"),
        (2, "192.0.2.9, 192.0.2.1, 10.0.0.1", "192.0.2.1"),  # a CDN, then a load balancer
        (2, "192.0.2.1", PROXY),  # fewer entries than proxies: none can be trusted
        (1, "not-an-address", PROXY),
        (1, "192.0.2.1:51234", "192.0.2.1"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, " 2001:DB8::1 ", "2001:db8::1"),
    ],
)
def test_the_visitor_address_is_counted_from_the_right(rf, settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@pytest.mark.parametrize(("value", "expected"), [("2", "2"), ("-1", None), ("one", None)])
def test_the_number_of_proxies_comes_from_the_environment(value, expected):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.TRUSTED_PROXY_HOPS)",
        ],
        cwd=Path(settings.BASE_DIR),
        env={**os.environ, "TRUSTED_PROXY_HOPS": value},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if expected is None:
        assert result.returncode != 0
        assert "TRUSTED_PROXY_HOPS must be a whole number" in result.stderr
    else:
        assert result.stdout.split()[-1] == expected, result.stderr
