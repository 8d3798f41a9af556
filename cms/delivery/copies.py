"""The kept copy of a URL: one per URL, fresh while its versions hold, else the stale copy.

A copy is stored with the tokens of the tags it was made from (``versions``),
the time until which nothing scheduled can change it, and, for a page's own
address, that page's expiry time. The ETag names the bytes (a re-render that
comes out identical keeps its ETag, so clients keep getting 304s). A gzip body
is made once, when the copy is stored, if ``rules.may_compress`` allows.
"""

import datetime
import gzip
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone

from . import versions

KEEP_SECONDS = 7 * 24 * 3600
# Headers a kept answer replays; the rest are added on the way out by middleware.
REPLAYED = ("Content-Type", "Last-Modified", "Content-Language", "X-Robots-Tag", "Link")
MIN_COMPRESSED_LENGTH = 200
# gzip's usual level: 9 took four times as long on the offline search index of a
# large library (6.5 MB: 200 ms against 54 ms) for about 5% fewer bytes.
COMPRESS_LEVEL = 6


@dataclass
class Copy:
    body: bytes
    gzipped: bytes | None
    headers: list[tuple[str, str]]
    etag: str
    cache_control: str
    deps: dict[str, str]
    valid_until: float | None
    subject: str | None = None
    subject_expires: float | None = None
    stored_at: float = field(default_factory=time.time)

    def is_fresh(self) -> bool:
        if self.valid_until is not None and time.time() >= self.valid_until:
            return False
        return versions.current(self.deps) == self.deps

    def may_stand_in(self) -> bool:
        """May stand in for a fresh answer (grace, stale-if-error): its page is not gone."""
        if self.subject_expires is not None and time.time() >= self.subject_expires:
            return False
        if self.subject is None:
            return True
        return not versions.is_gone(versions.current([self.subject])[self.subject])


def key_for(request) -> str:
    """Scheme and host too (bodies carry absolute URLs); parameters in a stable order.

    The code's release is part of the key: a shared cache outlives a deploy, and a
    copy rendered by the previous release's templates must not answer for this one.
    """
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    address = (
        f"{settings.DELIVERY_RELEASE}|{request.scheme}://{request.get_host()}{request.path}?{query}"
    )
    return "delivery:copy:" + hashlib.blake2b(address.encode(), digest_size=16).hexdigest()


# Each process also remembers the copies it used last, for as long as it trusts a
# version (the same 1 s bound): with Redis, a hit then costs no round trip at all.
# Not over the per-process memory cache, which is already local (and which tests clear).
LOCAL_ENTRIES = 256
_local: OrderedDict[str, tuple[Copy, float]] = OrderedDict()
_local_lock = threading.Lock()


def _use_local() -> bool:
    return not isinstance(caches["default"], LocMemCache)


def get(key: str) -> Copy | None:
    local = _use_local()
    if local:
        with _local_lock:
            found = _local.get(key)
        if found is not None and time.monotonic() - found[1] < versions.MEMO_SECONDS:
            return found[0]
    copy = cache.get(key)
    if local and copy is not None:
        _remember(key, copy)
    return copy


def _remember(key: str, copy: Copy) -> None:
    with _local_lock:
        _local[key] = (copy, time.monotonic())
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def forget_local() -> None:
    """Forget this process's recent copies (after clearing the shared cache, to measure)."""
    with _local_lock:
        _local.clear()


def drop(key: str) -> None:
    cache.delete(key)
    with _local_lock:
        _local.pop(key, None)


def make(response, *, deps, subject, subject_expires, compress: bool) -> Copy:
    body = response.content
    valid_until = _next_change()
    headers = [(name, response[name]) for name in REPLAYED if response.has_header(name)]
    cache_control = response.get("Cache-Control", "")
    compress = compress and len(body) >= MIN_COMPRESSED_LENGTH
    return Copy(
        body=body,
        gzipped=gzip.compress(body, COMPRESS_LEVEL, mtime=0) if compress else None,
        headers=headers,
        etag=f'"{hashlib.blake2b(body, digest_size=12).hexdigest()}"',
        cache_control=cache_control if "public" in cache_control else "",
        deps=deps,
        valid_until=valid_until,
        subject=subject,
        subject_expires=subject_expires,
    )


def put(key: str, copy: Copy) -> None:
    cache.set(key, copy, KEEP_SECONDS)
    if _use_local():
        _remember(key, copy)


def _next_change() -> float:
    """The next scheduled expiry, or the next local midnight (review dates fall due)."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    due = versions.next_expiry()
    return min(filter(None, (due, midnight.timestamp())))


# Single flight: one request renders a cold URL; the others stand by.
LOCK_SECONDS = 15
WAIT_SECONDS = 3.0
POLL_SECONDS = 0.02


def lead(key: str) -> bool:
    """True for the one request that renders this URL now (the lock outlives a crash briefly)."""
    return cache.add(key + ":rendering", 1, LOCK_SECONDS)


def done(key: str) -> None:
    cache.delete(key + ":rendering")


def wait_for_fresh(key: str) -> Copy | None:
    """Wait for the leader's copy, at most ``WAIT_SECONDS``; then render after all."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        copy = get(key)
        if copy is not None and copy.is_fresh():
            return copy
        if cache.get(key + ":rendering") is None:
            return None
    return None
