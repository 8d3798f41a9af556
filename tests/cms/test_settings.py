"""Production refuses to start insecurely; development accounts exist only in development."""

import json
import os
import re
import subprocess
import sys

import pytest

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from django.test import override_settings

from cms.management.commands.create_dev_users import DEV_USERS
from cms.settings.base import DEV_SECRET_KEY

LONG_SECRET_KEY = "x" * 30 + "-production-secret-0123456789abcdef"

# What the settings print when they import, so the parent process can inspect them.
REPORT = (
    "import json, cms.settings.production as s; "
    "print(json.dumps({'DEBUG': s.DEBUG, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS, "
    "'ENGINE': s.DATABASES['default']['ENGINE'], 'SSL': s.SECURE_SSL_REDIRECT, "
    "'HSTS': s.SECURE_HSTS_SECONDS, 'COOKIE': s.SESSION_COOKIE_SECURE}))"
)


def _import_production_settings(**env) -> subprocess.CompletedProcess:
    """Import the production settings in a fresh interpreter with only ``env`` set.

    A subprocess keeps module caching and this test run's own environment out of it.
    """
    clean_env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(settings.BASE_DIR), **env}
    return subprocess.run(
        [sys.executable, "-c", REPORT],
        cwd=settings.BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "env",
    [{}, {"SECRET_KEY": DEV_SECRET_KEY}, {"SECRET_KEY": "short-but-not-the-dev-key"}],
    ids=["no key", "development key", "short key"],
)
def test_production_settings_refuse_an_insecure_secret_key(env):
    result = _import_production_settings(**env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_settings_import_with_a_long_secret_key_and_production_env():
    result = _import_production_settings(
        SECRET_KEY=LONG_SECRET_KEY,
        DEBUG="true",
        ALLOWED_HOSTS="library.example.org",
        DATABASE_URL="postgres://library:secret@db.example.org:5432/library",
    )

    assert result.returncode == 0, result.stderr
    imported = json.loads(result.stdout)
    assert imported == {
        "DEBUG": False,
        "ALLOWED_HOSTS": ["library.example.org"],
        "ENGINE": "django.db.backends.postgresql",
        "SSL": True,
        "HSTS": 2 * 365 * 24 * 3600,
        "COOKIE": True,
    }


def test_create_dev_users_refuses_when_debug_is_off(db):
    assert settings.DEBUG is False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_dev_users")
    assert not get_user_model().objects.exists()


def sign_in(username: str, password: str):
    """``authenticate()`` as a sign-in form calls it: django-axes needs the request."""
    return authenticate(request=HttpRequest(), username=username, password=password)


def _passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"^\s+(\w+)\s+(\S+)\s+\(", output, flags=re.MULTILINE))


@override_settings(DEBUG=True)
def test_create_dev_users_creates_admin_editor_and_moderator_with_printed_passwords(db, capsys):
    call_command("create_dev_users")

    passwords = _passwords(capsys.readouterr().out)
    assert set(passwords) == {"admin", "editor", "moderator"}
    users = {name: sign_in(name, pw) for name, pw in passwords.items()}
    assert all(users.values()), "a printed password does not log in"
    assert users["admin"].is_superuser
    assert not users["editor"].is_superuser
    assert not users["moderator"].is_superuser
    assert [group.name for group in users["editor"].groups.all()] == ["Editors"]
    assert [group.name for group in users["moderator"].groups.all()] == ["Moderators"]


@override_settings(DEBUG=True)
def test_create_dev_users_run_again_resets_passwords_without_duplicating(db, capsys):
    call_command("create_dev_users")
    first = _passwords(capsys.readouterr().out)
    call_command("create_dev_users")
    second = _passwords(capsys.readouterr().out)

    assert get_user_model().objects.count() == len(DEV_USERS)
    assert all(first[name] != second[name] for name in first)
    assert sign_in("editor", second["editor"])
    assert not sign_in("editor", first["editor"])


@override_settings(DEBUG=True)
def test_dev_editor_can_reach_the_admin(db, client, capsys):
    call_command("create_dev_users")
    password = _passwords(capsys.readouterr().out)["editor"]

    assert client.login(request=HttpRequest(), username="editor", password=password)
    assert client.get("/admin/").status_code == 200
