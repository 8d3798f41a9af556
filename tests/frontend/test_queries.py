"""Lists cost the same number of queries however many pages they show."""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories


def count_queries(client, path) -> int:
    """Queries to render the page afresh, not to fetch it from the page cache."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["home", "conditions", "stretches"])
def test_list_pages_do_not_query_per_item(client, library, article, stretch, page):
    path = getattr(library, page).url
    client.get(path)  # warm per-process caches (content types, site root paths)
    before = count_queries(client, path)

    for _ in range(5):
        factories.publish(factories.ArticlePageFactory(parent=library.conditions))
        factories.publish(factories.StretchGuidePageFactory(parent=library.stretches))

    assert count_queries(client, path) == before


def test_the_home_looks_up_the_sections_once_however_many_lists_it_shows(
    client, library, article, stretch
):
    """Each section's list is serialised on its own; what they share is fetched once."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(library.home.url).status_code == 200

    section_lookups = [q for q in queries if 'FROM "cms_sectionpage"' in q["sql"]]
    assert len(section_lookups) == 1
