"""The library's search index: what the server ranks with and the phone searches offline.

Built from the public articles and stretch guides and the editors' synonyms,
field by field as each page's Wagtail ``search_fields`` declare them, so the
words here are the words Wagtail search indexes. Cached under the delivery
layer's library-wide version (``cms.delivery.versions``), which every publish
and every synonym edit bumps, so a change makes a new one.
"""

from dataclasses import dataclass, field

from django.core.cache import cache

from wagtail.blocks import ChooserBlock, ListBlock, StreamBlock, StructBlock
from wagtail.fields import StreamField
from wagtail.search import index as wagtail_index

from api import selectors
from api.serializers.links import PAGE_TYPE_NAMES
from cms.delivery import versions
from cms.models import SearchSynonym

from .text import STOPWORDS, stem, tokens, words

FIELDS = ("title", "summary", "terms", "body")  # bit 1, 2, 4, 8 of a posting's mask
# How the ranking weighs things; sent with the index so the phone ranks the same.
PARAMS = {
    "weights": [10, 5, 4, 1],  # per field: a page *about* a thing names it in title and summary
    "prefix": 0.8,  # "sciat" -> sciatica, as the reader types
    "fuzzy": 0.7,  # "sciatca" -> sciatica
    "title_bonus": 2,  # times the share of the title's words the query matched
    "lead_bonus": 1,  # the title starts with a word the query matched: the page's subject
    "prefix_min": 3,  # shortest partial word that is completed
    "fuzzy_lengths": [4, 5],  # a word this long may have 1 typo, this long 2
}
# 2: a posting's document is the gap from the one before, so the numbers stay short
# in a library of thousands of pages (about half the bytes of format 1).
FORMAT = 2


@dataclass
class LibraryIndex:
    docs: list[dict] = field(default_factory=list)
    postings: dict[str, dict[int, int]] = field(default_factory=dict)  # stem -> {doc: mask}
    surface: dict[str, set[str]] = field(default_factory=dict)  # stem -> words seen (server)
    synonyms: list[list] = field(default_factory=list)  # [phrase tokens, [term tokens, ...]]
    version: str = ""

    @property
    def known(self) -> set[str]:
        """Words a typo may be corrected to: the library's and the readers' phrases'."""
        phrase_words = {word for phrase, _ in self.synonyms for word in phrase}
        return set(self.postings) | phrase_words

    def add(self, doc: int, field_bit: int, text: str) -> set[str]:
        found = set()
        for word in words(text):
            if word in STOPWORDS:
                continue
            token = stem(word)
            found.add(token)
            self.surface.setdefault(token, set()).add(word)
            postings = self.postings.setdefault(token, {})
            postings[doc] = postings.get(doc, 0) | field_bit
        return found

    def document(self) -> dict:
        """The compact JSON the API serves and the phone saves (``/api/v1/search/index/``)."""
        return {
            "format": FORMAT,
            "version": self.version,
            "fields": list(FIELDS),
            "params": PARAMS,
            "stopwords": sorted(STOPWORDS),
            "synonyms": self.synonyms,
            "docs": self.docs,
            "terms": {token: _gaps(postings) for token, postings in sorted(self.postings.items())},
        }


def _gaps(postings: dict[int, int]) -> list[int]:
    """``{doc: mask}`` as ``[gap, mask, gap, mask, ...]``, each doc after the one before."""
    flat, previous = [], 0
    for doc, mask in sorted(postings.items()):
        flat += [doc - previous, mask]
        previous = doc
    return flat


def _field_texts(page) -> dict[str, list[str]]:
    """The page's text per ranking field, read through its Wagtail ``search_fields``."""
    texts = {name: [] for name in FIELDS}
    for search_field in page.get_search_fields():
        if isinstance(search_field, wagtail_index.RelatedFields):
            for related in getattr(page, search_field.field_name).all():
                texts["terms"].append(str(related))
        elif isinstance(search_field, wagtail_index.SearchField):
            name = search_field.field_name
            value = getattr(page, name)
            model_field = page._meta.get_field(name)
            if isinstance(model_field, StreamField):
                value = " ".join(_stored_block_text(model_field.stream_block, value.raw_data))
            elif hasattr(model_field, "get_searchable_content"):
                value = " ".join(model_field.get_searchable_content(value))
            texts[name if name in ("title", "summary") else "body"].append(str(value or ""))
    return texts


def _stored_block_text(block, raw) -> list[str]:
    """A block's searchable text (``get_searchable_content``) from its stored JSON.

    As Wagtail's own, but choosers are passed over rather than loaded: they have
    no searchable text, and loading each page's images and linked pages cost two
    queries a page (seconds for the whole library at a few thousand pages).
    """
    if isinstance(block, ChooserBlock) or not getattr(block, "search_index", True):
        return []
    if isinstance(block, StreamBlock):
        children = ((block.child_blocks.get(item["type"]), item["value"]) for item in raw or [])
    elif isinstance(block, ListBlock):
        children = ((block.child_block, _list_item(item)) for item in raw or [])
    elif isinstance(block, StructBlock):
        children = ((child, (raw or {}).get(name)) for name, child in block.child_blocks.items())
    else:
        return block.get_searchable_content(block.to_python(raw))
    return [text for child, value in children if child for text in _stored_block_text(child, value)]


def _list_item(item):
    """A list item's stored value: ``{"type": "item", "value": ..., "id": ...}``, or bare."""
    is_wrapped = isinstance(item, dict) and "id" in item and "value" in item
    return item["value"] if is_wrapped else item


def synonym_rows() -> list[tuple[str, str]]:
    return list(SearchSynonym.objects.order_by("phrase").values_list("phrase", "terms"))


def build(rows: list[tuple[str, str]], version: str) -> LibraryIndex:
    library = LibraryIndex(version=version)
    pages = list(selectors.public_articles()) + list(selectors.public_stretches())
    pages.sort(key=lambda page: page.path)
    for number, page in enumerate(pages):
        texts = _field_texts(page)
        title_tokens = set()
        for bit, name in enumerate(FIELDS):
            found = library.add(number, 1 << bit, " ".join(texts[name]))
            if name == "title":
                title_tokens = found
        lead = tokens(page.title)[:1]
        library.docs.append(
            {
                "id": page.id,
                "type": PAGE_TYPE_NAMES[type(page)],
                "title": page.title,
                "summary": page.summary,
                "path": page.url,
                "n": len(title_tokens),
                "lead": lead[0] if lead else "",
            }
        )
    for phrase, terms in rows:
        phrase_tokens = tokens(phrase)
        term_tokens = [tokens(term) for term in terms.split(",")]
        term_tokens = [term for term in term_tokens if term]
        if phrase_tokens and term_tokens:
            library.synonyms.append([phrase_tokens, term_tokens])
    return library


# This process's copy of the current index. A large library's index is megabytes:
# reading it back from the shared cache on every search would cost more than the search.
_held: list[LibraryIndex] = []


def library_index() -> LibraryIndex:
    """The current index, built at most once per library version.

    The version is read afresh (one small cache read), not from the delivery
    layer's one-second memo: the copy held here must never outlive its library.
    """
    version = versions.current([versions.ALL], fresh=True)[versions.ALL]
    if _held and _held[0].version == version:
        return _held[0]
    key = f"search-index:{FORMAT}:{version}"
    library = cache.get(key)
    if library is None:
        library = build(synonym_rows(), version)
        cache.set(key, library, versions.TOKEN_SECONDS)
    _held[:] = [library]
    return library
