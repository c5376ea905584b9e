"""Officers see their own council's feedback, pages by "not useful" count, and mark comments."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from feedback.models import PageFeedback
from tests import factories
from tests.conftest import refused
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

REPORT = "/admin/feedback/"


def answer(page, site, useful, comment="", **fields):
    return PageFeedback.objects.create(
        page=page, site=site, useful=useful, comment=comment, **fields
    )


@pytest.fixture
def feedback(councils):
    own, other = councils["own"], councils["other"]
    clear = factories.InformationPageFactory(parent=own.root_page, title="Clear page")
    muddled = factories.InformationPageFactory(parent=own.root_page, title="Muddled page")
    theirs = factories.InformationPageFactory(parent=other.root_page, title="Otherton page")
    answer(clear, own, True)
    answer(clear, own, True)
    answer(clear, own, False)
    answer(muddled, own, False, "The phone number is missing")
    answer(muddled, own, False, "Too long")
    answer(muddled, own, True)
    theirs_comment = answer(theirs, other, False, "Otherton's secret comment")
    return {"muddled": muddled, "clear": clear, "theirs": theirs_comment}


def test_pages_most_often_not_useful_come_first_with_their_counts(officer, feedback):
    client = officer("Test editors")
    page = soup_of(client.get(REPORT))
    rows = [
        [text_of(cell) for cell in row.select("td")]
        for row in page.select("#feedback-pages tbody tr")
    ]
    assert rows == [["Muddled page", "2", "1", "2"], ["Clear page", "1", "2", "0"]]
    comments = text_of(page.select_one(f"#page-{feedback['muddled'].pk}"))
    assert "The phone number is missing" in comments and "Too long" in comments
    assert "Otherton" not in text_of(page.select_one("main"))


def test_an_officer_marks_a_comment_dealt_with(officer, feedback, site):
    client = officer("Test editors")
    comment = PageFeedback.objects.get(comment="Too long")
    response = client.post(reverse("feedback_admin:mark_dealt_with", args=[comment.pk]))
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.dealt_with and comment.dealt_with_by == client.user
    assert comment.dealt_with_at is not None
    row = soup_of(client.get(REPORT)).select_one(f"#comment-{comment.pk}")
    assert "Dealt with by" in text_of(row) and row.select_one("button") is None


def test_marking_needs_a_post_with_the_csrf_token(officer, feedback):
    client = officer("Test editors")
    comment = PageFeedback.objects.get(comment="Too long")
    url = reverse("feedback_admin:mark_dealt_with", args=[comment.pk])
    assert client.get(url).status_code == 405
    comment.refresh_from_db()
    assert not comment.dealt_with
    form = soup_of(client.get(REPORT)).select_one(f"#comment-{comment.pk} form")
    assert form["method"] == "post" and form.select_one("input[name=csrfmiddlewaretoken]")


def test_another_councils_officer_can_neither_see_nor_mark(officer, feedback, councils):
    client = officer("Otherton publishers")
    page = soup_of(client.get(REPORT))
    assert "Muddled page" not in text_of(page.select_one("main"))
    assert "Otherton page" in text_of(page.select_one("main"))
    response = client.get(REPORT, {"council": councils["own"].pk})
    assert response.status_code == 404
    comment = PageFeedback.objects.get(comment="Too long")
    response = client.post(reverse("feedback_admin:mark_dealt_with", args=[comment.pk]))
    assert refused(response)
    comment.refresh_from_db()
    assert not comment.dealt_with


def test_officers_of_no_council_have_no_report(officer, feedback):
    from django.contrib.auth.models import Group, Permission

    admin_only = Group.objects.create(name="Admin only")
    admin_only.permissions.add(Permission.objects.get(codename="access_admin"))
    client = officer("Admin only")
    assert refused(client.get(REPORT))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Page feedback" not in menu


def test_the_reports_menu_lists_the_report_for_officers(officer, feedback):
    client = officer("Test publishers")
    assert (
        reverse("feedback_admin:report")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_old_answers_are_deleted_after_twelve_months(feedback, site, home_page):
    now = timezone.now()
    old = answer(home_page, site, False, "Old", created_at=now - timedelta(days=366))
    recent = answer(home_page, site, False, "Recent", created_at=now - timedelta(days=300))
    before = PageFeedback.objects.count()
    out = io.StringIO()
    call_command("delete_old_feedback", stdout=out)
    assert "deleted: 1" in out.getvalue()
    assert not PageFeedback.objects.filter(pk=old.pk).exists()
    assert PageFeedback.objects.filter(pk=recent.pk).exists()
    assert PageFeedback.objects.count() == before - 1
