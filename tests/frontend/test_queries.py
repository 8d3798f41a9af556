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
