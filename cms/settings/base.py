"""Settings shared by every environment, read from the environment in this one place.

Defaults suit a laptop (SQLite file, console e-mail, local media); production sets
environment variables and ``cms.settings.production`` hardens the rest.
"""

import datetime
import hashlib
import os
from pathlib import Path

import dj_database_url

from . import backing_services, content_security

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
# A placeholder sender; the deploy checks refuse it (cms/checks.py).
DEV_FROM_EMAIL = "library@example.org"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "api",
    "frontend",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "wagtail.api.v3",  # only for the admin's API token screens (our API keys)
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "pwa",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the delivery layer, so kept answers are framed-protected like fresh ones.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Outside everything that reads or writes the body; public responses only (BREACH).
    "cms.delivery.middleware.PublicGZipMiddleware",
    "cms.security.SecurityHeadersMiddleware",
    # django-csp, choosing the policy per kind of response (cms/content_security.py).
    "cms.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Before sessions, auth and routing: a kept answer costs no query (cms/delivery).
    "cms.delivery.middleware.DeliveryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout answer.
    "axes.middleware.AxesMiddleware",
]

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT failures the account is
# locked whatever the address, and the address whatever the account, for the
# cool-off time; a success resets the count. Page passwords count too
# (cms/page_passwords.py). Superusers unlock under Settings -> Sign-in lockouts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # no Django admin here; the Wagtail admin lists lockouts
AXES_CLIENT_IP_CALLABLE = "cms.accounts.client_address"
AXES_VERBOSE = False
# Admin sessions end after 8 hours (a working day), and when the browser closes.
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": backing_services.with_timeouts(
        dj_database_url.config(
            default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        ),
        seconds=int(os.environ.get("DB_TIMEOUT_SECONDS", "5")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Let Django itself serve MEDIA_URL (development, tests, a single small server).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

# Content-Security-Policy (django-csp): the reading pages' policy, and how each other
# kind of response differs from it (cms/settings/content_security.py).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": content_security.reading_pages(MEDIA_URL)}
CONTENT_SECURITY_POLICY_BY_KIND = content_security.BY_KIND

STORAGES = {
    "default": backing_services.media_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEV_FROM_EMAIL)
# Who hears about new booking requests (the clinic settings' e-mail when empty).
BOOKING_NOTIFICATION_EMAIL = os.environ.get("BOOKING_NOTIFICATION_EMAIL", "")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Form and JSON bodies (files aside); the admin's biggest page forms stay well under it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
# How long booking requests are kept before purge_booking_requests deletes them.
BOOKING_RETENTION_DAYS = int(os.environ.get("BOOKING_RETENTION_DAYS", "90"))

# Wagtail
WAGTAIL_SITE_NAME = "Back Pain Library"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The one public address every absolute URL is built from (cms/site_url.py): sitemap,
# canonical links, JSON-LD, API links, QR codes. Never the request's Host header.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILSEARCH_BACKENDS = backing_services.search_backends(os.environ)
WAGTAILFRONTENDCACHE = backing_services.frontend_cache(os.environ)
# The admin talks to no third party: no avatars from Gravatar, no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif", "svg"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # decompression bombs stop here

CACHES = backing_services.caches(os.environ)

# Delivery (cms/delivery): addresses never answered from a kept copy, and those whose
# views refuse unknown parameters, so a query string may be part of a kept address.
DELIVERY_EXCLUDED_PREFIXES = [
    "/admin/",
    "/documents/",
    "/healthz",
    "/media/",
    "/static/",
    "/book/",
    "/api/v1/booking-requests/",
    "/api/v1/docs/",
    "/api/v1/schema/",
    # Code, not content: a browser must see a new release's worker and manifest at once.
    "/serviceworker.js",
    "/manifest.json",
]
DELIVERY_QUERY_PREFIXES = ["/api/v1/"]


def code_release() -> str:
    """What names this release of the code, so a shared cache never serves an old one's pages.

    ``RELEASE`` (e.g. the git commit) when the deploy sets it; otherwise a digest of the
    code and templates, computed once at start-up.
    """
    if os.environ.get("RELEASE"):
        return os.environ["RELEASE"]
    digest = hashlib.blake2b(digest_size=8)
    for folder in ("cms", "api", "frontend"):
        for path in sorted((BASE_DIR / folder).rglob("*")):
            if path.suffix in {".py", ".html", ".js", ".css", ".json"} and path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


DELIVERY_RELEASE = code_release()

# Public API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.APITokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.StrictJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousReadThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anonymous_read": os.environ.get("API_ANONYMOUS_RATE", "300/min"),
        "booking_client": os.environ.get("BOOKING_CLIENT_RATE", "10/hour"),
        "booking_contact": os.environ.get("BOOKING_CONTACT_RATE", "5/day"),
    },
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StrictLimitOffsetPagination",
    "DEFAULT_SCHEMA_CLASS": "api.schema.PublicAPISchema",
    "EXCEPTION_HANDLER": "api.errors.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
    # How many proxies in front of the site append to X-Forwarded-For (0: use REMOTE_ADDR).
    "NUM_PROXIES": int(os.environ.get("TRUSTED_PROXY_COUNT", "0")),
}
CONTENT_LICENCE = {
    "name": os.environ.get("CONTENT_LICENCE_NAME", "CC BY-NC-ND 4.0"),
    "url": os.environ.get(
        "CONTENT_LICENCE_URL", "https://creativecommons.org/licenses/by-nc-nd/4.0/"
    ),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Back Pain Library API",
    "DESCRIPTION": (
        "Read-only JSON for the library's published articles and stretch guides. "
        "Anonymous reads are rate-limited per client; send `Authorization: Bearer <key>` "
        "with a key from the clinic to lift the limit. Every GET carries an ETag and "
        "Last-Modified; send them back as If-None-Match / If-Modified-Since for a 304. "
        "Errors are RFC 9457 problem details."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Only the public API: Wagtail's admin API is not ours to document (nor to warn about).
    "PREPROCESSING_HOOKS": ["api.schema.public_api_only"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"PageTypeEnum": "api.serializers.links.PAGE_TYPE_CHOICES"},
}
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["authorization", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# How far ahead the dashboard warns editors about medical reviews falling due.
REVIEW_DUE_WARNING_DAYS = 30
# Days from a clinical review to the next one, per page type (app_label.model).
CLINICAL_REVIEW_INTERVAL_DAYS = {
    "cms.articlepage": 365,
    "cms.stretchguidepage": 365,
    "cms.routinepage": 365,
}
# Reviewer professions allowed to sign off exercise (stretch guides and routines).
CLINICAL_REVIEW_EXERCISE_PROFESSIONS = ["physiotherapist"]
# Editors are warned (not stopped) above this Flesch-Kincaid grade.
READING_GRADE_WARNING = 8

# Installable web app. django-pwa serves /manifest.json (our template adds short_name)
# and /serviceworker.js from this file; frontend/icons.py draws the icons.
PWA_SERVICE_WORKER_PATH = BASE_DIR / "frontend" / "static" / "frontend" / "js" / "serviceworker.js"
PWA_APP_NAME = WAGTAIL_SITE_NAME
PWA_APP_SHORT_NAME = "Back Pain"
PWA_APP_DESCRIPTION = (
    "Plain-language articles and guided stretches for back pain and sciatica, "
    "readable offline once saved."
)
PWA_APP_THEME_COLOR = "#fbfaf8"  # --bg in site.css, as the pages' theme-color meta
PWA_APP_BACKGROUND_COLOR = "#fbfaf8"
PWA_APP_DISPLAY = "standalone"
PWA_APP_SCOPE = "/"
PWA_APP_START_URL = "/"
PWA_APP_ORIENTATION = "any"
PWA_APP_LANG = "en-GB"
PWA_APP_DIR = "ltr"
PWA_APP_DEBUG_MODE = False
icons = f"{STATIC_URL}frontend/icons/"  # lower case: not a setting itself
PWA_APP_ICONS = [
    {"src": f"{icons}{name}-{px}.png", "sizes": f"{px}x{px}", "type": "image/png", "purpose": use}
    for name, use in (("icon", "any"), ("maskable", "maskable"))
    for px in (192, 512)
]
PWA_APP_ICONS_APPLE = [{"src": f"{icons}apple-touch-icon.png", "sizes": "180x180"}]
PWA_APP_SPLASH_SCREEN = []  # browsers draw one from the name, icon and background colour
PWA_APP_SHORTCUTS = [
    {
        "name": "Stretches",
        "description": "Short guided stretches for home, desk or travel",
        "url": "/stretches/",
        "icons": [{"src": f"{icons}icon-192.png", "sizes": "192x192", "type": "image/png"}],
    },
    {
        "name": "Book a session",
        "short_name": "Book",
        "description": "Ask the clinic for a massage appointment",
        "url": "/book/",
        "icons": [{"src": f"{icons}icon-192.png", "sizes": "192x192", "type": "image/png"}],
    },
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per background task and per publish is noise, not news.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
