"""Officers in the browser: an account in the seeded site, signed in through the real two steps.

    page = officer("pat", groups=[WESTMINSTER_PUBLISHERS])

The account is made with the seeded site's own manage.py; signing in goes through the login
form, the authenticator set-up (the code is computed from the key the page shows, as an app
would) and the recovery codes, and ends on the admin dashboard of the chosen council's host.
"""

import base64
import json
import re
import secrets

from django_otp.oath import totp
from playwright.sync_api import expect

TOTP_STEP = 30

# The councils' officer groups in the seeded site.
WESTMINSTER_PUBLISHERS = "Westminster City Council Prevent publishers"
WESTMINSTER_EDITORS = "Westminster City Council Prevent editors"
ROCHFORD_PUBLISHERS = "Rochford District Council Prevent publishers"
ROCHFORD_EDITORS = "Rochford District Council Prevent editors"


def create_officer(site, username, *, superuser=False, groups=()):
    """Create (or reset, authenticator included) an account in the seeded site's database;
    returns its password."""
    password = secrets.token_urlsafe(18)
    args = json.dumps(
        {"username": username, "password": password, "superuser": superuser, "groups": groups}
    )
    site.shell(
        "import json\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.models import Group\n"
        f"a = json.loads({args!r})\n"
        "user, _ = get_user_model().objects.get_or_create(username=a['username'])\n"
        "user.email = a['username'] + '@officers.example.org'\n"
        "user.is_superuser = user.is_staff = a['superuser']\n"
        "user.set_password(a['password'])\n"
        "user.save()\n"
        "found = list(Group.objects.filter(name__in=a['groups']))\n"
        "assert len(found) == len(a['groups']), f'missing groups in {a[\"groups\"]}'\n"
        "user.groups.set(found)\n"
        # Every sign-in through this helper is a first one, even for a name used before.
        "from django_otp.plugins.otp_static.models import StaticDevice\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "TOTPDevice.objects.filter(user=user).delete()\n"
        "StaticDevice.objects.filter(user=user).delete()\n",
    )
    return password


def code_for(key_text, *, steps_ahead=0):
    """The 6-digit code an authenticator app shows for the key printed on the set-up page.

    A code is accepted once; the next sign-in uses the next step's code, which the site
    accepts as clock drift, so no test waits for the clock."""
    secret = key_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, step=TOTP_STEP, digits=6, drift=steps_ahead):06d}"


def enter_password(page, site, username, password, council="westminster", next_path="/admin/"):
    page.goto(site.url(council, f"/admin/login/?next={next_path}"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()


def set_up_authenticator(page):
    """On the set-up page: enter a code for the shown key. Returns (key, recovery codes)."""
    expect(page).to_have_url(re.compile(r"/admin/two-factor/setup/"))
    key = page.locator("main code").first.inner_text()
    page.fill("#id_token", code_for(key))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    return key, codes


def sign_in(browser, site, username, password, council="westminster"):
    """First sign-in of a new account; returns a page on the dashboard and the recovery codes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    enter_password(page, site, username, password, council)
    key, codes = set_up_authenticator(page)
    page.get_by_role("link", name="I have saved my codes: continue").click()
    expect(page).to_have_url(site.url(council, "/admin/"))
    page.officer_key, page.recovery_codes = key, codes
    return page
