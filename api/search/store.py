"""The library's search index, kept in the database in step with the change log.

Each public article and stretch guide has an entry (what a result shows and is
ranked by), its postings (token -> the fields holding it) and its share of the
vocabulary (how many pages hold each word). A search reads only the postings of
the words it may mean, through the token index, so it costs the same at 30 pages
as at 5,000 and needs nothing built first.

The offline copy phones save is stored beside it in blocks of page ids, as
JSON ready to send (``SearchBlock``): a publish re-renders its page's block, and
``/api/v1/search/index/`` splices the blocks together.

Nothing has to remember to update any of it: every change to what the public sees is
already in the change log (``api.changes``), with the same rules the mirrors
rely on. ``sync`` takes in the pages logged since its cursor, usually none (three small
queries tell) and after a publish a few, whichever process searches next.
"""

from collections import Counter
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from api import selectors
from api.models import (
    ContentChange,
    SearchBlock,
    SearchEntry,
    SearchIndexCursor,
    SearchPosting,
    SearchTerm,
)
from cms.delivery import versions
from cms.models import SearchSynonym

from . import index
from .index import analyse_page, parse_synonyms

INDEXED_KINDS = (ContentChange.Kind.ARTICLE, ContentChange.Kind.STRETCH)
CURSOR = 1  # the cursor's one row
# Page ids per block of the offline index (see ``SearchBlock``): larger blocks
# compress better together; smaller ones are quicker to render again after a publish.
BLOCK_PAGES = 512
# Changes one search takes in at most: about a second's indexing.
SYNC_CHANGES = 100
# Pages re-indexed per round trip: bounds the ``IN`` lists and the rows held at once.
CHUNK = 500

# This process's copies, each with what it was read at: {name: (version, copy)}.
_held: dict[str, tuple] = {}


def sync(*, everything: bool = False) -> int:
    """Take in what the change log holds past the cursor (and pages just expired),
    at most ``SYNC_CHANGES`` changes unless ``everything``.

    A request never does more than a bounded share: a library indexed for the
    first time fills over the next searches (or all at once with ``manage.py
    index_search``, run after ``migrate``). Returns the index's revision as
    this search should read it.
    """
    limit = None if everything else SYNC_CHANGES
    cursor = SearchIndexCursor.objects.filter(pk=CURSOR).first()
    current = cursor is not None and cursor.layout == _layout()
    if current and not (_pending(cursor.change_id, limit) or _expired()):
        return cursor.revision
    SearchIndexCursor.objects.get_or_create(pk=CURSOR)
    with transaction.atomic():
        if not _take_cursor():
            return cursor.revision if cursor else 0
        cursor = SearchIndexCursor.objects.get(pk=CURSOR)
        if cursor.layout != _layout():
            _start_afresh(cursor)
        pending = _pending(cursor.change_id, limit)
        changed = {page_id for _, page_id in pending} | set(_expired())
        reindex(changed)
        _render_blocks({page_id // BLOCK_PAGES for page_id in changed})
        if pending:
            cursor.change_id = max(change_id for change_id, _ in pending)
        if limit is not None and len(pending) == limit:
            # More may wait: nothing made from the index as it stands is to be kept.
            versions.bump()
        cursor.revision += 1
        cursor.save()
    return cursor.revision


def _layout() -> str:
    return f"{index.ANALYSIS}.{index.FORMAT}.{BLOCK_PAGES}"


def _start_afresh(cursor: SearchIndexCursor) -> None:
    """Empty the index and replay the whole change log into it under the current layout.

    Kept answers made from an old layout (the offline index) are made again; the
    first build has none to replace (the offline index came from the search code).
    """
    for model in (SearchPosting, SearchEntry, SearchTerm, SearchBlock):
        model.objects.all().delete()
    if cursor.layout:
        versions.bump()
    cursor.change_id, cursor.layout = 0, _layout()


def _take_cursor() -> bool:
    """Hold the cursor for this transaction; False if another process's sync holds it.

    PostgreSQL: the row's lock, passed over if taken. That sync is indexing the
    same changes; meanwhile this search answers from the index as it stands
    (results are loaded through the public selector, so nothing that just left
    the library is shown). SQLite has no row locks: writing the row first takes
    the database's write lock, so syncs queue, each a few pages long.
    """
    cursor = SearchIndexCursor.objects.filter(pk=CURSOR)
    if connection.features.has_select_for_update_skip_locked:
        return cursor.select_for_update(skip_locked=True).values_list("pk").first() is not None
    return cursor.update(change_id=F("change_id")) == 1


def _pending(cursor: int, limit: int | None) -> list[tuple[int, int]]:
    """The indexed pages' next changes past the cursor, as ``(change id, page id)``."""
    changes = ContentChange.objects.filter(kind__in=INDEXED_KINDS, id__gt=cursor).order_by("id")
    return list(changes.values_list("id", "object_id")[:limit])


def _expired() -> list[int]:
    """Indexed pages whose expiry time has passed, logged or not yet (one query).

    The change log records an expiry when the delivery layer next notices it;
    until then search must not find the page either.
    """
    expired = Page.objects.filter(live=True, expire_at__lte=timezone.now()).values("id")
    return list(SearchEntry.objects.filter(page_id__in=expired).values_list("page_id", flat=True))


def reindex(page_ids: set[int]) -> None:
    """Index these pages afresh as the public sees them now: gone if no longer public."""
    page_ids = sorted(page_ids)
    for start in range(0, len(page_ids), CHUNK):
        chunk = page_ids[start : start + CHUNK]
        counts = Counter()
        held = SearchPosting.objects.filter(entry_id__in=chunk)
        counts.subtract(held.values_list("token", flat=True).iterator())
        held.delete()
        SearchEntry.objects.filter(page_id__in=chunk).delete()
        pages = [
            *selectors.public_articles().filter(id__in=chunk),
            *selectors.public_stretches().filter(id__in=chunk),
        ]
        entries, postings = [], []
        for page in pages:
            analysed = analyse_page(page)
            doc = analysed.doc
            entries.append(
                SearchEntry(
                    page_id=page.id,
                    tree_path=page.path,
                    title=doc["title"],
                    title_words=doc["n"],
                    lead=doc["lead"],
                    card=doc,
                )
            )
            for token, mask in analysed.masks.items():
                postings.append(SearchPosting(entry_id=page.id, token=token, mask=mask))
                counts[token] += 1
        SearchEntry.objects.bulk_create(entries)
        SearchPosting.objects.bulk_create(postings, batch_size=CHUNK)
        _count(counts)


def _count(changes: Counter) -> None:
    """Move the vocabulary's page counts by ``changes``; a word no page holds leaves it."""
    changes = {token: change for token, change in changes.items() if change}
    terms = SearchTerm.objects.in_bulk(list(changes))
    new, changed, emptied = [], [], []
    for token, change in changes.items():
        term = terms.get(token) or SearchTerm(token=token, pages=0)
        term.pages += change
        if term.pages <= 0:
            emptied.append(token)
        elif token in terms:
            changed.append(term)
        else:
            new.append(term)
    SearchTerm.objects.filter(token__in=emptied).delete()
    SearchTerm.objects.bulk_update(changed, ["pages"], batch_size=CHUNK)
    SearchTerm.objects.bulk_create(new, batch_size=CHUNK)


def _library_version() -> str:
    """Read afresh (one small cache read), not from the delivery layer's one-second
    memo: a copy held here must never outlive the library it was read from."""
    return versions.current([versions.ALL], fresh=True)[versions.ALL]


def _held_for(version: object, name: str, load: Callable):
    held = _held.get(name)
    if held is None or held[0] != version:
        held = (version, load())
        _held[name] = held
    return held[1]


def analysis_inputs() -> tuple[dict[str, int], list[list]]:
    """The index brought up to date, then what ``ranking.analyse`` reads.

    The vocabulary (every indexed word and how many pages hold it) is kept per
    process until the index's revision (another process's sync) or the library
    version moves; the synonyms until the version moves (an edit bumps it).
    """
    revision = sync()
    version = _library_version()
    vocabulary = _held_for((revision, version), "vocabulary", _read_vocabulary)
    return vocabulary, _synonyms(version)


def _synonyms(version: str) -> list[list]:
    return _held_for(version, "synonyms", _read_synonyms)


def _read_vocabulary() -> dict[str, int]:
    return dict(SearchTerm.objects.values_list("token", "pages"))


def _read_synonyms() -> list[list]:
    rows = SearchSynonym.objects.order_by("phrase").values_list("phrase", "terms")
    return parse_synonyms(list(rows))


def matches(tokens: set[str]) -> tuple[dict[str, dict[int, int]], dict[int, dict]]:
    """The postings of these tokens, by page id, and what ranking needs of those pages."""
    postings, docs = {}, {}
    rows = SearchPosting.objects.filter(token__in=sorted(tokens)).values_list(
        "token", "entry_id", "mask", "entry__title", "entry__title_words", "entry__lead"
    )
    for token, page_id, mask, title, title_words, lead in rows:
        postings.setdefault(token, {})[page_id] = mask
        if page_id not in docs:
            docs[page_id] = {"id": page_id, "title": title, "n": title_words, "lead": lead}
    return postings, docs


def offline_document() -> str:
    """``/api/v1/search/index/``: the stored blocks spliced into one document.

    Reads one row per block and parses none of them, so it costs little more
    than the bytes it sends, with the cache cleared or not.
    """
    sync()
    version = _library_version()
    blocks = SearchBlock.objects.order_by("number").values_list("document", flat=True)
    return index.document(version, _synonyms(version), list(blocks))


def _render_blocks(numbers: set[int]) -> None:
    """Render the offline index's blocks again from the entries and postings."""
    for number in sorted(numbers):
        first, end = number * BLOCK_PAGES, (number + 1) * BLOCK_PAGES
        entries = SearchEntry.objects.filter(page_id__gte=first, page_id__lt=end)
        docs = list(entries.order_by("tree_path").values_list("card", flat=True))
        if not docs:
            SearchBlock.objects.filter(number=number).delete()
            continue
        positions = {doc["id"]: position for position, doc in enumerate(docs)}
        postings = {}
        rows = SearchPosting.objects.filter(entry_id__gte=first, entry_id__lt=end)
        for token, page_id, mask in rows.values_list("token", "entry_id", "mask"):
            postings.setdefault(token, {})[positions[page_id]] = mask
        SearchBlock.objects.update_or_create(
            number=number, defaults={"document": index.render_block(docs, postings)}
        )
