"""Deploy checks: production refuses the defaults that only suit a laptop.

Each is an ``Error`` under ``manage.py check --deploy``, which the release runs
before gunicorn restarts (README, "Release steps"), so a misconfigured release
stops there instead of serving:

* DEBUG on shows tracebacks and settings to anyone;
* a console, file, in-memory or dummy e-mail backend writes password-reset
  links to the logs (or nowhere) instead of sending them;
* the development ``DEFAULT_FROM_EMAIL`` sends from an address nobody owns;
* more than one web process with a per-process cache gives every process its
  own rate-limit counters, so "10 an hour" becomes 10 an hour per worker;
* a ``SITE_URL`` left at the laptop's address (or not https) would put the wrong
  address in every sitemap, canonical link and API answer.
"""

import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

from cms.gunicorn import worker_count
from cms.settings.base import DEV_FROM_EMAIL

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "testserver"}
UNSENT_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.security, deploy=True)
def unsafe_defaults(app_configs, **kwargs):
    errors = []
    if settings.DEBUG:
        errors.append(
            Error(
                "DEBUG is on: error pages would show code and settings to anyone.",
                hint="Unset DEBUG (production settings force it off).",
                id="cms.E001",
            )
        )
    if settings.EMAIL_BACKEND in UNSENT_EMAIL_BACKENDS:
        errors.append(
            Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: password-reset links and "
                "notifications would be written to the logs or lost, not sent.",
                hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend "
                "and Django's EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD.",
                id="cms.E002",
            )
        )
    if settings.DEFAULT_FROM_EMAIL in ("", DEV_FROM_EMAIL, "webmaster@localhost"):
        errors.append(
            Error(
                "DEFAULT_FROM_EMAIL is not set: e-mail would come from a placeholder address.",
                hint="Set DEFAULT_FROM_EMAIL to an address of the clinic that receives replies.",
                id="cms.E003",
            )
        )
    site = urlsplit(settings.SITE_URL)
    if site.scheme != "https" or not site.hostname or site.hostname in LOCAL_HOSTS:
        errors.append(
            Error(
                f"SITE_URL is {settings.SITE_URL!r}: sitemaps, canonical links and the API "
                "would send readers and search engines to the wrong address.",
                hint="Set SITE_URL to the public https:// address, e.g. https://library.example.org.",
                id="cms.E005",
            )
        )
    backend = settings.CACHES["default"]["BACKEND"]
    workers = worker_count(os.environ)
    if backend in PER_PROCESS_CACHES and workers > 1:
        errors.append(
            Error(
                f"{workers} web processes (WEB_CONCURRENCY) but the cache is per process "
                f"({backend}): each would count rate limits on its own.",
                hint="Set REDIS_URL to a shared Redis, or WEB_CONCURRENCY=1.",
                id="cms.E004",
            )
        )
    return errors
