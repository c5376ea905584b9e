"""Local development: a development-only key, the site reachable on localhost.

DEBUG is on unless DJANGO_DEBUG=false, which the browser tests use to see the real error pages.
Either way WhiteNoise serves the built front end straight from static_build/ (no collectstatic)
and Django serves uploaded media.
"""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-do-not-use-in-production")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,.localhost,testserver")

from .base import *  # noqa: F403

DEBUG = env_bool("DJANGO_DEBUG", True)
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
# Emails are printed in the terminal instead of being sent.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
