"""Officers see their own council's reports and photos, and nobody else's."""

import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.models import GroupSitePermission

from material_reports.models import MaterialReport
from material_reports.photos import clean_photo
from tests.conftest import refused
from tests.html import soup_of, text_of
from tests.material_reports.conftest import image_file, send_report

pytestmark = pytest.mark.django_db

LIST_URL = reverse("material_reports:index")


def photo_url(report):
    return reverse("material_reports_photo", args=[report.pk])


@pytest.fixture
def reports(client, councils, report_page):
    """One report with a photo for each council: Test (through the form) and Otherton."""
    send_report(client, report_page, location="Test high street", photo=image_file())
    own = MaterialReport.objects.get()
    other = MaterialReport.objects.create(
        site=councils["other"],
        location="Otherton market",
        seen_on=own.seen_on,
        description="A sticker",
        photo=clean_photo(image_file()),
    )
    return {"own": own, "other": other}


def test_council_groups_get_the_right_to_read_and_deal_with_reports(councils):
    for role in ("editors", "publishers"):
        codenames = set(
            GroupSitePermission.objects.filter(
                group=Group.objects.get(name=f"Test {role}"), site=councils["own"]
            ).values_list("permission__codename", flat=True)
        )
        assert {"view_materialreport", "change_materialreport"} <= codenames
    publishers = Group.objects.get(name="Test publishers")
    assert GroupSitePermission.objects.filter(
        group=publishers, permission__codename="change_materialreportsettings"
    ).exists()


def test_the_photo_is_not_reachable_without_a_signed_in_officer(reports):
    response = Client().get(photo_url(reports["own"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    # No public address: the storage refuses to make one.
    with pytest.raises(ValueError):
        reports["own"].photo.url  # noqa: B018


def test_another_councils_officer_cannot_see_the_photo_or_the_report(officer, reports):
    other = officer("Otherton publishers")
    assert other.get(photo_url(reports["own"])).status_code == 404
    assert refused(other.get(reverse("material_reports:inspect", args=[reports["own"].pk])))
    assert refused(other.get(reverse("material_reports:edit", args=[reports["own"].pk])))
    listing = text_of(soup_of(other.get(LIST_URL)).main)
    assert "Otherton market" in listing
    assert "Test high street" not in listing


def test_the_councils_own_officer_sees_the_report_and_its_photo(officer, reports):
    own = officer("Test editors")
    response = own.get(photo_url(reports["own"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.format == "JPEG" and image.size == (120, 80)

    page = soup_of(own.get(reverse("material_reports:inspect", args=[reports["own"].pk])))
    assert "Test high street" in text_of(page)
    assert "Dealt with No" in text_of(page)
    assert page.select_one(f"img[src='{photo_url(reports['own'])}']") is not None
    listing = text_of(soup_of(own.get(LIST_URL)).main)
    assert "Test high street" in listing and "Otherton market" not in listing


def test_an_officer_marks_a_report_dealt_with(officer, reports):
    own = officer("Test editors")
    url = reverse("material_reports:edit", args=[reports["own"].pk])
    response = own.post(url, {"handled": "on"})
    assert response.status_code == 302
    report = MaterialReport.objects.get(pk=reports["own"].pk)
    assert report.handled and report.handled_at is not None
    # Nothing else about the report can be changed in the admin.
    own.post(url, {"handled": "on", "location": "Changed", "description": "Changed"})
    report.refresh_from_db()
    assert report.location == "Test high street"


def test_nobody_adds_a_report_in_the_admin(officer, admin_client, councils):
    assert refused(officer("Test publishers").get(reverse("material_reports:add")))
    assert refused(admin_client.get(reverse("material_reports:add")))


def test_an_editor_cannot_delete_a_report_and_a_publisher_can(officer, reports):
    url = reverse("material_reports:delete", args=[reports["own"].pk])
    assert refused(officer("Test editors").post(url))
    assert MaterialReport.objects.filter(pk=reports["own"].pk).exists()
    assert officer("Test publishers").post(url).status_code == 302
    assert not MaterialReport.objects.filter(pk=reports["own"].pk).exists()


def test_the_list_opens_each_report_on_its_page_with_the_photo(officer, reports):
    listing = soup_of(officer("Test editors").get(LIST_URL))
    inspect = reverse("material_reports:inspect", args=[reports["own"].pk])
    assert listing.select_one(f"a[href='{inspect}']") is not None
