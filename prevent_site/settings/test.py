"""Test settings: fast hashing, plain static storage, quiet logs."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "*")

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
WAGTAILADMIN_BASE_URL = "http://testserver"

# Static files come from static_build/ through the finders; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
LOGGING["root"]["level"] = "WARNING"
# Tests see every change at once; the page-cache tests switch it on themselves.
PAGE_CACHE_SECONDS = 0
# Test clients sign in without a request, which django-axes cannot count; the sign-in
# throttling tests switch it back on.
AXES_ENABLED = False
