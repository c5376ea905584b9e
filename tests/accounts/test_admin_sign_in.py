"""Officers sign in with a password and a second step; guessing passwords is throttled."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-123"


@pytest.fixture(autouse=True)
def no_throttle_between_codes(settings):
    # A wrong code slows the next try down (rightly); these tests try again at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def sign_in(client, username="editor", password=PASSWORD, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_first_sign_in_sets_up_an_authenticator_then_the_admin_opens(client, editor):
    response = sign_in(client)
    assert response.status_code == 302
    # Every admin page waits for the second step.
    for path in ("/admin/", "/admin/pages/", "/admin/snippets/contacts/contactpoint/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/two-factor/setup/")

    setup = client.get("/admin/two-factor/setup/?next=/admin/pages/")
    soup = soup_of(setup)
    assert soup.select_one(".two-factor-qr svg") is not None
    assert re.fullmatch(r"[A-Z2-7 ]+", text_of(soup.select_one("code")))

    wrong = client.post("/admin/two-factor/setup/", {"token": "000000", "next": "/admin/pages/"})
    assert "That code is not right" in wrong.content.decode()

    device = TOTPDevice.objects.get(user=editor)
    response = client.post(
        "/admin/two-factor/setup/", {"token": current_code(device), "next": "/admin/pages/"}
    )
    codes = [text_of(c) for c in soup_of(response).select(".recovery-codes code")]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/pages/").status_code == 200


def test_later_sign_ins_ask_for_a_code_and_accept_a_recovery_code_once(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    sign_in(client)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/two-factor/verify/")
    bad = client.post("/admin/two-factor/verify/", {"token": "123456", "next": "/admin/"})
    assert "That code is not right" in bad.content.decode()
    good = client.post("/admin/two-factor/verify/", {"token": current_code(device)})
    assert good.status_code == 302
    assert client.get("/admin/").status_code == 200

    from django_otp.plugins.otp_static.models import StaticDevice

    recovery = StaticDevice.objects.create(user=editor, name="Recovery codes")
    recovery.token_set.create(token="recover1")
    for attempt in range(2):
        client.logout()
        sign_in(client)
        response = client.post("/admin/two-factor/verify/", {"token": "recover1"})
        if attempt == 0:
            assert response.status_code == 302 and client.get("/admin/").status_code == 200
        else:
            assert "That code is not right" in response.content.decode()


def test_guessing_passwords_is_throttled_then_cools_off(client, editor, settings):
    settings.AXES_ENABLED = True
    for _ in range(4):
        assert sign_in(client, password="wrong-password").status_code == 200
    assert sign_in(client, password="wrong-password").status_code == 429  # the fifth
    locked = sign_in(client)  # even the right password, from this address, for now
    assert locked.status_code == 429
    assert "Too many attempts" in text_of(soup_of(locked).h1)

    # The attacker's address is locked out; the officer elsewhere is not.
    elsewhere = sign_in(client, REMOTE_ADDR="10.9.8.7")
    assert elsewhere.status_code == 302

    client.logout()
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert sign_in(client).status_code == 302


def test_a_right_code_straight_after_a_wrong_one_is_told_to_wait_not_called_wrong(
    client, editor, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 30
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    sign_in(client)
    client.post("/admin/two-factor/verify/", {"token": "123456"})
    response = client.post("/admin/two-factor/verify/", {"token": current_code(device)})
    message = text_of(soup_of(response).select_one(".error-message"))
    wait = re.search(r"Too many wrong codes\. Wait (\d+) seconds", message)
    assert wait and 20 <= int(wait.group(1)) <= 30  # counted down from 30; a loaded machine is slow
    assert client.get("/admin/").status_code == 302  # still not through the second step

    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=31)
    )
    assert (
        client.post("/admin/two-factor/verify/", {"token": current_code(device)}).status_code == 302
    )
    assert client.get("/admin/").status_code == 200


def test_the_icon_sprite_loads_before_the_second_step_and_scripts_are_not_sent_back_to(
    client, editor
):
    sign_in(client)
    sprite = client.get("/admin/sprite/")
    assert sprite.status_code == 200 and "<svg" in sprite.content.decode()
    fetched = client.get("/admin/pages/search/?q=x", headers={"sec-fetch-mode": "cors"})
    assert fetched["Location"] == "/admin/two-factor/setup/"
    opened = client.get("/admin/pages/", headers={"sec-fetch-mode": "navigate"})
    assert opened["Location"] == "/admin/two-factor/setup/?next=%2Fadmin%2Fpages%2F"
