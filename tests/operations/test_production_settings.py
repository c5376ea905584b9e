"""The production settings refuse to start without what they need, and read the rest from the
environment."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def run_with_production_settings(**env):
    clean_env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean_env.update(env, DJANGO_SETTINGS_MODULE="prevent_site.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=Path(settings.BASE_DIR),
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_with_production_settings(ALLOWED_HOSTS="prevent.example.gov.uk")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = run_with_production_settings(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_production_settings_start_with_both_and_debug_off():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DEBUG, settings.SECURE_HSTS_SECONDS)",
        ],
        cwd=Path(settings.BASE_DIR),
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "prevent_site.settings.production",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "prevent.example.gov.uk",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "31536000"]


def mail_options(monkeypatch, **env):
    """The mail settings that the base settings make from these environment variables."""
    for name in ("EMAIL_TIMEOUT", "GOVUK_NOTIFY_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    base = Path(settings.BASE_DIR, "prevent_site", "settings", "base.py")
    return runpy.run_path(str(base))["MAILERS"]["default"]["OPTIONS"]


def test_the_mail_server_gives_up_after_ten_seconds_unless_told_otherwise(monkeypatch):
    assert mail_options(monkeypatch)["timeout"] == 10
    assert mail_options(monkeypatch, EMAIL_TIMEOUT="3")["timeout"] == 3


def test_notify_gives_up_after_the_same_timeout(monkeypatch):
    options = mail_options(
        monkeypatch,
        GOVUK_NOTIFY_API_KEY="test-key",
        GOVUK_NOTIFY_TEMPLATE_ID="template",
        EMAIL_TIMEOUT="4",
    )
    assert options["api_key"] == "test-key"
    assert options["timeout"] == 4
