"""Health endpoints for the load balancer, and uploads that cannot carry a script."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def test_liveness_needs_nothing_and_readiness_checks_the_database(client):
    assert client.get("/health/live/").status_code == 200
    assert client.get("/health/ready/").status_code == 200
    with mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("down")
    ):
        assert client.get("/health/live/").status_code == 200
        assert client.get("/health/ready/").status_code == 503


def test_html_and_svg_uploads_are_refused(admin_client):
    page = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Trap", "file": SimpleUploadedFile("trap.html", b"<script>alert(1)</script>")},
    )
    assert page.status_code == 200  # the form again, with the error
    assert not get_document_model().objects.exists()
    image = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Trap", "file": SimpleUploadedFile("trap.svg", b"<svg onload='x()'></svg>")},
    )
    assert image.status_code == 200
    assert not get_image_model().objects.exists()


def test_documents_download_with_the_right_type_and_disposition(client, home_page):
    document = get_document_model().objects.create(
        title="Leaflet", file=SimpleUploadedFile("leaflet.docx", b"PK\x03\x04 not really")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "wordprocessingml" in response["Content-Type"]
    pdf = get_document_model().objects.create(
        title="Guide", file=SimpleUploadedFile("guide.pdf", b"%PDF-1.4 guide")
    )
    response = client.get(pdf.url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
