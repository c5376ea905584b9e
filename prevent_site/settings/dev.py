"""Local development: debug on, a development-only key, the site reachable on localhost."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-do-not-use-in-production")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,.localhost,testserver")

from .base import *  # noqa: F403

DEBUG = True
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
# Emails are printed in the terminal instead of being sent.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
