"""Phone numbers are validated, stored in one form and shown in the standard grouped form."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contacts.models import ContactPoint
from contacts.phone import format_uk_phone, normalise_uk_phone, tel_uri
from tests import factories


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("0207 641 6032", "+442076416032", "020 7641 6032"),
        ("+44 20 7641 6032", "+442076416032", "020 7641 6032"),
        ("01702 546 366", "+441702546366", "01702 546366"),
        ("0800 011 3764", "+448000113764", "0800 011 3764"),
        ("0800 789 321", "+44800789321", "0800 789 321"),
        ("999", "999", "999"),
        ("101", "101", "101"),
        ("18001 101", "18001101", "18001 101"),
        ("18001 020 7641 6032", "1800102076416032", "18001 020 7641 6032"),
    ],
)
def test_uk_numbers_are_normalised_and_grouped(typed, stored, shown):
    assert normalise_uk_phone(typed) == stored
    assert format_uk_phone(stored) == shown
    assert tel_uri(stored) == f"tel:{stored}"


@pytest.mark.parametrize(
    "typed", ["12345", "020 7641 603", "+1 212 555 0100", "call us", "0044 20 7641 6032", "99"]
)
def test_anything_else_is_refused_with_a_clear_message(typed):
    with pytest.raises(ValidationError) as error:
        normalise_uk_phone(typed)
    assert "Enter a UK phone number" in " ".join(error.value.messages)


@pytest.mark.django_db
class TestOfficersEditingContacts:
    def form(self, **overrides):
        return factories.contact_form_data(**overrides)

    def test_an_invalid_phone_number_is_refused_and_nothing_saved(self, admin_client):
        url = reverse("wagtailsnippets_contacts_contactpoint:add")
        response = admin_client.post(url, self.form(phone="0207 641"))
        assert response.status_code == 200
        assert "Enter a UK phone number" in response.content.decode()
        assert not ContactPoint.objects.exists()

    def test_an_invalid_email_is_refused(self, admin_client):
        url = reverse("wagtailsnippets_contacts_contactpoint:add")
        response = admin_client.post(url, self.form(email="prevent@"))
        assert response.status_code == 200
        assert "Enter a valid email address" in response.content.decode()
        assert not ContactPoint.objects.exists()

    def test_a_contact_with_no_way_to_get_in_touch_is_refused(self, admin_client):
        url = reverse("wagtailsnippets_contacts_contactpoint:add")
        response = admin_client.post(url, self.form(phone="", email=""))
        assert "Give at least one way to get in touch" in response.content.decode()
        assert not ContactPoint.objects.exists()

    def test_a_valid_number_is_saved_in_normal_form(self, admin_client):
        url = reverse("wagtailsnippets_contacts_contactpoint:add")
        response = admin_client.post(
            url, self.form(phone="0207 641 6032", **{"action-publish": "publish"})
        )
        assert response.status_code == 302
        contact = ContactPoint.objects.get()
        assert contact.phone == "+442076416032"
        assert contact.topics == ["children"]
        assert contact.live
