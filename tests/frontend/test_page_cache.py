"""Rendered pages are kept until their content changes, and only public ones."""

import datetime

import pytest
import time_machine
import wagtail_factories

from django.contrib.auth import get_user_model

from cms.models import HomePage
from tests import factories


def change_title_behind_the_log(page, title):
    """A change no publish recorded: only a page rendered afresh can show it."""
    type(page).objects.filter(pk=page.pk).update(title=title)


def test_a_page_is_rendered_once_then_served_from_the_cache(client, article):
    first = client.get(article.url)
    change_title_behind_the_log(article, "Changed behind the log")

    second = client.get(article.url)

    assert second.status_code == 200
    assert second.content == first.content
    assert b"Changed behind the log" not in second.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == "public, no-cache, stale-if-error=86400"


def test_publishing_any_public_content_renders_pages_afresh(client, library, article):
    client.get(library.home.url)

    factories.publish(factories.ArticlePageFactory(parent=library.causes, title="Disc bulge"))

    assert b"Disc bulge" in client.get(library.home.url).content


def test_republishing_a_page_outside_the_change_log_renders_it_afresh(client, library):
    before = client.get(library.home.url)
    home = HomePage.objects.get(pk=library.home.pk)
    home.intro = "A new welcome for readers."

    factories.publish(home)

    after = client.get(library.home.url)
    assert b"A new welcome for readers." in after.content
    assert after["ETag"] != before["ETag"]


def test_an_unchanged_page_revalidates_with_a_304(client, article):
    etag = client.get(article.url)["ETag"]

    response = client.get(article.url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


def test_a_new_day_renders_pages_afresh_because_reviews_fall_due(client, library):
    page = factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions,
            last_reviewed=datetime.date(2026, 1, 1),
            next_review_due=datetime.date(2026, 11, 30),
        )
    )
    # Less than a day apart, so the copy from the evening has not expired by the morning.
    with time_machine.travel(datetime.datetime(2026, 11, 30, 20, tzinfo=datetime.UTC)):
        assert b"Review overdue" not in client.get(page.url).content
    with time_machine.travel(datetime.datetime(2026, 12, 1, 8, tzinfo=datetime.UTC)):
        assert b"Review overdue" in client.get(page.url).content


@pytest.mark.parametrize(
    "visit",
    [
        pytest.param(lambda client, url: client.get(url, {"utm_source": "partner"}), id="query"),
        pytest.param(lambda client, url: client.head(url), id="head-then-get"),
    ],
)
def test_requests_the_cache_does_not_keep(client, article, visit):
    visit(client, article.url)
    change_title_behind_the_log(article, "Fresh title")

    assert b"Fresh title" in client.get(article.url).content


def test_signed_in_readers_always_get_a_fresh_page_and_leave_nothing_behind(client, article):
    client.force_login(get_user_model().objects.create_user("editor", password="x" * 12))
    signed_in = client.get(article.url)
    change_title_behind_the_log(article, "Fresh title")

    assert "ETag" not in signed_in
    assert b"Fresh title" in client.get(article.url).content
    client.logout()
    assert b"Fresh title" in client.get(article.url).content


def test_the_booking_page_is_never_kept(client, library):
    first = client.get(library.booking.url)
    change_title_behind_the_log(library.booking, "Ask for a session")

    second = client.get(library.booking.url)

    assert "ETag" not in second
    assert second["Cache-Control"] == "private, no-cache, max-age=0"
    assert b"Ask for a session" in second.content
    assert first.cookies and second.cookies


def test_an_article_from_the_cache_costs_no_query(client, article, django_assert_num_queries):
    client.get(article.url)  # rendering it costs some thirty queries

    # Found before routing, its versions read from the shared cache.
    with django_assert_num_queries(0):
        assert client.get(article.url).status_code == 200


def test_a_changed_or_deleted_image_reaches_pages_already_kept(client, library):
    photo = wagtail_factories.ImageFactory(title="IMG_1", description="Hands on a back")
    page = factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions,
            hero_image=photo,
            body=[{"type": "image", "value": {"image": photo.id, "alt": "", "caption": "Cap"}}],
        )
    )
    assert client.get(page.url).content.count(b'alt="Hands on a back"') == 2

    photo.description = "Thumbs along the lower back"
    photo.save()
    assert client.get(page.url).content.count(b'alt="Thumbs along the lower back"') == 2

    photo.delete()
    response = client.get(page.url)
    assert response.status_code == 200
    assert b"<img" not in response.content
