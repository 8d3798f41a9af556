"""``/api/v1/changes/?since=``: the public change log a mirror replays.

The central promise: replaying the feed from 0, whatever happened in the CMS,
leaves a mirror holding exactly the live public articles and stretch guides,
and each ``api_url`` it holds answers 200.
"""

import pytest
import wagtail_factories

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from cms.models import ArticlePage, ClinicSettings, SafetyNetSettings, StretchGuidePage
from tests import factories

from .helpers import (
    assert_problem,
    expire,
    published_article,
    published_stretch,
    replay_changes,
    restrict,
)

CHANGE_FIELDS = {"cursor", "type", "id", "action", "occurred_at", "api_url", "section"}


def _page_changes(client, since: int = 0) -> list[tuple[str, str, int]]:
    results = client.get("/api/v1/changes/", {"since": since, "limit": 1000}).json()["results"]
    return [
        (c["action"], c["type"], c["id"]) for c in results if c["type"] in ("article", "stretch")
    ]


def _cursor(client) -> int:
    return client.get("/api/v1/changes/", {"limit": 1000}).json()["next_since"]


def test_changes_page_has_results_next_since_and_has_more(client, article):
    body = client.get("/api/v1/changes/").json()

    assert set(body) == {"results", "next_since", "has_more"}
    assert body["has_more"] is False
    assert body["next_since"] == body["results"][-1]["cursor"]
    assert all(set(change) == CHANGE_FIELDS for change in body["results"])


def test_publishing_an_article_logs_a_publish_with_where_to_fetch_it(client, article):
    change = client.get("/api/v1/changes/").json()["results"][-1]

    assert change["type"] == "article"
    assert change["id"] == article.id
    assert change["action"] == "publish"
    assert change["api_url"] == f"http://testserver/api/v1/articles/{article.id}/"
    assert change["occurred_at"]


def test_a_page_change_says_which_section_holds_the_page_now(client, library, article, stretch):
    """So a phone saving only some sections skips the others without fetching them."""
    article.move(library.causes, pos="last-child")
    withdrawn = factories.publish(factories.ArticlePageFactory(parent=library.conditions))
    withdrawn.unpublish()

    changes = client.get("/api/v1/changes/", {"limit": 1000}).json()["results"]

    sections = {(c["type"], c["id"], c["action"]): c["section"] for c in changes}
    assert sections[("article", article.id, "publish")] == library.causes.id
    assert sections[("stretch", stretch.id, "publish")] == library.stretches.id
    assert sections[("article", withdrawn.id, "unpublish")] is None


def test_saying_the_section_costs_the_same_queries_for_more_changes(client, library):
    factories.publish(factories.ArticlePageFactory(parent=library.conditions))
    before = _count_queries(client)
    for section in (library.conditions, library.causes, library.stretches):
        factories.publish(factories.ArticlePageFactory(parent=section))

    assert _count_queries(client) == before


def _count_queries(client) -> int:
    cache.clear()  # the delivery layer would answer a repeat from its kept copy
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/changes/", {"limit": 1000}).status_code == 200
    return len(queries)


def test_republishing_logs_an_update(client, article):
    since = _cursor(client)
    article.title = "Sciatica, revised"
    factories.publish(article)

    assert _page_changes(client, since) == [("update", "article", article.id)]


def test_saving_a_draft_logs_nothing(client, article):
    since = _cursor(client)
    article.title = "Work in progress"
    article.save_revision()
    factories.ArticlePageFactory(parent=article.get_parent(), live=False)

    assert _page_changes(client, since) == []


def test_unpublishing_logs_an_unpublish_without_an_api_url(client, stretch):
    since = _cursor(client)
    stretch.unpublish()

    change = client.get("/api/v1/changes/", {"since": since}).json()["results"][-1]
    assert (change["action"], change["type"], change["id"]) == ("unpublish", "stretch", stretch.id)
    assert change["api_url"] is None


def test_deleting_logs_a_delete(client, article):
    since = _cursor(client)
    article_id = article.id
    article.delete()

    assert _page_changes(client, since) == [("delete", "article", article_id)]


def test_making_a_section_private_logs_an_unpublish_for_each_page_in_it(client, library, article):
    other = published_article(library.conditions, title="Lumbago")
    since = _cursor(client)

    restrict(library.conditions)

    assert sorted(_page_changes(client, since)) == [
        ("unpublish", "article", article.id),
        ("unpublish", "article", other.id),
    ]


def test_renaming_a_section_logs_an_update_for_each_page_in_it(client, library, article):
    other = published_article(library.conditions, title="Lumbago")
    factories.publish(library.conditions)
    since = _cursor(client)

    library.conditions.slug = "back-conditions"
    factories.publish(library.conditions)

    changes = client.get("/api/v1/changes/", {"since": since}).json()["results"]
    assert sorted((c["action"], c["type"], c["id"]) for c in changes) == [
        ("update", "article", article.id),
        ("update", "article", other.id),
        ("update", "section", library.conditions.id),
    ]
    url = client.get(f"/api/v1/articles/{article.id}/").json()["url"]
    assert url == "http://testserver/back-conditions/sciatica/"


def test_republishing_a_section_under_the_same_slug_logs_only_the_section(client, library, article):
    factories.publish(library.conditions)
    since = _cursor(client)

    library.conditions.intro = "Where it hurts, and why."
    factories.publish(library.conditions)

    changes = client.get("/api/v1/changes/", {"since": since}).json()["results"]
    assert [(c["action"], c["type"]) for c in changes] == [("update", "section")]


def test_an_expired_page_is_logged_as_unpublished_when_the_cron_runs(client, article):
    since = _cursor(client)
    expire(article)
    call_command("publish_scheduled")

    assert _page_changes(client, since) == [("unpublish", "article", article.id)]
    assert _page_changes(client, since) == [("unpublish", "article", article.id)]


def test_reading_the_feed_never_writes(client, article):
    """Even with an expired page the cron has not unpublished yet."""
    expire(article)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/changes/").status_code == 200
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_other_kinds_of_change_point_at_their_list(client, library, piriformis):
    factories.publish(library.causes)
    results = client.get("/api/v1/changes/").json()["results"]
    by_type = {change["type"]: change["api_url"] for change in results}

    assert by_type["muscle"] == "http://testserver/api/v1/muscles/"
    assert by_type["region"] == "http://testserver/api/v1/regions/"
    assert by_type["section"] == "http://testserver/api/v1/sections/"
    assert by_type["clinic"] == "http://testserver/api/v1/clinic/"


def test_editing_an_image_logs_an_update_for_each_live_page_showing_it(
    client, library, rich_article, photo
):
    in_body_only = factories.publish(
        factories.StretchGuidePageFactory(parent=library.stretches, illustration=None)
    )
    in_body_only.illustration = photo
    factories.publish(in_body_only)
    unused = wagtail_factories.ImageFactory()
    since = _cursor(client)

    photo.description = "Thumbs working along the lower back"
    photo.save()
    unused.title = "Nobody shows this one"
    unused.save()

    assert sorted(_page_changes(client, since)) == [
        ("update", "article", rich_article.id),
        ("update", "stretch", in_body_only.id),
    ]
    hero = client.get(f"/api/v1/articles/{rich_article.id}/").json()["hero_image"]
    assert hero["alt"] == "Thumbs working along the lower back"


def test_deleting_an_image_logs_an_update_for_the_pages_that_showed_it(client, rich_article, photo):
    since = _cursor(client)

    photo.delete()

    assert _page_changes(client, since) == [("update", "article", rich_article.id)]
    detail = client.get(f"/api/v1/articles/{rich_article.id}/").json()
    assert detail["hero_image"] is None
    assert [block for block in detail["body"] if block["type"] == "image"] == []


def test_since_and_limit_page_through_the_log_in_cursor_order(client, library):
    for n in range(5):
        published_article(library.causes, title=f"Article {n}")
    everything = client.get("/api/v1/changes/", {"limit": 1000}).json()["results"]

    first = client.get("/api/v1/changes/", {"limit": 2}).json()
    second = client.get("/api/v1/changes/", {"since": first["next_since"], "limit": 2}).json()

    assert [c["cursor"] for c in first["results"]] == [c["cursor"] for c in everything[:2]]
    assert [c["cursor"] for c in second["results"]] == [c["cursor"] for c in everything[2:4]]
    assert first["has_more"] is True


def test_polling_past_the_end_returns_nothing_and_keeps_the_cursor(client, article):
    end = _cursor(client)

    body = client.get("/api/v1/changes/", {"since": end}).json()

    assert body == {"results": [], "next_since": end, "has_more": False}


def test_the_feed_defaults_to_one_hundred_changes_and_allows_up_to_a_thousand(client, library):
    for n in range(9):
        factories.MuscleFactory(slug=f"muscle-x{n}")  # a save logs one change each
    for n in range(95):
        factories.BodyRegionFactory(slug=f"region-x{n}")

    assert len(client.get("/api/v1/changes/").json()["results"]) == 100
    assert len(client.get("/api/v1/changes/", {"limit": 1000}).json()["results"]) > 100


@pytest.mark.parametrize(
    ("params", "invalid"),
    [
        ({"since": "-1"}, "since"),
        ({"since": "abc"}, "since"),
        ({"since": "²"}, "since"),
        ({"since": ""}, "since"),
        ({"since": str(2**63)}, "since"),
        ({"limit": "0"}, "limit"),
        ({"limit": "1001"}, "limit"),
        ({"limit": "1e2"}, "limit"),
        ({"offset": "10"}, "offset"),
        ({"updated_since": "2026-01-01T00:00:00Z"}, "updated_since"),
    ],
)
def test_invalid_feed_parameters_are_a_400_naming_the_parameter(client, db, params, invalid):
    assert_problem(client.get("/api/v1/changes/", params), 400, invalid=invalid)


def test_replaying_the_feed_reproduces_exactly_the_public_library(client, library):
    """Publishes, edits, unpublishes, deletes, moves and privacy both ways; then replay."""
    articles = [published_article(library.conditions, title=f"Article {n}") for n in range(6)]
    stretches = [published_stretch(library.stretches, title=f"Stretch {n}") for n in range(4)]
    members = factories.SectionPageFactory(parent=library.home, slug="members")
    factories.ArticlePageFactory(parent=library.causes, title="Never published", live=False)

    # Edits: a published one, and a draft one that must not show.
    articles[0].title = "Article 0, revised"
    factories.publish(articles[0])
    stretches[0].title = "Stretch 0, draft edit"
    stretches[0].save_revision()
    # Unpublish, then publish one of them again.
    articles[1].unpublish()
    stretches[1].unpublish()
    factories.publish(Page.objects.get(pk=stretches[1].pk).specific)
    # Deletes: a live page, and an unpublished one.
    articles[2].delete()
    articles[3].unpublish()
    ArticlePage.objects.get(pk=articles[3].pk).delete()
    # Privacy: a section made private and back again, one made private for good.
    restriction = restrict(library.causes)
    moved = published_article(library.causes, title="Published while private")
    restriction.delete()
    restrict(members)
    # Moves: into the private section, and out of it again.
    articles[4].move(members, pos="last-child")
    articles[5].move(members, pos="last-child")
    ArticlePage.objects.get(pk=articles[5].pk).move(library.causes, pos="last-child")
    # A stretch behind its own restriction, and a whole subtree deleted.
    restrict(stretches[2])
    doomed = factories.SectionPageFactory(parent=library.home, slug="doomed")
    published_article(doomed, title="Goes with its section")
    doomed.delete()

    mirror = replay_changes(client, limit=3)

    live_public = {("article", page.id) for page in ArticlePage.objects.live().public()} | {
        ("stretch", page.id) for page in StretchGuidePage.objects.live().public()
    }
    assert {key for key in mirror if key[0] in ("article", "stretch")} == live_public
    assert live_public == {
        ("article", articles[0].id),
        ("article", articles[5].id),
        ("article", moved.id),
        ("stretch", stretches[0].id),
        ("stretch", stretches[1].id),
        ("stretch", stretches[3].id),
    }
    for key, api_url in mirror.items():
        response = client.get(api_url)
        assert response.status_code == 200, (key, api_url)
    titles = {client.get(url).json()["title"] for key, url in mirror.items() if key[0] == "article"}
    assert "Article 0, revised" in titles


@pytest.mark.parametrize("settings_model", [ClinicSettings, SafetyNetSettings])
def test_help_settings_log_an_update_for_every_live_library_page(client, article, settings_model):
    """Emergency numbers and the default safety net are on every page, whatever its CTA."""
    article.call_to_action = factories.CallToActionFactory()
    factories.publish(article)
    since = _cursor(client)

    settings_model.for_site(article.get_site()).save()

    assert ("update", "article", article.id) in _page_changes(client, since)
