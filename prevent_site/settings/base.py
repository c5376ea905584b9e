"""Settings shared by every environment.

This file is safe for production on its own: DEBUG is off and every secret comes from the
environment, so a missing SECRET_KEY or ALLOWED_HOSTS fails loudly rather than falling back.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be set (see README.md, 'Environment variables')."
        )
    return value


def env_bool(name, default):
    """True when the variable is "true" in any case, false for any other value, the default
    when it is not set."""
    value = os.environ.get(name)
    return default if value is None else value.lower() == "true"


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "The environment variable ALLOWED_HOSTS must list the site host names, comma-separated."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "pages.apps.PagesConfig",
    "contacts.apps.ContactsConfig",
    "newsletters.apps.NewslettersConfig",
    "reviews.apps.ReviewsConfig",
    "accounts.apps.AccountsConfig",
    "linkcheck.apps.LinkcheckConfig",
    "alerts.apps.AlertsConfig",
    "feedback.apps.FeedbackConfig",
    "material_reports.apps.MaterialReportsConfig",
    "contact_updates.apps.ContactUpdatesConfig",
    "operations.apps.OperationsConfig",
    "training_finder.apps.TrainingFinderConfig",
    "events.apps.EventsConfig",
    "bookings.apps.BookingsConfig",
    "delivery.apps.DeliveryConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks_db",
    # Wagtail's search index uses PostgreSQL's GIN indexes in production.
    "django.contrib.postgres",
    "wagtail.contrib.settings",
    "wagtail_periodic_review",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "accounts.apps.OfficerUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "pages.middleware.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Under WhiteNoise (static files are compressed at collectstatic) and above the page cache,
    # so a cached page is compressed after its fresh nonce is swapped in (delivery/compression.py).
    "delivery.compression.CompressionMiddleware",
    # Above everything that renders, so a cached page skips the work (see delivery/page_cache.py).
    "delivery.page_cache.PageCacheMiddleware",
    # Below the page cache: an uncached page finds its site, settings and menus in the site cache.
    "delivery.site_cache.SiteCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Below the CSP middleware so that it sees the response first and can switch policies.
    "pages.middleware.AdminContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Under the CSP middleware, so the 405 page it renders gets its nonce.
    "pages.middleware.MethodNotAllowedPageMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into a clear refusal.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling: five wrong passwords for one account from one address locks that pair
# out for 15 minutes, then lets them try again. Never a permanent lock, and never a lock on the
# account itself, which an attacker elsewhere could use to keep an officer out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# Visitors' addresses behind reverse proxies (pages/client_address.py): how many proxies in
# front each append the address they were reached from to X-Forwarded-For. With 0 the header is
# ignored. Sign-in throttling and every rate limit count by the address found this way.
TRUSTED_PROXY_HOPS = os.environ.get("TRUSTED_PROXY_HOPS", "0").strip()
if not TRUSTED_PROXY_HOPS.isdecimal():
    raise ImproperlyConfigured("TRUSTED_PROXY_HOPS must be a whole number: 0, 1, 2 and so on.")
TRUSTED_PROXY_HOPS = int(TRUSTED_PROXY_HOPS)
AXES_CLIENT_IP_CALLABLE = "pages.client_address.client_address"
# A form sent without its CSRF token gets an error page in the site's layout.
CSRF_FAILURE_VIEW = "pages.error_views.csrf_failure"

# Two-step sign-in is required for every admin account (accounts/middleware.py).
ADMIN_REQUIRE_TWO_FACTOR = env_bool("ADMIN_REQUIRE_TWO_FACTOR", True)
OTP_TOTP_ISSUER = "Prevent site"

ROOT_URLCONF = "prevent_site.urls"
WSGI_APPLICATION = "prevent_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the embedded default for a newcomer; production sets DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database that does not answer must fail fast, so readers get the 503 page in seconds.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")
    )
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The page editor saves drafts and previews at the same moment. Taking the write lock when a
    # transaction starts lets the second writer wait for the first (up to the timeout) instead of
    # failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Compiled front end (npm run build) lands in static_build/, which is git-ignored.
STATICFILES_DIRS = [BASE_DIR / "static_build"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "collected_static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Files that must never have a public address (photos residents send with a report of
# leaflets or stickers): outside MEDIA_ROOT, served only through the admin after a permission
# check (material_reports/storage.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
# Serve uploaded media from Django itself: for a single server with no separate media host.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Content Security Policy for public pages: nothing from other origins, no inline script or
# style without the per-request nonce. The Wagtail admin gets its own policy (pages.middleware).
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
}
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The site needs none of these browser features: switch them all off.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
SESSION_COOKIE_HTTPONLY = True

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: Redis when REDIS_URL is set (shared by every worker and server, so a purge reaches
# them all); otherwise each process keeps its own, and cached pages live only briefly because
# one process cannot tell the others to purge. A cache that fails is ignored, never fatal.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600" if REDIS_URL else "10"))
# What every page of a site shows (its settings, menus, alerts: delivery/site_cache.py), dropped
# on every change like the page cache; per process without Redis, so only for a few seconds.
SITE_CACHE_SECONDS = int(os.environ.get("SITE_CACHE_SECONDS", "3600" if REDIS_URL else "10"))

# A CDN in front (docs/deploy.md), purged through Wagtail's frontend-cache backends on every
# change that purges the page cache: a caching proxy that accepts HTTP PURGE (such as Varnish),
# or Cloudflare.
WAGTAILFRONTENDCACHE = {}
# Varnish with the project's VCL (deploy/varnish/default.vcl): a PURGE per page, or one BAN per
# council's site when a change shows on all its pages.
if os.environ.get("VARNISH_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "delivery.cdn.VarnishBackend",
        "LOCATION": os.environ["VARNISH_URL"],
    }
if os.environ.get("CDN_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["CDN_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env_required("CLOUDFLARE_API_TOKEN"),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
# How long the CDN may keep a page; purges end it sooner. Without a CDN, pages ask for none.
CDN_CACHE_SECONDS = int(os.environ.get("CDN_CACHE_SECONDS", "3600"))

# Email: the newsletter's confirmations and issues. A short timeout, so a hanging mail server
# makes a send fail (and be retried) rather than hold a worker or a web request.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "prevent-newsletter@localhost")
# Or GOV.UK Notify instead of the mail server, when its API key is set (pages/notify_backend.py).
if os.environ.get("GOVUK_NOTIFY_API_KEY", "").strip():
    MAILERS["default"] = {
        "BACKEND": "pages.notify_backend.NotifyEmailBackend",
        "OPTIONS": {
            "api_key": env_required("GOVUK_NOTIFY_API_KEY"),
            "template_id": env_required("GOVUK_NOTIFY_TEMPLATE_ID"),
            "base_url": os.environ.get("GOVUK_NOTIFY_BASE_URL", ""),
            "reply_to_ids": os.environ.get("GOVUK_NOTIFY_REPLY_TO_IDS", ""),
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
        },
    }

# Background work (sending newsletters, search and reference indexing). Production runs the
# database queue with its worker (`manage.py db_worker`); development and tests run tasks at once.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Prevent"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents are served through Wagtail's view, as downloads, except the safe types below;
# nothing that a browser would run (HTML, SVG) can be uploaded or shown inline.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# No third-party requests from the admin either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PRIVACY_PASSWORD_ENABLED = False
WAGTAILEMBEDS_FINDERS = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per background task run is noise, not information.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}
