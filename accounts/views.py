"""Setting up and using the second factor for the admin (TOTP, with recovery codes)."""

import base64
import math

import segno
from django.contrib import messages
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import TokenForm

RECOVERY_CODES = 10


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return "/admin/"
    return target


def setup(request):
    if user_has_device(request.user):
        return redirect("wagtailadmin_two_factor_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if wait := _throttled_message([device]):
            form.add_error("token", wait)
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            codes = _new_recovery_codes(request.user)
            return TemplateResponse(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        else:
            form.add_error(
                "token", "That code is not right. Check the time on your phone and try again."
            )
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#0b0c0c")
    return TemplateResponse(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "secret": _secret_text(device),
            "next": _next_url(request),
        },
    )


def verify(request):
    if not user_has_device(request.user):
        return redirect("wagtailadmin_two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if wait := _throttled_message(devices_for_user(request.user)):
            form.add_error("token", wait)
        elif device := match_token(request.user, form.cleaned_data["token"]):
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = StaticToken.objects.filter(device=device).count()
                messages.warning(request, f"You used a recovery code. You have {left} left.")
            return redirect(_next_url(request))
        else:
            form.add_error("token", "That code is not right. Try again, or use a recovery code.")
    return TemplateResponse(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def _throttled_message(devices):
    """After a wrong code django-otp refuses every code for a while, right ones included: say
    so, rather than call a right code wrong."""
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed and details.get("locked_until"):
            seconds = max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))
            return (
                f"Too many wrong codes. Wait {seconds} second{pluralize(seconds)}, "
                "then enter the code your app shows."
            )
    return None


def _new_recovery_codes(user):
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


def _secret_text(device):
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
