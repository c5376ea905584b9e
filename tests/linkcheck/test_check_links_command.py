"""`manage.py check_links` finds every external link in pages, newsletter issues and contacts,
checks them (here against a local server) and records what it found and where."""

import io

import pytest
from django.core.management import call_command

from linkcheck.models import CheckedLink, LinkUse
from tests import factories


def run_check(*extra):
    out = io.StringIO()
    call_command(
        "check_links",
        "--time-limit=20",
        "--timeout=1",
        "--retries=0",
        "--pause=0",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def link_list(*links):
    return {
        "type": "link_list",
        "value": {
            "heading": "Find out more",
            "links": [
                {"page": None, "external_url": url, "link_text": text, "source": ""}
                for url, text in links
            ],
        },
    }


@pytest.fixture
def content(home_page, site, website):
    """A page, a newsletter issue and a contact, each with links of every kind."""
    info = factories.InformationPageFactory(
        parent=home_page,
        title="What extremism is",
        body=[
            factories.paragraph(
                f'<p>See <a href="{website.url("/moved")}">the moved guide</a>, '
                f'<a linktype="page" id="{home_page.pk}">our home page</a>, '
                '<a href="mailto:prevent@example.gov.uk">email us</a> and '
                '<a href="http://localhost/contest/">a page of this site</a>.</p>'
            ),
            link_list((website.url("/missing"), "Missing guidance")),
        ],
    )
    # Its factory links to GOV.UK: replaced, as tests never visit the internet.
    duty = factories.PreventDutyPageFactory(
        parent=home_page, act_url=website.url("/ok"), guidance_links=[]
    )
    newsletters = factories.NewsletterIndexPageFactory(parent=home_page)
    issue = factories.NewsletterIssuePageFactory(
        parent=newsletters,
        title="Summer 2023",
        sections=[
            factories.text_section(
                "News", f'<p>Read <a href="{website.url("/error")}">the report</a>.</p>'
            )
        ],
    )
    contact = factories.ContactPointFactory(
        site=site,
        name="Report online",
        website=website.url("/no-head"),
        website_label="Report online",
    )
    draft = factories.InformationPageFactory(
        parent=home_page,
        live=False,
        body=[factories.paragraph(f'<p><a href="{website.url("/draft")}">Draft</a></p>')],
    )
    return {"info": info, "duty": duty, "issue": issue, "contact": contact, "draft": draft}


def link(website, path):
    return CheckedLink.objects.get(url=website.url(path))


def test_every_external_link_is_checked_and_its_uses_recorded(content, site, website):
    output = run_check()

    assert link(website, "/moved").status == CheckedLink.Status.REDIRECTED
    assert link(website, "/moved").redirects_to == website.url("/ok-new-home")
    assert link(website, "/missing").status == CheckedLink.Status.BROKEN
    assert link(website, "/missing").problem == "Page not found (404)"
    assert link(website, "/ok").status == CheckedLink.Status.WORKING
    assert link(website, "/error").status == CheckedLink.Status.BROKEN
    assert link(website, "/no-head").status == CheckedLink.Status.WORKING
    assert all(checked.last_checked for checked in CheckedLink.objects.all())

    # Only other websites' addresses on live content: no page links, email, own site, drafts.
    assert CheckedLink.objects.count() == 5
    assert not CheckedLink.objects.filter(url__contains="/draft").exists()

    uses = {
        (use.link.url, use.page_id, use.contact_id, use.location, use.site_id)
        for use in LinkUse.objects.select_related("link")
    }
    info, issue, contact = content["info"], content["issue"], content["contact"]
    assert uses == {
        (website.url("/moved"), info.pk, None, "Body › Text", site.pk),
        (website.url("/missing"), info.pk, None, "Body › List of links", site.pk),
        (website.url("/ok"), content["duty"].pk, None, "Act url", site.pk),
        (website.url("/error"), issue.pk, None, "Sections › Text section", site.pk),
        (website.url("/no-head"), None, contact.pk, "Website", site.pk),
    }
    assert "Checked 5 of 5 links: 2 broken, 1 redirected, 2 working." in output


def test_a_link_removed_from_the_content_is_forgotten(content, website):
    run_check()
    info = content["info"]
    info.body = [factories.paragraph("<p>No links now.</p>")]
    info.save_revision().publish()

    run_check()

    assert not CheckedLink.objects.filter(url=website.url("/missing")).exists()
    assert not LinkUse.objects.filter(page=info).exists()


def test_a_run_cut_short_leaves_the_rest_for_next_time(home_page, website):
    factories.InformationPageFactory(
        parent=home_page,
        body=[link_list(*[(website.url(f"/silent/{n}"), f"Link {n}") for n in range(6)])],
    )

    output = run_check("--time-limit=1", "--timeout=0.4")

    checked = CheckedLink.objects.filter(last_checked__isnull=False)
    assert 1 <= checked.count() < 6
    assert CheckedLink.objects.filter(status=CheckedLink.Status.UNCHECKED).exists()
    assert "not checked this time" in output


def test_only_addresses_with_the_prefix_are_checked(content, website):
    output = run_check(f"--only={website.url('/missing')}")

    assert link(website, "/missing").status == CheckedLink.Status.BROKEN
    assert link(website, "/ok").status == CheckedLink.Status.UNCHECKED
    assert LinkUse.objects.count() == 5  # where links are used is still recorded for all
    assert "Checked 1 of 1 links" in output
