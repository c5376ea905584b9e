"""Each council's public address: set with one command, followed by the development server's
port, and checked before deployment."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import checks
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from pages.seed_content import load_seed_content
from tests import factories

pytestmark = pytest.mark.django_db

PROJECT = Path(settings.BASE_DIR)


@pytest.fixture
def councils(db):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for page in root.get_children():
        page.delete()
    sites = {}
    for key, hostname in (("westminster", "localhost"), ("rochford", "rochford.localhost")):
        home = factories.HomePageFactory(parent=root, slug=key, title=f"Prevent in {key}")
        sites[key] = Site.objects.create(
            hostname=hostname,
            port=8000,
            root_page=home,
            site_name=f"{key.title()} Prevent",
            is_default_site=key == "westminster",
        )
    return sites


def set_address(*args):
    out = io.StringIO()
    call_command("set_site_address", *args, stdout=out)
    return out.getvalue()


def site_warnings():
    return [
        (message.id, message.obj.hostname)
        for message in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.sites])
    ]


def test_one_command_gives_a_council_its_public_https_address(councils, settings):
    settings.ALLOWED_HOSTS = ["prevent.westminster.example"]
    output = set_address("westminster", "Prevent.Westminster.example")
    site = Site.objects.get(pk=councils["westminster"].pk)
    assert (site.hostname, site.port) == ("prevent.westminster.example", 443)
    assert "now at https://prevent.westminster.example/" in output
    assert "ALLOWED_HOSTS" not in output
    # Its pages' addresses, and so every link in its emails, are HTTPS with no port.
    newsletter = factories.NewsletterIndexPageFactory(parent=site.root_page)
    assert newsletter.get_full_url() == "https://prevent.westminster.example/newsletter/"
    # The other council is where it was.
    rochford = Site.objects.get(pk=councils["rochford"].pk)
    assert (rochford.hostname, rochford.port) == ("rochford.localhost", 8000)


def test_the_command_names_a_site_by_its_host_name_and_takes_another_port(councils, settings):
    settings.ALLOWED_HOSTS = ["prevent.example"]
    output = set_address("rochford.localhost", "rochford.prevent.example", "--port", "8443")
    site = Site.objects.get(pk=councils["rochford"].pk)
    assert site.root_url == "http://rochford.prevent.example:8443"
    # Not an allowed host yet: the command says what else to change.
    assert "Add rochford.prevent.example to ALLOWED_HOSTS" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["wokingham", "prevent.wokingham.example"], "There is no site called 'wokingham'"),
        (["westminster", "https://prevent.example/"], "Give the host name only"),
        (["westminster", "prevent.example:443"], "Give the host name only, and the port with"),
        (["westminster", "prevent example"], "is not a host name"),
        (["westminster", "rochford.localhost", "--port", "8000"], "already the address of"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(councils, args, message):
    with pytest.raises(CommandError, match=message):
        set_address(*args)
    site = Site.objects.get(pk=councils["westminster"].pk)
    assert (site.hostname, site.port) == ("localhost", 8000)


def test_a_port_that_is_not_a_port_is_refused(councils):
    with pytest.raises(CommandError, match="use a number from 1 to 65535"):
        set_address("westminster", "prevent.example", "--port", "70000")


def test_the_deploy_check_warns_about_sites_still_on_a_development_address(councils):
    assert sorted(site_warnings()) == [
        ("pages.W001", "localhost"),
        ("pages.W001", "rochford.localhost"),
        ("pages.W002", "localhost"),
        ("pages.W002", "rochford.localhost"),
    ]
    [warning] = [
        message
        for message in checks.run_checks(include_deployment_checks=True, tags=["sites"])
        if message.obj.hostname == "rochford.localhost" and message.id == "pages.W001"
    ]
    assert "set_site_address rochford" in warning.hint

    set_address("westminster", "prevent.westminster.example")
    set_address("rochford", "prevent.rochford.example", "--port", "8443")
    assert site_warnings() == [("pages.W002", "prevent.rochford.example")]
    set_address("rochford", "prevent.rochford.example")
    assert site_warnings() == []


def test_the_deploy_check_is_only_run_with_deploy(councils):
    assert not [m for m in checks.run_checks(tags=["sites"]) if m.id.startswith("pages.")]


def test_the_deploy_check_has_nothing_to_say_about_no_sites(db):
    Site.objects.all().delete()
    assert site_warnings() == []


def test_the_deploy_check_passes_on_a_database_not_yet_migrated(tmp_path):
    """As CI runs it: production settings and a database with no tables at all."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prevent_site.settings.production",
        "SECRET_KEY": "check-only-" + "x" * 50,
        "ALLOWED_HOSTS": "prevent.example.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


SEED = """
site:
  key: testshire
  hostname: testshire.localhost
  port: 8000
  site_name: "Testshire Council Prevent"
home:
  title: "Prevent in Testshire"
  summary: "Prevent helps people at risk of being drawn into terrorism."
  fields:
    intro: "Prevent helps people at risk of being drawn into terrorism."
  children:
    - type: InformationPage
      slug: about
      title: "About Prevent"
      summary: "What Prevent is."
      fields:
        body:
          - type: paragraph
            value: "Prevent is one strand of CONTEST."
branding:
  council_name: "Testshire Council"
"""


@pytest.fixture
def seed_file(db, tmp_path):
    for site in Site.objects.all():
        site.delete()
    path = tmp_path / "testshire.yaml"
    path.write_text(SEED, encoding="utf-8")
    return path


def test_the_seeded_sites_follow_the_port_the_site_is_served_on(seed_file):
    load_seed_content([seed_file])
    assert Site.objects.get().port == 8000

    report = load_seed_content([seed_file], port=8201)
    site = Site.objects.get()
    assert (site.hostname, site.port) == ("testshire.localhost", 8201)
    assert "moved to another port: testshire" in str(report)
    about = site.root_page.get_children().get(slug="about")
    assert about.get_full_url() == "http://testshire.localhost:8201/about/"
    assert Page.objects.filter(slug="about").count() == 1  # nothing loaded twice

    # Without a port, as `load_seed_content` on its own, the site stays where it is.
    load_seed_content([seed_file])
    assert Site.objects.get().port == 8201


def test_a_site_given_its_public_address_is_left_alone_by_the_seed_loader(seed_file):
    load_seed_content([seed_file], port=8201)
    set_address("testshire", "prevent.testshire.example")
    report = load_seed_content([seed_file], port=8202)
    site = Site.objects.get()
    assert (site.hostname, site.port) == ("prevent.testshire.example", 443)
    assert "moved" not in str(report)
    assert Page.objects.filter(slug="about").count() == 1


def test_the_seed_command_refuses_a_port_that_is_not_a_port(seed_file):
    with pytest.raises(CommandError, match="use a number from 1 to 65535"):
        call_command("load_seed_content", "--port", "eighty")


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_run_serves_and_seeds_on_the_same_port():
    # A dry run (-n) prints the commands without running any of them.
    result = subprocess.run(
        [MAKE, "-n", "run", "PORT=8201"], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert "manage.py load_seed_content --port 8201" in result.stdout
    assert (
        "WAGTAILADMIN_BASE_URL=http://localhost:8201 .venv/bin/python manage.py runserver "
        "127.0.0.1:8201" in result.stdout
    )
