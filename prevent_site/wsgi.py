"""WSGI entry point for gunicorn; defaults to the production settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_site.settings.production")

application = get_wsgi_application()
