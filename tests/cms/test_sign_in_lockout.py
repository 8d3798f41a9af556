"""Nobody gets in by guessing: django-axes locks admin and page passwords.

Finding: 30 wrong passwords for ``admin`` at /admin/login/, then the right one
signed in; the same for a password-protected page.
"""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt

from django.contrib.auth import get_user_model
from django.urls import reverse

from tests import factories
from tests.api.helpers import restrict

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
PASSWORD = "a-long-right-password"


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)


def sign_in(client, username, password, address="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_the_right_password_after_five_wrong_ones_is_refused(client, admin_user):
    for _ in range(5):
        sign_in(client, "admin", "wrong")
    response = sign_in(client, "admin", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)


def test_an_account_is_locked_from_every_address(client, admin_user):
    for n in range(5):
        sign_in(client, "admin", "wrong", address=f"198.51.100.{n + 1}")
    sign_in(client, "admin", PASSWORD, address="203.0.113.50")
    assert not signed_in(client)


def test_an_address_is_locked_for_every_account(client, admin_user):
    for n in range(5):
        sign_in(client, f"guess{n}", "wrong")
    sign_in(client, "admin", PASSWORD)
    assert not signed_in(client)


def test_the_lock_cools_off(client, admin_user):
    for _ in range(5):
        sign_in(client, "admin", "wrong")
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=16)):
        sign_in(client, "admin", PASSWORD)
        assert signed_in(client)


def test_a_superuser_unlocks_from_the_wagtail_admin(client, admin_user):
    for _ in range(5):
        sign_in(client, "admin", "wrong")
    other = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(other)
    listing = client.get(reverse("wagtailsnippets_axes_accessattempt:list"))
    assert listing.status_code == 200 and b"admin" in listing.content
    attempt = AccessAttempt.objects.get(username="admin")
    delete = reverse("wagtailsnippets_axes_accessattempt:delete", args=[attempt.pk])
    assert client.post(delete).status_code == 302
    client.logout()

    sign_in(client, "admin", PASSWORD, address="203.0.113.9")
    assert signed_in(client)


def test_page_passwords_are_locked_after_five_wrong_guesses(client, library):
    page = factories.publish(
        factories.ArticlePageFactory(parent=library.conditions, title="Private", slug="private")
    )
    restriction = restrict(page)
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    answers = [client.post(url, {"password": "wrong", "return_url": "/"}) for _ in range(5)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200, 429]
    response = client.post(url, {"password": "letmein", "return_url": "/"})
    assert response.status_code == 429
    passed = client.session.get(restriction.passed_view_restrictions_session_key, [])
    assert restriction.id not in passed


def test_password_validators_and_session_expiry_are_on(settings):
    assert len(settings.AUTH_PASSWORD_VALIDATORS) >= 4
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
