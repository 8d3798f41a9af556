"""Queries are counted: a list or a detail costs the same with 3 items as with 30.

Each measurement clears the response cache first, so the real work (not a
cache hit) is counted. A warm-up request first makes the image renditions,
which Wagtail creates once per image and size and stores.
"""

import pytest
import wagtail_factories

from django.core.cache import cache

from tests import factories

# +1 since issue 10: the delivery layer reads when the next page expires.
LIST_BOUND = 16
# +1 for search: the SQLite ranked backend (cms/search_backend.py) finds the ranked
# hits in one query, then loads those pages.
SEARCH_BOUND = LIST_BOUND + 1
# Results as cards (issue 13), here articles and stretch guides mixed: per page type one
# query for the pages, then regions, pictures and their renditions (api.selectors
# .prefetch_card_parts); the offline index also loads the articles' renditions.
MIXED_SEARCH_BOUND = SEARCH_BOUND + 11
DETAIL_BOUND = 27  # +the default safety net (one settings row) since issue 9


@pytest.fixture
def tagged(piriformis, buttock):
    more = [factories.MuscleFactory() for _ in range(2)]
    return {"muscles": [piriformis, *more], "regions": [buttock, factories.BodyRegionFactory()]}


def _publish_many(factory, parent, count, tagged, **fields):
    pages = []
    for _ in range(count):
        page = factory(parent=parent, live=False, **fields)
        page.muscles = tagged["muscles"]
        page.regions = tagged["regions"]
        pages.append(factories.publish(page))
    return pages


def _with_pictures(factory, parent, count, tagged, field, **fields):
    """``count`` pages, each with its own picture, so renditions are counted too."""
    return [
        page
        for _ in range(count)
        for page in _publish_many(
            factory,
            parent,
            1,
            tagged,
            **{field: wagtail_factories.ImageFactory(file__width=64, file__height=48)},
            **fields,
        )
    ]


def _measure(client, path, assert_max_queries, bound):
    client.get(path)  # warm-up: renditions
    cache.clear()
    with assert_max_queries(bound):
        response = client.get(path)
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("count", [3, 30])
def test_article_list_queries_do_not_grow_with_the_articles(
    client, library, tagged, django_assert_max_num_queries, count
):
    _with_pictures(factories.ArticlePageFactory, library.conditions, count, tagged, "hero_image")

    body = _measure(
        client, "/api/v1/articles/?limit=100", django_assert_max_num_queries, LIST_BOUND
    )

    assert body["count"] == count
    assert all(article["hero_image"] for article in body["results"])


@pytest.mark.parametrize("count", [3, 30])
def test_stretch_list_queries_do_not_grow_with_the_stretches(
    client, library, tagged, django_assert_max_num_queries, count
):
    for _ in range(count):
        illustration = wagtail_factories.ImageFactory(file__width=64, file__height=48)
        _publish_many(
            factories.StretchGuidePageFactory,
            library.stretches,
            1,
            tagged,
            illustration=illustration,
        )

    body = _measure(
        client, "/api/v1/stretches/?limit=100", django_assert_max_num_queries, LIST_BOUND
    )

    assert body["count"] == count
    assert all(stretch["illustration"] for stretch in body["results"])


@pytest.mark.parametrize("count", [3, 30])
def test_search_queries_do_not_grow_with_the_results(
    client, library, tagged, django_assert_max_num_queries, count
):
    _with_pictures(factories.ArticlePageFactory, library.conditions, count, tagged, "hero_image")
    _with_pictures(
        factories.StretchGuidePageFactory,
        library.stretches,
        count,
        tagged,
        "illustration",
        summary="Eases sciatica.",
    )

    body = _measure(
        client,
        "/api/v1/search/?q=sciatica&limit=100",
        django_assert_max_num_queries,
        MIXED_SEARCH_BOUND,
    )

    assert body["count"] == 2 * count
    assert all(hit["image"] and hit["regions"] for hit in body["results"])


@pytest.mark.parametrize("count", [3, 30])
def test_article_detail_queries_do_not_grow_with_its_links_and_blocks(
    client, library, tagged, django_assert_max_num_queries, count
):
    articles = _publish_many(factories.ArticlePageFactory, library.causes, count, tagged)
    stretches = _publish_many(factories.StretchGuidePageFactory, library.stretches, count, tagged)
    page = factories.ArticlePageFactory(
        parent=library.conditions,
        live=False,
        body=[
            *({"type": "stretch", "value": {"stretch": s.id, "note": ""}} for s in stretches),
            {
                "type": "further_reading",
                "value": [{"title": a.title, "page": a.id, "url": ""} for a in articles],
            },
            *(
                {"type": "text", "value": f'<p><a linktype="page" id="{a.id}">{a.title}</a></p>'}
                for a in articles
            ),
        ],
        related_pages=[{"type": "page", "value": p.id} for p in articles + stretches],
        references=[{"type": "reference", "value": {"title": f"Source {n}"}} for n in range(count)],
    )
    page.muscles = tagged["muscles"]
    factories.publish(page)

    body = _measure(
        client, f"/api/v1/articles/{page.id}/", django_assert_max_num_queries, DETAIL_BOUND
    )

    assert len(body["related"]) == 2 * count


@pytest.mark.parametrize("count", [3, 30])
def test_stretch_detail_queries_do_not_grow_with_its_steps_and_links(
    client, library, tagged, django_assert_max_num_queries, count
):
    articles = _publish_many(factories.ArticlePageFactory, library.causes, count, tagged)
    page = factories.StretchGuidePageFactory(
        parent=library.stretches,
        live=False,
        illustration=wagtail_factories.ImageFactory(file__width=64, file__height=48),
        steps=[
            {
                "type": "step",
                "value": {
                    "instruction": f"Step {n}",
                    "hold_seconds": n,
                    # Every step its own picture of the pose.
                    "image": wagtail_factories.ImageFactory(file__width=64, file__height=48).id,
                },
            }
            for n in range(count)
        ],
        related_pages=[{"type": "page", "value": a.id} for a in articles],
    )
    page.muscles = tagged["muscles"]
    page.regions = tagged["regions"]
    factories.publish(page)

    body = _measure(
        client, f"/api/v1/stretches/{page.id}/", django_assert_max_num_queries, DETAIL_BOUND
    )

    assert len(body["steps"]) == count
    assert all(step["image"] for step in body["steps"])
    assert len(body["related"]) == count
