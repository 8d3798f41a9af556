"""Search that understands readers, over Wagtail search, the same online and offline.

``text`` makes tokens, ``index`` builds the library's index (served to phones
for offline search), ``ranking`` reads a query (synonyms, typos, prefixes)
and orders pages. ``search`` is the server's answer: Wagtail search (the
database backend, or OpenSearch/Elasticsearch) finds the pages containing any
word the query may mean, and the shared ranking orders them, so a phone with
the saved index answers exactly the same.
"""

from dataclasses import dataclass

from wagtail.models import Page

from api import selectors

from .index import library_index
from .ranking import analyse, rank


class RankedPages:
    """Page ids in ranked order, read as pages one slice at a time.

    A common word matches thousands of pages in a large library; a page of
    results loads only its own pages, so it costs the same however many match.
    Paginators (Django's and DRF's) count it with ``len`` and slice it.
    """

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, key: slice) -> list[Page]:
        ids = self.ids[key]
        pages = Page.objects.filter(id__in=ids).specific().in_bulk()
        return [pages[pk] for pk in ids if pk in pages]


@dataclass
class SearchAnswer:
    pages: RankedPages
    suggestion: str


def search(query: str) -> SearchAnswer:
    library = library_index()
    plan = analyse(query, library)
    # The words as written in pages (not stems), so any backend's matching finds them.
    written = sorted({word for stem in plan.stems for word in library.surface.get(stem, ())})
    if not written:
        return SearchAnswer(RankedPages([]), plan.suggestion)
    # Which public pages match, as ids only: the shared ranking orders them, so the
    # backend need not rank, nor load a page that is not shown.
    found = (
        selectors.public_library_search_scope()
        .only("id")
        .search(" ".join(written), operator="or", order_by_relevance=False)
    )
    ranked = rank(plan, library, only={page.id for page in found})
    return SearchAnswer(RankedPages([doc["id"] for doc in ranked]), plan.suggestion)
