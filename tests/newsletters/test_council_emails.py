"""Every email says which council sent it and points at that council's own address."""

import io
import re
from email import message_from_bytes, policy

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Site

from newsletters.models import Subscriber
from newsletters.sending import deliver_queued, queue_issue
from pages.models import SiteBranding
from tests import factories
from tests.conftest import verify_second_factor
from tests.html import text_of

pytestmark = pytest.mark.django_db

SENDER = "prevent-news@councils.example"


def make_council(key, hostname, port, council_name, reply_to, *, default=False):
    home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug=key)
    site = Site.objects.create(
        hostname=hostname,
        port=port,
        root_page=home,
        is_default_site=default,
        site_name=f"{council_name} Prevent",
    )
    logo = wagtail_factories.ImageFactory(title=f"{council_name} logo")
    SiteBranding.objects.create(
        site=site,
        council_name=council_name,
        brand_colour="#0b0c0c",
        logo=logo,
        reply_to_email=reply_to,
    )
    newsletter = factories.NewsletterIndexPageFactory(parent=home)
    issue = factories.NewsletterIssuePageFactory(parent=newsletter, title=f"{council_name} news")
    issue.save_revision().publish()
    return {"site": site, "issue": issue, "logo": logo}


@pytest.fixture
def councils(db, settings):
    """Westminster served on a development port, Rochford at its public HTTPS address."""
    settings.DEFAULT_FROM_EMAIL = SENDER
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for page in root.get_children():
        page.delete()
    return {
        "westminster": make_council(
            "westminster",
            "localhost",
            8201,
            "Westminster City Council",
            "prevent@westminster.example",
            default=True,
        ),
        "rochford": make_council(
            "rochford", "prevent.rochford.example", 443, "Rochford District Council", ""
        ),
    }


def headers_of(message):
    return message_from_bytes(message.message().as_bytes(), policy=policy.default)


def html_of(message):
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return html


def masthead(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").select_one(".masthead")


def sign_up(council, email):
    """A resident signs up on the council's own site, as their browser would."""
    site = council["site"]
    extra = {"HTTP_HOST": site.hostname, "secure": site.port == 443}
    if site.port not in (80, 443):
        extra["HTTP_HOST"] = f"{site.hostname}:{site.port}"
    response = Client().post("/email/subscribe/", {"email": email}, **extra)
    assert response.status_code == 200
    return mail.outbox[-1]


def test_confirmation_emails_carry_each_councils_name_reply_to_and_address(councils):
    westminster = sign_up(councils["westminster"], "resident@example.org")
    rochford = sign_up(councils["rochford"], "resident@example.org")

    sender = headers_of(westminster)["From"].addresses[0]
    assert sender.display_name == "Westminster City Council Prevent"
    assert sender.addr_spec == SENDER
    assert headers_of(westminster)["Reply-To"] == "prevent@westminster.example"
    assert headers_of(rochford)["From"].addresses[0].display_name == (
        "Rochford District Council Prevent"
    )
    # Rochford's officers have set no reply-to address: replies go to the sender.
    assert headers_of(rochford)["Reply-To"] is None

    # The plain-text part opens with the council's name, as the HTML part's header does.
    assert westminster.body.startswith("Westminster City Council Prevent")
    assert rochford.body.startswith("Rochford District Council Prevent")
    assert text_of(masthead(html_of(westminster))) == "Westminster City Council Prevent"

    # Links follow each site's address: the development port, or HTTPS with no port.
    confirm = re.search(r"http://localhost:8201/email/confirm/[^\s)]+", westminster.body)
    assert confirm, westminster.body
    assert re.search(r"https://prevent\.rochford\.example/email/confirm/", rochford.body)
    assert ":443" not in rochford.body + html_of(rochford)
    assert "http://prevent.rochford.example" not in rochford.body

    # The link works on the server it names.
    response = Client().post(confirm.group(0), HTTP_HOST="localhost:8201")
    assert "You are subscribed" in response.content.decode()
    assert Subscriber.objects.filter(site=councils["westminster"]["site"]).count() == 1


def test_an_issue_email_carries_the_councils_name_and_logo_on_its_own_host(councils):
    for key in ("westminster", "rochford"):
        Subscriber.objects.create(site=councils[key]["site"], email=f"reader@{key}.example")
        queue_issue(councils[key]["issue"])
        deliver_queued(councils[key]["issue"])
    westminster, rochford = mail.outbox

    assert westminster.to == ["reader@westminster.example"]
    assert headers_of(westminster)["From"].addresses[0].display_name == (
        "Westminster City Council Prevent"
    )
    assert headers_of(westminster)["Reply-To"] == "prevent@westminster.example"
    assert headers_of(rochford)["From"].addresses[0].display_name == (
        "Rochford District Council Prevent"
    )

    for message, key, base in (
        (westminster, "westminster", "http://localhost:8201"),
        (rochford, "rochford", "https://prevent.rochford.example"),
    ):
        header = masthead(html_of(message))
        council_name = SiteBranding.objects.get(site=councils[key]["site"]).council_name
        assert council_name in text_of(header)
        assert message.body.startswith(f"{council_name} Prevent ({base}/)")
        logo = header.select_one("img")
        rendition = councils[key]["logo"].renditions.get()
        # An absolute address on the council's own host, so mail programs can fetch it.
        assert logo["src"] == base + rendition.url
        assert rendition.url.startswith("/media/images/")
        assert logo["alt"] == ""  # the name is written beside it
        assert header.select_one("a")["href"] == base + "/"
        assert f"{base}/newsletter/" in message.body
        unsubscribe = headers_of(message)["List-Unsubscribe"]
        assert unsubscribe.startswith(f"<{base}/email/unsubscribe/")


def test_an_email_still_goes_when_the_logo_file_is_missing(councils):
    logo = councils["rochford"]["logo"]
    logo.file.storage.delete(logo.file.name)
    Subscriber.objects.create(site=councils["rochford"]["site"], email="reader@example.org")
    queue_issue(councils["rochford"]["issue"])
    assert deliver_queued(councils["rochford"]["issue"]) == (1, False)
    header = masthead(html_of(mail.outbox[0]))
    assert header.select_one("img") is None
    assert "Rochford District Council" in text_of(header)


def test_the_admin_preview_shows_the_councils_header(councils, admin_client):
    issue = councils["westminster"]["issue"]
    response = admin_client.get(reverse("newsletters_admin:email_preview", args=[issue.pk]))
    header = masthead(response.content.decode())
    assert "Westminster City Council" in text_of(header)
    assert header.select_one("img")["src"].startswith("http://localhost:8201/media/images/")


def branding_form(site, **changes):
    branding = SiteBranding.objects.get(site=site)
    return {
        "council_name": branding.council_name,
        "service_name": branding.service_name,
        "logo": branding.logo_id or "",
        "brand_colour": branding.brand_colour,
        "reply_to_email": branding.reply_to_email,
        **changes,
    }


def publisher_of(council, django_user_model):
    call_command("create_site_groups", stdout=io.StringIO())
    user = django_user_model.objects.create_user(
        username="publisher", email="publisher@example.org", password="a-long-test-password-123"
    )
    user.groups.add(Group.objects.get(name=f"{council['site'].site_name} publishers"))
    client = Client()
    client.force_login(user)
    verify_second_factor(client, user)
    return client


def test_a_publisher_sets_their_own_councils_reply_to_address_only(councils, django_user_model):
    client = publisher_of(councils["rochford"], django_user_model)
    own, other = councils["rochford"]["site"], councils["westminster"]["site"]
    own_url = reverse("wagtailsettings:edit", args=["pages", "sitebranding", own.pk])
    page = client.get(own_url).content.decode()
    assert "Reply-to email address" in page

    response = client.post(own_url, branding_form(own, reply_to_email="not an address"))
    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()
    assert SiteBranding.objects.get(site=own).reply_to_email == ""

    response = client.post(own_url, branding_form(own, reply_to_email="prevent@rochford.example"))
    assert response.status_code == 302
    sign_up(councils["rochford"], "resident@example.org")
    assert headers_of(mail.outbox[-1])["Reply-To"] == "prevent@rochford.example"

    other_url = reverse("wagtailsettings:edit", args=["pages", "sitebranding", other.pk])
    client.post(other_url, branding_form(other, reply_to_email="attacker@example.org"))
    assert SiteBranding.objects.get(site=other).reply_to_email == "prevent@westminster.example"


def test_a_council_name_with_a_comma_stays_one_sender(councils):
    branding = SiteBranding.objects.get(site=councils["rochford"]["site"])
    branding.council_name = "Rochford, Essex"
    branding.save()
    message = sign_up(councils["rochford"], "resident@example.org")
    [sender] = headers_of(message)["From"].addresses
    assert sender.display_name == "Rochford, Essex Prevent"
    assert sender.addr_spec == SENDER


def test_a_moderation_notification_names_the_council_of_the_page(councils, django_user_model):
    """The admin's own emails to officers say which council's page they are about."""
    from wagtail.models import Workflow

    moderator = django_user_model.objects.create_user(
        username="moderator", email="moderator@example.org", password="a-long-test-password-123"
    )
    moderator.groups.add(Group.objects.get(name="Moderators"))
    author = django_user_model.objects.create_superuser(
        username="author", email="author@example.org", password="a-long-test-password-123"
    )
    page = factories.InformationPageFactory(
        parent=councils["rochford"]["site"].root_page, title="Channel panels"
    )
    page.save_revision(user=author)
    Workflow.objects.get(name="Moderators approval").start(page, author)

    [notice] = [m for m in mail.outbox if m.to == ["moderator@example.org"]]
    assert notice.body.lstrip().startswith("Rochford District Council Prevent\n")
    assert 'The page "Channel panels" has been submitted' in notice.body
