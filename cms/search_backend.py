"""Wagtail's database search backend, ranked in one pass on SQLite.

``wagtail.search.backends.database`` already searches SQLite through an FTS5
table, but it orders by relevance with a correlated subquery that runs the FTS
match again for every candidate page: at a few thousand matching pages, one
search took seconds. Here the match runs once: the FTS query itself is filtered
to the pages the caller may see, ranked by FTS5's own BM25, counted and sliced
there, and only the page of results is loaded. Queries, scores and ordering are
Wagtail's; only the plan changes. PostgreSQL, Elasticsearch and OpenSearch keep
their own backends (``cms.settings.backing_services.search_backends``).
"""

from modelsearch.backends.database import SearchBackend as database_backend

from django.db import connection


def SearchBackend(params):
    """The ranked backend on SQLite with FTS5, else Wagtail's own choice (PostgreSQL...).

    Wagtail finds a backend module's factory by this name.
    """
    backend = database_backend(params)
    if connection.vendor != "sqlite":
        return backend
    from cms.search_sqlite import RankedSQLiteSearchBackend, SQLiteSearchBackend

    if isinstance(backend, SQLiteSearchBackend):
        return RankedSQLiteSearchBackend(params)
    return backend
