"""/api/v1/offline/: what saving the library will take, said before saving starts."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories


def plan(client):
    response = client.get("/api/v1/offline/")
    assert response.status_code == 200
    return response.json()


def test_each_section_says_how_many_pages_and_bytes_saving_it_takes(client, library, stretch):
    for _ in range(3):
        factories.publish(factories.ArticlePageFactory(parent=library.conditions))
    factories.ArticlePageFactory(parent=library.conditions, live=False)  # a draft

    body = plan(client)

    sections = {section["slug"]: section for section in body["sections"]}
    assert sections["conditions"]["pages"] == 4  # three articles and the section's list
    assert sections["causes"]["pages"] == 1
    assert sections["stretches"]["pages"] == 2
    assert sections["conditions"]["bytes"] > sections["causes"]["bytes"] > 0
    assert body["total"]["pages"] == body["essentials"]["pages"] + 7
    assert body["total"]["bytes"] == body["essentials"]["bytes"] + sum(
        section["bytes"] for section in body["sections"]
    )
    assert body["changes"].endswith("/api/v1/changes/")


def test_the_safety_net_page_and_routines_are_always_saved_and_counted_once(
    client, library, stretch
):
    urgent = factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions, slug="when-back-pain-needs-urgent-care"
        )
    )
    factories.publish(factories.RoutinePageFactory(parent=library.stretches))

    body = plan(client)

    assert body["essentials"]["items"] == [
        {
            "type": "article",
            "id": urgent.id,
            "api_url": f"http://testserver/api/v1/articles/{urgent.id}/",
        }
    ]
    sections = {section["slug"]: section for section in body["sections"]}
    assert sections["conditions"]["pages"] == 1  # only its list: the urgent page is essential
    assert sections["stretches"]["pages"] == 2  # the guide and the list, not the routine
    # Home, search, diary, body map, the booking page, the routine and the urgent page.
    assert body["essentials"]["pages"] == 7
    assert body["essentials"]["bytes"] > 7 * 14_000


def test_the_plan_costs_the_same_queries_for_a_larger_library(client, library):
    factories.publish(factories.ArticlePageFactory(parent=library.conditions))
    client.get("/api/v1/offline/")

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            plan(client)
        return len(queries)

    before = count()
    for _ in range(4):
        factories.publish(factories.ArticlePageFactory(parent=library.causes))

    assert count() == before


def test_the_plan_is_in_the_schema_and_the_index(client, library):
    assert "/api/v1/offline/" in client.get("/api/v1/schema/").content.decode()
    assert client.get("/api/v1/").json()["offline"].endswith("/api/v1/offline/")
