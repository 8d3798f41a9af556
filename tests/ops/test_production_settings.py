"""Production is the same code with environment variables set, and passes the deploy checks.

The checks build the API schema, which reads the database: they get a migrated one.
"""

import json

import pytest

from tests.ops.processes import run_python

SETTINGS_PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "media": settings.STORAGES["default"]["BACKEND"],
    "media_options": settings.STORAGES["default"].get("OPTIONS", {}),
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "search": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "purgers": {k: v["BACKEND"] for k, v in settings.WAGTAILFRONTENDCACHE.items()},
    "database": settings.DATABASES["default"]["ENGINE"],
    "hsts": settings.SECURE_HSTS_SECONDS,
    "retention": settings.BOOKING_RETENTION_DAYS,
}))
"""

STATIC_PROBE = """
import django
django.setup()
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
url = staticfiles_storage.url("wagtailadmin/js/core.js")
response = Client().get(url, secure=True)
print(url)
print(response.status_code)
print(response["Cache-Control"])
print(response["X-Content-Type-Options"])
print(response["Cross-Origin-Resource-Policy"])
"""


def test_check_deploy_reports_nothing(production_env, migrated_database_url):
    production_env["DATABASE_URL"] = migrated_database_url
    result = run_python(production_env, "manage.py", "check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_reports_nothing_with_every_service_attached(
    production_env, migrated_database_url
):
    production_env.update(
        DATABASE_URL=migrated_database_url,
        REDIS_URL="redis://cache.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="library-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        SEARCH_URL="https://search.internal:9200",
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081",
    )
    result = run_python(production_env, "manage.py", "check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def deploy_check(production_env, migrated_database_url):
    production_env["DATABASE_URL"] = migrated_database_url
    return run_python(production_env, "manage.py", "check", "--deploy")


@pytest.mark.parametrize(
    ("variables", "error"),
    [
        ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "cms.E002"),
        ({"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}, "cms.E002"),
        ({"DEFAULT_FROM_EMAIL": ""}, "cms.E003"),
        ({"WEB_CONCURRENCY": "5"}, "cms.E004"),
        ({"SITE_URL": ""}, "cms.E005"),
        ({"SITE_URL": "http://library.example.org"}, "cms.E005"),
    ],
)
def test_check_deploy_refuses_unsafe_defaults(
    production_env, migrated_database_url, variables, error
):
    for name, value in variables.items():
        if value:
            production_env[name] = value
        else:
            del production_env[name]
    result = deploy_check(production_env, migrated_database_url)
    assert result.returncode != 0
    assert f"({error})" in result.stderr, result.stderr


def test_check_deploy_accepts_several_workers_sharing_redis(production_env, migrated_database_url):
    production_env.update(WEB_CONCURRENCY="5", REDIS_URL="redis://cache.internal:6379/0")
    result = deploy_check(production_env, migrated_database_url)
    assert result.returncode == 0, result.stderr


def test_debug_on_is_a_deploy_error(settings):
    """Production settings force DEBUG off; the check catches any settings module that does not."""
    from cms.checks import unsafe_defaults

    settings.DEBUG = True
    assert "cms.E001" in [error.id for error in unsafe_defaults(None)]


def test_production_refuses_the_development_secret(production_env):
    production_env["SECRET_KEY"] = "dev-only-insecure-key-never-use-in-production"
    result = run_python(production_env, "manage.py", "check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_services_are_attached_through_the_environment(production_env):
    production_env.update(
        REDIS_URL="redis://cache.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="library-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_S3_REGION_NAME="eu-west-2",
        SEARCH_URL="https://search.internal:9200",
        SEARCH_BACKEND="opensearch2",
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081",
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_API_TOKEN="token",
        BOOKING_RETENTION_DAYS="30",
    )
    result = run_python(production_env, "-c", SETTINGS_PROBE)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["cache_location"] == "redis://cache.internal:6379/0"
    assert found["media"] == "cms.storage.MediaS3Storage"
    assert found["media_options"]["bucket_name"] == "library-media"
    assert found["media_options"]["endpoint_url"] == "https://s3.example.net"
    assert found["media_options"]["default_acl"] is None
    assert found["static"] == "cms.static_storage.StaticFilesStorage"
    assert found["search"] == "modelsearch.backends.opensearch2"
    assert found["purgers"] == {
        "proxy": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "cloudflare": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
    }
    assert found["database"] == "django.db.backends.postgresql"
    assert found["hsts"] >= 2 * 365 * 24 * 3600
    assert found["retention"] == 30


def test_laptop_defaults_need_no_service(production_env):
    result = run_python(production_env, "-c", SETTINGS_PROBE)
    found = json.loads(result.stdout)
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["media"] == "django.core.files.storage.FileSystemStorage"
    assert found["search"] == "cms.search_backend"
    assert found["purgers"] == {}
    assert found["retention"] == 90


def test_hashed_static_files_are_served_by_whitenoise_with_a_long_cache(production_env, tmp_path):
    production_env["STATIC_ROOT"] = str(tmp_path / "static")
    result = run_python(production_env, "-c", STATIC_PROBE, timeout=300)
    assert result.returncode == 0, result.stderr
    url, status, cache_control, nosniff, corp = result.stdout.split("\n")[:5]
    assert (
        url.startswith("/static/wagtailadmin/js/core.") and url != "/static/wagtailadmin/js/core.js"
    )
    assert status == "200"
    assert "immutable" in cache_control and "max-age=315360000" in cache_control
    assert nosniff == "nosniff"
    assert corp == "same-origin"
