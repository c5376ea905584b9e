import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase, TransactionTestCase, override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page, Site

from pages.models import SiteBranding
from pages.seed_content import load_seed_content
from tests.factories import HomePageFactory


@pytest.fixture
def home_page(db):
    """A home page as the root of the default site, replacing Wagtail's placeholder."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root, slug="home")
    site = Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test"
    )
    SiteBranding.objects.create(site=site, council_name="Testshire Council", brand_colour="#0b0c0c")
    return home


@pytest.fixture
def site(home_page):
    return Site.objects.get(root_page=home_page)


@pytest.fixture
def second_site(home_page):
    """A second council, Otherton, with its own home page and branding."""
    other_home = HomePageFactory(
        parent=Page.get_first_root_node(), slug="otherton", title="Prevent in Otherton"
    )
    other = Site.objects.create(
        hostname="otherton.localhost", root_page=other_home, site_name="Otherton"
    )
    SiteBranding.objects.create(site=other, council_name="Otherton Council", brand_colour="#28166f")
    return other


@pytest.fixture
def councils(site, second_site):
    """The test council ("Test") and Otherton, each with its officers' groups."""
    call_command("create_site_groups", stdout=io.StringIO())
    return {"own": site, "other": second_site}


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="a-long-test-password-123"
    )


def verify_second_factor(client, user):
    """Sign the client's session through the second step, as an officer with an app would."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Test app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def officer(db, django_user_model):
    """officer(*group names, username=None, email="") -> a signed-in client for a new officer in
    those groups, second step done; `client.user` is the account."""

    def sign_in(*group_names, username=None, email=""):
        base = username or "-".join(group_names).replace(" ", "-") or "officer"
        name, n = base, 1
        while django_user_model.objects.filter(username=name).exists():
            n += 1
            name = f"{base}-{n}"
        user = django_user_model.objects.create_user(
            username=name, email=email, password="a-long-test-password-123"
        )
        user.groups.add(*Group.objects.filter(name__in=group_names))
        client = Client()
        client.force_login(user)
        verify_second_factor(client, user)
        client.user = user
        return client

    return sign_in


def refused(response):
    """Wagtail answers a forbidden admin page by sending the officer to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    verify_second_factor(client, editor)
    return client


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded and seeded files go to a fresh folder per test, never the project tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"


@pytest.fixture(autouse=True)
def empty_cache():
    """The cache outlives each test's database rollback; start every test without it."""
    cache.clear()
    yield
    cache.clear()


class SeedTransaction:
    """The seed content, loaded in a transaction of its own that is rolled back, never committed,
    once the tests that read it have run."""

    def __init__(self, blocker, media):
        self.blocker = blocker
        self.media = media
        self.atomic = None

    def open(self):
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            with override_settings(MEDIA_ROOT=self.media):
                load_seed_content()

    def close(self):
        if self.atomic is not None:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
            self.atomic = None


_open_seed_transactions = []


@pytest.fixture(scope="session")
def seed_transaction(django_db_setup, django_db_blocker, tmp_path_factory):
    """Opened by the first test that uses `seeded`, closed after the last (they run together)."""
    seed = SeedTransaction(django_db_blocker, tmp_path_factory.mktemp("seed-media"))
    seed.open()
    _open_seed_transactions.append(seed)
    yield seed
    seed.close()


@pytest.fixture
def seeded(seed_transaction, db, settings):
    """The seeded sites (Westminster on localhost, Rochford, London Councils), loaded once per
    session for the tests that only read them: each test runs in a savepoint inside the seed's
    transaction, so what it changes is undone after it. The seed loader's own tests load the
    content themselves."""
    assert seed_transaction.atomic is not None, "tests that use `seeded` must run one after another"
    settings.MEDIA_ROOT = seed_transaction.media


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last test on the seeded sites, roll the seed content back, before any test that
    expects an empty database (or commits, as transactional tests do)."""
    result = yield
    if _open_seed_transactions and "seeded" not in getattr(nextitem, "fixturenames", ()):
        _open_seed_transactions.pop().close()
    return result


def _runs_in_a_rolled_back_transaction(item):
    """As pytest-django sorts them: plain database tests first, then transactional tests (which
    empty the database after themselves), then tests without a database."""
    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return issubclass(cls, TestCase)
    fixtures = getattr(item, "fixturenames", ())
    if "transactional_db" in fixtures or "live_server" in fixtures:
        return False
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        return not (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    return "db" in fixtures


def pytest_collection_modifyitems(items):
    """Everything under tests/browser/ drives Chromium: mark it, so `-m "not browser"` skips it.

    Tests on the seeded sites run one after another, last among the plain database tests: the
    seed content stays loaded from the first of them to the last."""
    browser_tests = Path(__file__).parent / "browser"
    for item in items:
        if browser_tests in item.path.parents:
            item.add_marker(pytest.mark.browser)
    seeded = [item for item in items if "seeded" in getattr(item, "fixturenames", ())]
    if seeded:
        others = [item for item in items if item not in seeded]
        position = next(
            (n for n, item in enumerate(others) if not _runs_in_a_rolled_back_transaction(item)),
            len(others),
        )
        items[:] = others[:position] + seeded + others[position:]
