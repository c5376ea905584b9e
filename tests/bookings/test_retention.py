"""Requests are deleted once their council's retention period has passed, and not before."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from bookings.models import BookingRequest, BookingRequestSettings
from tests.bookings.conftest import make_request

pytestmark = pytest.mark.django_db


def months_ago(months, days=0):
    return timezone.now() - datetime.timedelta(days=round(months * 30.44) + days)


def test_requests_older_than_each_councils_period_are_deleted(site, second_site):
    BookingRequestSettings.objects.create(site=second_site, retention_months=3)
    kept = make_request(site, created_at=months_ago(11))
    old = make_request(site, created_at=months_ago(12, days=1))
    other_kept = make_request(second_site, created_at=months_ago(2))
    other_old = make_request(second_site, created_at=months_ago(3, days=1))

    out = io.StringIO()
    call_command("delete_old_booking_requests", stdout=out)
    assert "Deleted 2 training request(s)" in out.getvalue()
    remaining = set(BookingRequest.objects.values_list("pk", flat=True))
    assert remaining == {kept.pk, other_kept.pk}
    assert old.pk not in remaining and other_old.pk not in remaining

    call_command("delete_old_booking_requests", stdout=io.StringIO())
    assert BookingRequest.objects.count() == 2


def test_the_form_and_confirmation_state_the_councils_period(client, site, request_page):
    BookingRequestSettings.objects.create(site=site, retention_months=6)
    assert "for 6 months, then delete it" in client.get(request_page.url).text
    assert "We keep your request for 6 months" in client.get(request_page.url + "sent/").text
