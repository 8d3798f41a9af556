"""Search that understands readers, over Wagtail search, the same online and offline.

``text`` makes tokens, ``index`` builds the library's index (served to phones
for offline search), ``ranking`` reads a query (synonyms, typos, prefixes)
and orders pages. ``search`` is the server's answer: Wagtail search (the
database backend, or OpenSearch/Elasticsearch) finds the pages containing any
word the query may mean, and the shared ranking orders them, so a phone with
the saved index answers exactly the same.
"""

from dataclasses import dataclass

from api import selectors

from .index import library_index
from .ranking import analyse, rank


@dataclass
class SearchAnswer:
    pages: list
    suggestion: str


def search(query: str) -> SearchAnswer:
    library = library_index()
    plan = analyse(query, library)
    # The words as written in pages (not stems), so any backend's matching finds them.
    written = sorted({word for stem in plan.stems for word in library.surface.get(stem, ())})
    if not written:
        return SearchAnswer([], plan.suggestion)
    found = (
        selectors.public_library_search_scope().specific().search(" ".join(written), operator="or")
    )
    pages = {page.id: page for page in found}
    ranked = rank(plan, library, only=set(pages))
    return SearchAnswer([pages[doc["id"]] for doc in ranked], plan.suggestion)
