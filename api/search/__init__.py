"""Search that understands readers, the same online and offline.

``text`` makes tokens, ``index`` reads pages into them, ``store`` keeps the
library's index in the database (and assembles the offline copy phones save),
``ranking`` reads a query (synonyms, typos, prefixes) and orders pages.
``search`` is the server's answer: the postings of the words the query may
mean, ranked by the same code whose port ranks on the phone.
"""

from dataclasses import dataclass

from api import selectors

from . import store
from .ranking import analyse, rank


class RankedPages:
    """Page ids in ranked order, read as pages one slice at a time.

    A common word matches thousands of pages in a large library; a page of
    results loads only its own pages, so it costs the same however many match.
    Paginators (Django's and DRF's) count it with ``len`` and slice it. Pages
    are loaded through the public selector, so one that left the public library
    a moment ago is not shown even before the index has taken the change in.
    """

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, key: slice) -> list:
        ids = self.ids[key]
        pages = selectors.public_pages().filter(id__in=ids).specific().in_bulk()
        return [pages[pk] for pk in ids if pk in pages]


@dataclass
class SearchAnswer:
    pages: RankedPages
    suggestion: str


def search(query: str) -> SearchAnswer:
    vocabulary, synonyms = store.analysis_inputs()
    plan = analyse(query, vocabulary, synonyms)
    postings, docs = store.matches(plan.stems)
    ranked = rank(plan, postings, docs)
    return SearchAnswer(RankedPages([doc["id"] for doc in ranked]), plan.suggestion)
