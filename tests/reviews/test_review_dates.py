"""Every page shows when it was last reviewed and, when different, last changed; the dates are
facts (an officer's action or a visible change published), never the day data was loaded."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from contacts.models import ConcernReportingPage, ContactPoint
from pages.models import InformationPage, PreventDutyPage
from tests import factories
from tests.conftest import refused
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

REVIEWED = datetime.date(2024, 3, 1)
UPDATED = datetime.date(2024, 5, 2)


@pytest.fixture
def every_page_type(home_page):
    contest = factories.ContestPageFactory(parent=home_page)
    projects = factories.CommunityProjectIndexPageFactory(parent=home_page)
    training = factories.TrainingIndexPageFactory(parent=home_page)
    newsletter = factories.NewsletterIndexPageFactory(parent=home_page)
    return [
        home_page,
        contest,
        factories.ContestStrandPageFactory(parent=contest, strand="prevent", title="Prevent"),
        factories.PreventDutyPageFactory(parent=home_page),
        factories.InformationPageFactory(parent=home_page),
        projects,
        factories.CommunityProjectPageFactory(parent=projects),
        training,
        factories.TrainingCoursePageFactory(parent=training),
        factories.ConcernReportingPageFactory(parent=home_page),
        factories.ContactDirectoryPageFactory(parent=home_page),
        newsletter,
        factories.NewsletterIssuePageFactory(parent=newsletter),
    ]


def set_dates(page, reviewed, updated):
    page.last_review_date, page.last_updated = reviewed, updated
    page.save(update_fields=["last_review_date", "last_updated", "next_review_date"], clean=False)


def dates_shown(client, url, host="localhost"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    stamp = soup_of(response).select_one("main .app-page-dates")
    return text_of(stamp)


def test_every_page_type_shows_last_reviewed_and_last_updated(client, every_page_type):
    assert len({type(page) for page in every_page_type}) == 13
    for page in every_page_type:
        set_dates(page, REVIEWED, UPDATED)
        assert dates_shown(client, page.url) == (
            "Last reviewed: 1 March 2024 Last updated: 2 May 2024"
        ), type(page).__name__


def test_last_updated_is_left_out_when_it_is_the_review_day(client, every_page_type):
    for page in every_page_type:
        set_dates(page, REVIEWED, REVIEWED)
        assert dates_shown(client, page.url) == "Last reviewed: 1 March 2024", type(page).__name__


def test_the_finder_shows_its_pages_dates(client, home_page):
    concern = factories.ConcernReportingPageFactory(parent=home_page)
    set_dates(concern, REVIEWED, UPDATED)
    assert dates_shown(client, concern.url + "who-should-i-contact/").startswith(
        "Last reviewed: 1 March 2024"
    )


def test_an_overdue_review_is_not_shown_to_the_public(client, home_page):
    page = factories.InformationPageFactory(parent=home_page)
    set_dates(page, datetime.date(2016, 5, 16), datetime.date(2016, 5, 16))
    page.refresh_from_db()
    assert page.review_is_overdue
    text = text_of(soup_of(client.get(page.url)))
    assert "Last reviewed: 16 May 2016" in text
    assert "overdue" not in text.lower()
    assert "due for review" not in text.lower()


def test_publishing_a_visible_change_updates_last_updated_but_not_last_reviewed(home_page):
    page = factories.InformationPageFactory(parent=home_page, title="Old title")
    set_dates(page, REVIEWED, REVIEWED)
    page = Page.objects.get(pk=page.pk).specific

    page.title = "New title"
    page.save_revision().publish()

    page.refresh_from_db()
    assert page.last_updated == timezone.localdate()
    assert page.last_review_date == REVIEWED


def test_publishing_without_a_visible_change_keeps_last_updated(home_page):
    page = factories.InformationPageFactory(parent=home_page)
    set_dates(page, REVIEWED, UPDATED)
    page = Page.objects.get(pk=page.pk).specific

    page.review_every_months = 3  # a schedule change, not a change readers see
    page.save_revision().publish()

    page.refresh_from_db()
    assert page.last_updated == UPDATED
    assert page.review_every_months == 3
    assert page.next_review_date == REVIEWED + relativedelta(months=3)


def test_default_review_intervals_by_type(home_page):
    concern = factories.ConcernReportingPageFactory(parent=home_page)
    duty = factories.PreventDutyPageFactory(parent=home_page)
    info = factories.InformationPageFactory(parent=home_page)
    contact = factories.ContactPointFactory(last_verified=REVIEWED)
    for page in (concern, duty, info):
        set_dates(page, REVIEWED, REVIEWED)
    assert ConcernReportingPage.objects.get(pk=concern.pk).next_review_date == datetime.date(
        2024, 9, 1
    )
    assert PreventDutyPage.objects.get(pk=duty.pk).next_review_date == datetime.date(2024, 9, 1)
    assert InformationPage.objects.get(pk=info.pk).next_review_date == datetime.date(2025, 3, 1)
    assert ContactPoint.objects.get(pk=contact.pk).next_review_date == datetime.date(2024, 9, 1)
    contact.review_every_months = 12
    assert contact.next_review_date == datetime.date(2025, 3, 1)


def test_home_page_latest_updates_use_the_last_visible_change(client, home_page):
    older = factories.InformationPageFactory(parent=home_page, title="Older news", slug="older")
    newer = factories.InformationPageFactory(parent=home_page, title="Newer news", slug="newer")
    never = factories.InformationPageFactory(parent=home_page, title="No date", slug="no-date")
    set_dates(older, REVIEWED, datetime.date(2019, 1, 24))
    set_dates(newer, REVIEWED, datetime.date(2023, 7, 1))
    # Published last, but with no recorded change: it cannot claim to be new.
    InformationPage.objects.filter(pk=never.pk).update(last_updated=None)

    soup = soup_of(client.get(home_page.url))
    items = [text_of(li) for li in soup.select("[aria-labelledby=latest-heading] li")]
    assert items[0] == "Newer news Updated 1 July 2023"
    assert items[1] == "Older news Updated 24 January 2019"
    assert not any("No date" in item for item in items)


def test_mark_as_reviewed_records_the_officer_and_day_without_a_change(councils, officer):
    user, client = officer("Test editors")
    page = factories.InformationPageFactory(parent=councils["own"].root_page)
    set_dates(page, REVIEWED, UPDATED)
    page = Page.objects.get(pk=page.pk).specific
    page.title = "A draft waiting for approval"
    draft = page.save_revision()
    revisions = page.revisions.count()

    url = reverse("reviews:mark_reviewed", args=["page", page.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"note": "Checked against the 2023 guidance."})
    assert response.status_code == 302

    page.refresh_from_db()
    today = timezone.localdate()
    assert page.last_review_date == today
    assert page.last_reviewed_by == user
    assert page.last_review_note == "Checked against the 2023 guidance."
    assert page.last_updated == UPDATED
    assert page.revisions.count() == revisions
    assert page.next_review_date == today + relativedelta(months=12)
    assert "Last reviewed: " + f"{today:%-d %B %Y}" in text_of(soup_of(client.get(page.url)))

    # Publishing the older draft later keeps the review it did not know about.
    draft.publish()
    page.refresh_from_db()
    assert page.last_review_date == today
    assert page.last_reviewed_by == user
    assert page.last_updated == today  # the title change is visible


def test_mark_as_reviewed_is_refused_for_another_councils_page(councils, officer):
    _, client = officer("Test publishers")
    page = factories.InformationPageFactory(parent=councils["other"].root_page)
    assert refused(client.get(reverse("reviews:mark_reviewed", args=["page", page.pk])))
    assert refused(client.post(reverse("reviews:mark_reviewed", args=["page", page.pk]), {}))
    page.refresh_from_db()
    assert page.last_reviewed_by is None


def test_mark_as_reviewed_rejects_a_long_note_with_a_message(councils, officer):
    _, client = officer("Test publishers")
    page = factories.InformationPageFactory(parent=councils["own"].root_page)
    response = client.post(
        reverse("reviews:mark_reviewed", args=["page", page.pk]), {"note": "x" * 501}
    )
    assert response.status_code == 400
    assert "at most 500 characters" in response.content.decode()
    page.refresh_from_db()
    assert page.last_review_date is None


def test_unknown_items_are_not_found(councils, officer):
    _, client = officer("Test publishers")
    assert client.get("/admin/reviews/widget/1/mark-reviewed/").status_code == 404
    assert client.get("/admin/reviews/page/999999/mark-reviewed/").status_code == 404


def edit_page_data(page, **overrides):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": streamfield([("paragraph", rich_text("<p>Words.</p>"))]),
            "action-publish": "publish",
            **overrides,
        }
    )


def test_owner_and_interval_are_edited_in_the_page_editor(councils, officer):
    user, client = officer("Test publishers")
    colleague, _ = officer("Test editors")
    page = factories.InformationPageFactory(parent=councils["own"].root_page)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    form = soup_of(client.get(url))
    owner_choices = {o["value"] for o in form.select("select[name=review_owner] option")}
    assert {str(user.pk), str(colleague.pk)} <= owner_choices

    response = client.post(
        url, edit_page_data(page, review_owner=colleague.pk, review_every_months=6)
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.review_owner == colleague
    assert page.review_every_months == 6


def test_owner_must_be_an_officer_of_the_pages_council(councils, officer):
    _, client = officer("Test publishers")
    stranger, _ = officer("Otherton publishers")
    page = factories.InformationPageFactory(parent=councils["own"].root_page)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    owner_choices = {
        o["value"] for o in soup_of(client.get(url)).select("select[name=review_owner] option")
    }
    assert str(stranger.pk) not in owner_choices
    response = client.post(url, edit_page_data(page, review_owner=stranger.pk))
    assert response.status_code == 200  # the form again, with the error
    page.refresh_from_db()
    assert page.review_owner is None


def test_officers_are_told_in_the_editor_when_a_review_is_overdue(councils, officer):
    _, client = officer("Test publishers")
    page = factories.InformationPageFactory(parent=councils["own"].root_page)
    set_dates(page, datetime.date(2016, 5, 16), datetime.date(2016, 5, 16))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    text = text_of(soup_of(response))
    assert "Review overdue since 16 May 2017." in text
    assert "Mark as reviewed" in text
