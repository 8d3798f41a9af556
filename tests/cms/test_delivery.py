"""The delivery layer (cms/delivery): kept answers cost no query, and never outlive their page."""

import datetime
import threading
from unittest import mock

import pytest
import time_machine
from pwa import app_settings

from django.contrib.auth.models import Group
from django.db import OperationalError, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from wagtail.models import PageViewRestriction

from api.models import ContentChange
from cms.delivery import copies, versions
from cms.delivery.middleware import DeliveryMiddleware
from tests import factories


def database_down():
    return mock.patch.object(
        connections["default"],
        "ensure_connection",
        side_effect=OperationalError("connection refused"),
    )


def _restrict(page, kind=PageViewRestriction.PASSWORD):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="letmein"
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Clinic members"))
    return restriction


@pytest.mark.parametrize("path", ["article", "/", "/where-does-it-hurt/", "/sitemap.xml"])
def test_a_kept_page_costs_no_query(client, article, django_assert_num_queries, path):
    path = article.url if path == "article" else path
    assert client.get(path).status_code == 200

    with django_assert_num_queries(0):
        response = client.get(path)

    assert response.status_code == 200


def test_a_304_for_a_kept_page_costs_no_query(client, article, django_assert_num_queries):
    etag = client.get(article.url)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(article.url, headers={"If-None-Match": etag})

    assert response.status_code == 304


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]
)
def test_a_protected_page_answers_no_304_and_no_public_caching(client, article, kind):
    client.get(article.url)  # kept while it was public
    _restrict(article, kind)

    response = client.get(article.url, headers={"If-None-Match": "*"})

    assert response.status_code != 304
    assert "public" not in response.get("Cache-Control", "")
    assert b"Sciatica" not in response.content or kind == PageViewRestriction.PASSWORD
    assert "ETag" not in response


def test_the_booking_page_answers_no_304_and_no_public_caching(client, library):
    client.get(library.booking.url)

    response = client.get(library.booking.url, headers={"If-None-Match": "*"})

    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    assert "ETag" not in response


@pytest.mark.parametrize("change", ["unpublish", "make-private", "delete"])
def test_a_page_that_left_the_public_library_has_no_stale_copy(client, article, change):
    url = article.url
    kept = client.get(url)
    assert kept.status_code == 200
    if change == "unpublish":
        article.unpublish()
    elif change == "make-private":
        _restrict(article)
    else:
        article.delete()

    with database_down():
        response = client.get(url)

    assert response.status_code == 503
    assert b"Sciatica" not in response.content


def test_a_page_made_private_is_not_answered_from_its_copy_even_within_the_memo(client, article):
    client.get(article.url)
    _restrict(article)

    response = client.get(article.url)

    assert response.status_code == 200  # Wagtail's password form
    assert b"password" in response.content.lower()
    assert "public" not in response.get("Cache-Control", "")


def test_a_republished_page_is_answered_afresh_and_other_pages_stay_kept(client, library, article):
    other = factories.publish(
        factories.ArticlePageFactory(parent=library.causes, title="Disc bulge", slug="disc")
    )
    first_other = client.get(other.url)
    client.get(article.url)
    article.title = "Sciatica, explained"
    factories.publish(article)

    assert b"Sciatica, explained" in client.get(article.url).content
    copy = copies.get(copies.key_for(RequestFactory().get(other.url)))
    assert copy is not None and copy.is_fresh()  # no link between them: still warm
    assert client.get(other.url)["ETag"] == first_other["ETag"]


def test_a_page_linking_to_a_changed_page_is_answered_afresh(client, library, article):
    linking = factories.publish(
        factories.ArticlePageFactory(
            parent=library.causes,
            title="Piriformis syndrome",
            related_pages=[{"type": "page", "value": article.id}],
        )
    )
    assert b"Sciatica" in client.get(linking.url).content

    article.title = "Sciatic nerve pain"
    factories.publish(article)

    assert b"Sciatic nerve pain" in client.get(linking.url).content


def test_an_expired_page_is_gone_before_publish_scheduled_runs(client, library):
    expires = timezone.now() + datetime.timedelta(hours=1)
    page = factories.ArticlePageFactory(
        parent=library.conditions, title="Winter back care", slug="winter", live=False
    )
    page.expire_at = expires
    factories.publish(page)
    assert client.get(page.url).status_code == 200
    assert b"/conditions/winter/" in client.get("/sitemap-pages.xml").content

    with time_machine.travel(expires + datetime.timedelta(minutes=1)):
        response = client.get(page.url)
        sitemap = client.get("/sitemap-pages.xml")
        api_list = client.get("/api/v1/articles/").json()

    assert response.status_code == 404
    assert b"/conditions/winter/" not in sitemap.content
    assert page.id not in [item["id"] for item in api_list["results"]]
    page.refresh_from_db()
    assert page.live  # the cron has not run
    logged = ContentChange.objects.filter(object_id=page.id).order_by("id").last()
    assert logged.action == ContentChange.Action.UNPUBLISH


def test_a_kept_page_is_served_while_any_database_access_would_hang(client, article):
    """As with SQLite under another process's BEGIN EXCLUSIVE: a hit never waits for it."""
    url = article.url
    kept = client.get(url)
    touched = threading.Event()

    def hang(*args, **kwargs):
        touched.set()
        raise OperationalError("database is locked")

    with mock.patch.object(connections["default"], "ensure_connection", side_effect=hang):
        response = client.get(url)

    assert not touched.is_set()
    assert response.content == kept.content


def test_a_cold_url_is_rendered_once_for_many_concurrent_readers():
    """Single flight: N readers of a URL nobody has yet are answered from one render."""
    readers = 6
    renders = []
    waiting = threading.Barrier(readers)
    original_wait = copies.wait_for_fresh

    def render(request):
        renders.append(request)
        waiting.wait(timeout=10)  # every other reader is now waiting for this one
        return HttpResponse("<p>kept</p>" * 50, content_type="text/html")

    def wait_for_fresh(key):
        waiting.wait(timeout=10)
        return original_wait(key)

    middleware = DeliveryMiddleware(render)
    responses = []

    def read():
        request = RequestFactory().get("/a-cold-page/")
        responses.append(middleware(request))

    with (
        mock.patch.object(copies, "wait_for_fresh", wait_for_fresh),
        mock.patch.object(versions, "settle_due_expiries"),
        mock.patch.object(versions, "next_expiry", return_value=None),
    ):
        threads = [threading.Thread(target=read) for _ in range(readers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)

    assert len(renders) == 1
    assert [r.status_code for r in responses] == [200] * readers
    assert len({r.content for r in responses}) == 1


def _token_seen_elsewhere() -> str:
    """The ``all`` token as another worker reads it: its own thread and connection."""
    seen = []
    reader = threading.Thread(
        target=lambda: seen.append(versions.current([versions.ALL], fresh=True)[versions.ALL])
    )
    reader.start()
    reader.join(timeout=10)
    return seen[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_in_a_transaction_makes_copies_cold_for_others_when_it_commits():
    """Before the commit, another worker would render from data it cannot see yet,
    keep it, and render again at the commit: every publish, twice over."""
    before = versions.current([versions.ALL], fresh=True)[versions.ALL]

    with transaction.atomic():
        versions.bump()
        inside = versions.current([versions.ALL])[versions.ALL]
        assert inside != before  # the transaction itself sees its change at once
        assert _token_seen_elsewhere() == before

    assert _token_seen_elsewhere() == inside
    assert versions.current([versions.ALL])[versions.ALL] == inside


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_rolled_back_makes_nothing_cold():
    before = versions.current([versions.ALL], fresh=True)[versions.ALL]

    with pytest.raises(RuntimeError), transaction.atomic():
        versions.bump([versions.page_tag(1)])
        raise RuntimeError("the publish failed")

    assert versions.current([versions.ALL], fresh=True)[versions.ALL] == before
    assert _token_seen_elsewhere() == before


def test_a_refused_api_key_does_not_evict_the_kept_answer(client, article):
    kept = client.get("/api/v1/articles/")
    refused = client.get("/api/v1/articles/", headers={"Authorization": "Bearer wagtail_nope"})
    assert refused.status_code == 401

    with database_down():
        response = client.get("/api/v1/articles/")

    assert response.status_code == 200
    assert response.content == kept.content


def test_with_a_shared_cache_each_process_reuses_a_copy_only_within_the_bound():
    copy = copies.Copy(b"<p>kept</p>", None, [], '"e"', "", {}, None)
    with mock.patch.object(copies, "_use_local", return_value=True):
        copies.put("delivery:copy:test", copy)
        copies.cache.delete("delivery:copy:test")  # replaced or dropped by another process

        assert copies.get("delivery:copy:test") is copy  # within the 1 s bound
        with mock.patch.object(copies.time, "monotonic", return_value=10**9):
            assert copies.get("delivery:copy:test") is None  # past it: asks the shared cache

        copies.put("delivery:copy:test", copy)
        copies.drop("delivery:copy:test")
        assert copies.get("delivery:copy:test") is None


def test_a_new_release_of_the_code_never_reads_the_previous_releases_copies(settings):
    """A shared cache outlives a deploy: copies made by old templates must go cold."""
    request = RequestFactory().get("/conditions/")
    settings.DELIVERY_RELEASE = "release-1"
    before = copies.key_for(request)
    settings.DELIVERY_RELEASE = "release-2"

    assert copies.key_for(request) != before


@pytest.mark.django_db
def test_the_service_worker_is_never_answered_from_a_kept_copy(client, tmp_path, settings):
    first = client.get("/serviceworker.js")
    release = tmp_path / "serviceworker.js"
    release.write_text("// the next release")
    with mock.patch.object(app_settings, "PWA_SERVICE_WORKER_PATH", str(release)):
        second = client.get("/serviceworker.js")

    assert first.status_code == second.status_code == 200
    assert b"the next release" in second.content
