"""The database search backend ranks on SQLite in one pass, with Wagtail's results.

Wagtail's SQLite plan ran the full-text match again for every candidate page to
order by relevance (seconds at a few thousand pages); ours runs it once.
"""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the ranked plan is SQLite's; PostgreSQL keeps Wagtail's"
)


def _sqlite():
    """Imported only on SQLite: it defines an index model PostgreSQL has no table for."""
    from cms import search_sqlite

    return search_sqlite


def _live_pages():
    return Page.objects.live().specific()


def _search(query: str):
    """Wagtail search over the live pages, as the admin's page search asks the backend."""
    return _live_pages().search(query)


@pytest.fixture
def articles(library):
    bodies = [
        "Quokka quokka quokka: the quokka trail.",
        "Quokka, once.",
        "Nothing about the nerve here.",
        "Quokka and the back.",
    ]
    return [
        factories.publish(
            factories.ArticlePageFactory(parent=library.conditions, title=f"Page {n}", summary=body)
        )
        for n, body in enumerate(bodies)
    ]


def test_the_default_backend_is_the_ranked_one_on_sqlite():
    from wagtail.search.backends import get_search_backend

    assert isinstance(get_search_backend(), _sqlite().RankedSQLiteSearchBackend)


def test_a_search_runs_the_full_text_match_once_per_query(articles):
    with CaptureQueriesContext(connection) as queries:
        results = _search("quokka")
        assert len(list(results[:2])) == 2
        assert results.count() == 3

    assert all(query["sql"].count("MATCH") <= 1 for query in queries)


def test_results_and_their_order_are_wagtails(articles):
    scope = _live_pages()
    stock = _sqlite().SQLiteSearchBackend({}).search("quokka", scope)

    ours = _search("quokka")

    assert [page.id for page in ours] == [page.id for page in stock]
    assert [page.id for page in ours[1:3]] == [page.id for page in stock[1:3]]
    assert ours.count() == stock.count() == 3


def test_drafts_are_never_found(library, articles):
    draft = factories.ArticlePageFactory(
        parent=library.conditions, summary="Quokka draft.", live=False
    )
    draft.save_revision()

    assert draft.id not in [page.id for page in _search("quokka")]


def test_autocomplete_uses_wagtails_plan_and_finds_by_prefix(articles):
    """The admin's header search autocompletes; it has no ranked plan and must not fail."""
    found = _live_pages().autocomplete("Pag")

    assert {page.title for page in found} == {"Page 0", "Page 1", "Page 2", "Page 3"}


def test_the_admins_page_search_answers(client, admin_user, articles):
    client.force_login(admin_user)

    response = client.get("/admin/pages/search/", {"q": "Page"})

    assert response.status_code == 200
    assert "Page 3" in response.content.decode()
