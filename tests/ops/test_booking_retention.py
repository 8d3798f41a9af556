"""Booking requests are personal data: kept for a limited time, seen by clinic staff only."""

import datetime
import io
import uuid

import pytest
import time_machine

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from cms.models import BookingRequest

NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)
ADMIN_LIST = "/admin/snippets/cms/bookingrequest/"


def received(days_ago: float) -> BookingRequest:
    with time_machine.travel(NOW - datetime.timedelta(days=days_ago), tick=False):
        return BookingRequest.objects.create(
            idempotency_key=uuid.uuid4(),
            reference=BookingRequest.new_reference(),
            name="Robin Example",
            contact_method=BookingRequest.ContactMethod.PHONE,
            contact="07700 900123",
            preferred_times="Mornings",
        )


def purge(*args) -> str:
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("purge_booking_requests", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_requests_older_than_the_retention_period_are_deleted(settings):
    settings.BOOKING_RETENTION_DAYS = 90
    old, edge, recent = received(120), received(90.01), received(89)
    assert "Deleted 2" in purge()
    assert list(BookingRequest.objects.all()) == [recent]
    assert not BookingRequest.objects.filter(pk__in=[old.pk, edge.pk]).exists()


@pytest.mark.django_db
def test_the_retention_period_follows_the_setting(settings):
    settings.BOOKING_RETENTION_DAYS = 7
    received(8)
    kept = received(6)
    purge()
    assert list(BookingRequest.objects.all()) == [kept]


@pytest.mark.django_db
def test_a_dry_run_deletes_nothing():
    received(400)
    assert "1 booking request(s) older than 90 days" in purge("--dry-run")
    assert BookingRequest.objects.count() == 1


@pytest.mark.django_db
def test_a_zero_retention_period_is_refused():
    received(1)
    with pytest.raises(CommandError):
        purge("--days", "0")
    assert BookingRequest.objects.count() == 1


def _member(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="password")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.django_db
def test_editors_cannot_open_booking_requests(client, django_user_model):
    booking = received(1)
    client.force_login(_member(django_user_model, "eddie", "Editors"))
    assert client.get("/admin/").status_code == 200  # an editor may use the admin...
    for url in (
        ADMIN_LIST,
        f"{ADMIN_LIST}inspect/{booking.pk}/",
        f"{ADMIN_LIST}edit/{booking.pk}/",
    ):
        # ...but not the requests: Wagtail answers "permission denied" with a redirect home.
        response = client.get(url)
        assert (response.status_code, response.get("Location")) == (302, "/admin/"), url
        assert b"Robin Example" not in response.content


@pytest.mark.django_db
def test_clinic_staff_see_the_list_of_booking_requests(client, django_user_model):
    booking = received(1)
    client.force_login(_member(django_user_model, "cleo", "Clinic staff"))
    response = client.get(ADMIN_LIST)
    assert response.status_code == 200
    assert booking.reference.encode() in response.content
    assert client.get(f"{ADMIN_LIST}inspect/{booking.pk}/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_booking_references_and_counts_are_hidden_from_every_other_admin_door(
    client, django_user_model, group
):
    """Finding: the snippet chooser listed every reference, with the total, to editors."""
    booking = received(1)
    client.force_login(_member(django_user_model, f"user-{group}", group))
    for url in (
        "/admin/snippets/choose/cms/bookingrequest/",
        "/admin/snippets/choose/cms/bookingrequest/results/",
        f"{ADMIN_LIST}?export=csv",
        f"{ADMIN_LIST}results/?q={booking.reference}",
        "/admin/",
    ):
        response = client.get(url)
        assert booking.reference.encode() not in response.content, url
        assert b"booking request" not in response.content.lower(), url
