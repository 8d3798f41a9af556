"""Fixtures for the production-readiness tests."""

import os
import secrets
import sqlite3

import pytest

from django.db import connection

# Variables of the machine running the tests that would change what production reads.
APP_VARIABLES = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "DEBUG",
    "REDIS_URL",
    "SEARCH_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "FRONTEND_CACHE_PURGE_URL",
    "MEDIA_URL",
    "EMAIL_BACKEND",
    "DEFAULT_FROM_EMAIL",
    "SITE_URL",
    "WEB_CONCURRENCY",
    "STATIC_ROOT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests' live server
)


@pytest.fixture
def production_env():
    """The environment a production process gets: real secret, hosts, PostgreSQL URL."""
    env = {key: value for key, value in os.environ.items() if key not in APP_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="library.example.org,testserver",
        CSRF_TRUSTED_ORIGINS="https://library.example.org",
        DATABASE_URL="postgres://library:secret@db.internal:5432/library",
        WAGTAILADMIN_BASE_URL="https://library.example.org",
        SITE_URL="https://library.example.org",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DEFAULT_FROM_EMAIL="library@clinic.example.net",
        WEB_CONCURRENCY="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


@pytest.fixture
def migrated_database_url(db, tmp_path):
    """A URL another process can open, for a database with every table in place.

    The test database itself on PostgreSQL; on SQLite (in memory, so private to
    this process) a file copy of it.
    """
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = tmp_path / "copy.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"
    return "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{**settings_dict, "PORT": settings_dict["PORT"] or 5432}
    )
