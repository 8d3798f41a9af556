"""Content versions: what a kept answer was made from, read with no database query.

Each kept answer records the version *tokens* of what it depends on; it is fresh
while those tokens are unchanged. Tokens live in the shared cache, and a change
replaces them (``bump``), so nothing is ever searched for and purged.

Tags (the granularity, chosen so a publish makes cold only what it changed):

* ``page:<id>`` -- one article or stretch guide: its own URL and its API detail.
  Bumped when the page is published, unpublished, moved, made private or
  deleted, when something it embeds changes (the change log already turns an
  image, muscle or call-to-action edit into an ``update`` of each page showing
  it), and when a page it links to changes (Wagtail's reference index).
* ``frame`` -- what every page shows around its content: the section
  navigation, the clinic's details, the booking link.
* ``all`` -- everything else (home, sections, lists, the navigator, the
  sitemap, API lists, the changes feed): bumped by every change at all.

Staleness bound: each process remembers a token for at most ``MEMO_SECONDS``
(1 s), so after a publish another process may answer from the previous copy
for up to one second; the process that published sees the change at once. A
page whose own token says it is gone (unpublished, private, deleted, expired)
is never answered from a copy, fresh or stale, once this process has seen it.

A bump is seen as the change itself is: inside a transaction, at once by that
transaction (its thread) and by everyone else when it commits. So another
process never starts rendering from data it cannot see yet only to render again
after the commit (every publish would render the home page and the lists twice),
and an answer it was rendering when the commit landed is not kept (its token
changed meanwhile). A rolled-back transaction's bumps go with it.
"""

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Min
from django.utils import timezone

from wagtail.models import Page

logger = logging.getLogger(__name__)

ALL = "all"
FRAME = "frame"
GONE = "gone-"
MEMO_SECONDS = 1.0
PREFIX = "delivery:tag:"
NEXT_EXPIRY_KEY = "delivery:next-expiry"
RETRY_SECONDS = 5
# A tag is forgotten after a month without change; a lost tag only makes copies cold.
TOKEN_SECONDS = 30 * 24 * 3600

_memo: dict[str, tuple[str, float]] = {}
_lock = threading.Lock()
# Tokens bumped by this thread's open transaction: {tag: token}, shared at commit.
_uncommitted = threading.local()
# Registered by apps that know about time-based changes (``api`` logs expiries).
_expiry_listeners: list[Callable[[], None]] = []


def page_tag(page_id: int) -> str:
    return f"page:{page_id}"


def current(tags: Iterable[str], *, fresh: bool = False) -> dict[str, str]:
    """The tokens of ``tags``: from this process's memo unless older than the bound."""
    now = time.monotonic()
    tags = list(tags)
    found, missing = {}, []
    uncommitted = _uncommitted_tokens()
    for tag in tags:
        memo = _memo.get(tag)
        if tag in uncommitted:
            found[tag] = uncommitted[tag]
        elif memo and not fresh and now - memo[1] < MEMO_SECONDS:
            found[tag] = memo[0]
        else:
            missing.append(tag)
    if missing:
        stored = cache.get_many([PREFIX + tag for tag in missing])
        for tag in missing:
            token = stored.get(PREFIX + tag)
            if token is None:
                # Lost or never set: start one; every copy made under no token is cold.
                cache.add(PREFIX + tag, _new_token(), TOKEN_SECONDS)
                token = cache.get(PREFIX + tag) or _new_token()
            found[tag] = token
            with _lock:
                _memo[tag] = (token, now)
    return found


def is_gone(token: str) -> bool:
    return token.startswith(GONE)


def bump(tags: Iterable[str] = (), *, gone: Iterable[str] = ()) -> None:
    """Make every copy depending on ``tags`` (and on ``all``) cold; ``gone`` ones unservable.

    Now, or inside a transaction: now for it, and for everyone once it commits.
    """
    tags, gone = set(tags), set(gone)
    tokens = {tag: _new_token() for tag in (tags | {ALL}) - gone}
    tokens |= {tag: GONE + _new_token() for tag in gone}
    cache.delete(NEXT_EXPIRY_KEY)  # recomputed from what the reader can see

    def share():
        cache.set_many({PREFIX + tag: token for tag, token in tokens.items()}, TOKEN_SECONDS)
        cache.delete(NEXT_EXPIRY_KEY)
        with _lock:
            for tag in tokens:
                _memo.pop(tag, None)

    connection = transaction.get_connection()
    if connection.in_atomic_block:
        held = _uncommitted_tokens()
        if not held:
            _uncommitted.block, _uncommitted.tokens = connection.atomic_blocks[0], held
        held.update(tokens)
    transaction.on_commit(share)  # at once outside a transaction


def _uncommitted_tokens() -> dict[str, str]:
    """This thread's open transaction's bumps (shared at commit, void on rollback).

    Held with the outermost atomic block they were made in: outside it, or in
    another (a rolled-back transaction's, a test's after the last), they are gone.
    Holding none, as almost every request does, asks nothing of the connection.
    """
    tokens = getattr(_uncommitted, "tokens", None)
    if not tokens:
        return {}
    connection = transaction.get_connection()
    outermost = connection.atomic_blocks[0] if connection.in_atomic_block else None
    if _uncommitted.block is not outermost:
        _uncommitted.tokens = {}
        return {}
    return tokens


def _new_token() -> str:
    return uuid.uuid4().hex[:16]


def on_expiry(listener: Callable[[], None]) -> None:
    """Run ``listener`` once when a scheduled expiry time passes (it records and bumps)."""
    if listener not in _expiry_listeners:
        _expiry_listeners.append(listener)


def next_expiry() -> float | None:
    """When the next scheduled change falls due; every copy made now is fresh until then.

    Kept in the cache, recomputed after each bump and only on a render (which
    queries the database anyway), so a kept answer never asks.
    """
    stored = cache.get(NEXT_EXPIRY_KEY)
    if stored is not None:
        return stored or None
    try:
        soonest = Page.objects.filter(live=True, expire_at__gt=timezone.now()).aggregate(
            at=Min("expire_at")
        )["at"]
    except DatabaseError:
        return time.time() + RETRY_SECONDS  # not known now: ask again soon, keep nothing long
    due = soonest.timestamp() if soonest else None
    cache.set(NEXT_EXPIRY_KEY, due or 0, TOKEN_SECONDS)
    return due


def settle_due_expiries() -> None:
    """If an expiry time has passed, let the listeners record it (once, across processes)."""
    due = next_expiry()
    if due is None or due > time.time():
        return
    if not cache.add("delivery:expiring", 1, 10):
        return
    try:
        for listener in _expiry_listeners:
            listener()
        bump()
    except DatabaseError:
        logger.warning("Could not record expiries now; the next render tries again")
    finally:
        cache.delete("delivery:expiring")
