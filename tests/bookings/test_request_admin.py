"""Officers see, mark and download their own council's training requests, and nobody else's."""

import csv
import io

import pytest
from django.urls import reverse

from bookings.models import BookingRequest
from tests.bookings.conftest import make_request
from tests.conftest import refused
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

LIST_URL = reverse("booking_requests:index")


def inspect_url(booking):
    return reverse("booking_requests:inspect", args=[booking.pk])


def handled_url(booking):
    return reverse("booking_requests:mark_handled", args=[booking.pk])


@pytest.fixture
def requests(councils):
    return {
        "own": make_request(councils["own"], organisation="Millbank Academy"),
        "other": make_request(councils["other"], organisation="Otherton College"),
    }


def download_csv(client, query=""):
    response = client.get(f"{LIST_URL}?export=csv{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_an_editor_sees_only_their_own_councils_requests(requests, officer):
    client = officer("Test editors")
    response = client.get(LIST_URL)
    assert response.status_code == 200
    listed = text_of(soup_of(response).select_one("main table"))
    assert "Millbank Academy" in listed and "Otherton College" not in listed
    assert client.get(inspect_url(requests["own"])).status_code == 200
    assert refused(client.get(inspect_url(requests["other"])))
    # The Reports menu offers the list to officers, not to someone with no council.
    assert reverse("booking_requests:index") in client.get(reverse("wagtailadmin_home")).text


def test_the_other_councils_officers_see_theirs_only(requests, officer):
    client = officer("Otherton editors")
    listed = text_of(soup_of(client.get(LIST_URL)).select_one("main table"))
    assert "Otherton College" in listed and "Millbank Academy" not in listed
    rows = download_csv(client)
    assert [row[6] for row in rows[1:]] == ["Otherton College"]


def test_someone_who_is_not_an_officer_cannot_reach_the_list(requests, officer):
    client = officer()
    for url in (LIST_URL, f"{LIST_URL}?export=csv", inspect_url(requests["own"])):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_editor_marks_their_councils_request_handled(requests, officer):
    client = officer("Test editors", username="kiran")
    page = soup_of(client.get(inspect_url(requests["own"])))
    button = page.select_one(f"form[action='{handled_url(requests['own'])}'] button")
    assert text_of(button) == "Mark as handled"
    response = client.post(handled_url(requests["own"]))
    assert response.status_code == 302
    booking = BookingRequest.objects.get(pk=requests["own"].pk)
    assert booking.handled_at is not None and booking.handled_by == client.user
    # Once handled, the button is gone and the page says who handled it.
    page = soup_of(client.get(inspect_url(booking)))
    assert page.select_one(f"form[action='{handled_url(booking)}']") is None
    assert "by kiran" in text_of(page.main)
    # The list can show the requests still to handle.
    listed = text_of(soup_of(client.get(f"{LIST_URL}?status=open")).select_one("main"))
    assert "Millbank Academy" not in listed


def test_an_officer_cannot_mark_another_councils_request(requests, officer):
    client = officer("Test publishers")
    assert refused(client.post(handled_url(requests["other"])))
    assert BookingRequest.objects.get(pk=requests["other"].pk).handled_at is None
    assert client.get(handled_url(requests["own"])).status_code == 405


def test_nobody_adds_or_edits_a_request_in_the_admin(requests, admin_client):
    assert refused(admin_client.get(reverse("booking_requests:add")))
    assert refused(admin_client.get(reverse("booking_requests:edit", args=[requests["own"].pk])))


def test_the_csv_holds_the_councils_requests_only_and_is_safe_in_a_spreadsheet(councils, officer):
    make_request(
        councils["own"],
        name='=HYPERLINK("http://evil.example")',
        organisation="+Grey Coat",
        phone="020 7641 6032",
        access_needs="-step-free",
    )
    make_request(councils["other"], organisation="Otherton College")
    rows = download_csv(officer("Test editors"))
    header, *data = rows
    assert header == [
        "Received",
        "Council",
        "Course or event",
        "Number of people",
        "Dates that suit them",
        "Name",
        "Organisation",
        "Role",
        "Email",
        "Phone",
        "Access needs",
        "Handled",
    ]
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert row["Council"] == "Test"
    assert row["Course or event"] == "WRAP"
    assert row["Number of people"] == "12"
    assert row["Name"] == '\'=HYPERLINK("http://evil.example")'
    assert row["Organisation"] == "'+Grey Coat"
    assert row["Access needs"] == "'-step-free"
    assert row["Phone"] == "020 7641 6032"
    assert row["Handled"] == ""


def test_a_publisher_may_delete_a_request_and_an_editor_may_not(requests, officer):
    delete_url = reverse("booking_requests:delete", args=[requests["own"].pk])
    assert refused(officer("Test editors").post(delete_url))
    assert BookingRequest.objects.filter(pk=requests["own"].pk).exists()
    officer("Test publishers").post(delete_url)
    assert not BookingRequest.objects.filter(pk=requests["own"].pk).exists()
