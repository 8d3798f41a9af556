"""``manage.py check_change_log``: the changes feed checked, and repaired, against the live library.

Finding: the log depends only on signals, which ``QuerySet.update()`` and bulk
paths skip, and nothing could rebuild or check it.
"""

from io import StringIO

import pytest

from django.core.management import CommandError, call_command
from django.utils import timezone

from cms.models import ArticlePage, Muscle
from tests import factories

from .helpers import expire, replay_changes

pytestmark = pytest.mark.django_db


def check(*args) -> str:
    out = StringIO()
    call_command("check_change_log", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def logged(library):
    """The library with its sections published as the admin would (the shared fixture
    makes them live without a publish, which is itself drift)."""
    with pytest.raises(CommandError, match="3 drift"):
        check()
    for section in (library.conditions, library.causes, library.stretches):
        factories.publish(section)
    return library


def test_a_log_written_by_signals_matches_the_library(logged, article, stretch):
    assert "matches" in check()


def test_bulk_unpublish_is_reported_and_repaired(client, logged, article):
    ArticlePage.objects.filter(pk=article.pk).update(live=False)

    with pytest.raises(CommandError, match="1 drift"):
        check()
    assert f"stale: article {article.pk}" in check("--repair")

    assert "matches" in check()
    assert ("article", article.pk) not in replay_changes(client)


def test_bulk_created_and_republished_objects_are_reported_and_repaired(client, logged, article):
    (muscle,) = Muscle.objects.bulk_create(
        [
            Muscle(
                name="Gluteus medius",
                slug="gluteus-medius",
                location="Hip",
                action="x",
                pain_pattern="y",
            )
        ]
    )
    # Published again after its last logged event, as a bulk re-publish would leave it.
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=timezone.now())

    report = check("--repair")

    assert f"missing: muscle {muscle.pk}" in report
    assert f"outdated: article {article.pk}" in report
    assert "matches" in check()
    assert ("muscle", muscle.pk) in replay_changes(client)


def test_an_expiry_the_cron_has_not_applied_yet_is_drift(logged, article):
    expire(article)
    with pytest.raises(CommandError):
        check()
