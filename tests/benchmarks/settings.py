"""Production settings for the benchmark, on a throwaway database, on 127.0.0.1 only.

Everything production hardens stays on, except what needs TLS or a real host.
Wagtail's API v2 is mounted by this module's URLconf, never by the project's.
"""

import os
import warnings

# Read by ``cms.settings.base`` at import; production refuses the development key.
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 60)
os.environ.setdefault("DATABASE_URL", "sqlite:///bench-results/bench.sqlite3")
# Effectively no limit, but the throttle still runs on every anonymous read.
os.environ.setdefault("API_ANONYMOUS_RATE", "100000000/min")

from cms.settings.production import *  # noqa: F403
from cms.settings.production import INSTALLED_APPS, STORAGES

DEBUG = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.benchmarks.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = "http://127.0.0.1"
# Static files are not collected for an API benchmark; WhiteNoise need not say so per worker.
warnings.filterwarnings("ignore", message="No directory at")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
