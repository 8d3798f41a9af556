"""Record what changed in the public library, and date the library by it.

Each recorded event compares what the public can see now with what the log last
said about the same object, so the log replays to exactly the live, public set:
a page that becomes private logs an ``unpublish``, a re-publish of a visible page
an ``update``, and a page that was never public logs nothing at all.
"""

from datetime import datetime

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from wagtail.models import Page

from api.models import ContentChange
from cms.models import ArticlePage, SectionPage, StretchGuidePage, StretchIndexPage

Action = ContentChange.Action
Kind = ContentChange.Kind

PAGE_KINDS = {
    ArticlePage: Kind.ARTICLE,
    StretchGuidePage: Kind.STRETCH,
    SectionPage: Kind.SECTION,
    StretchIndexPage: Kind.SECTION,
}
# Arbitrary constant naming the PostgreSQL advisory lock that orders the log.
LOG_LOCK_ID = 7_310_042


def _serialise_log_writes() -> None:
    """Make ids commit in order, so a client's cursor never skips a late commit.

    Without this, two concurrent publishes on PostgreSQL could commit ids 101
    then 100, and a client that had already read 101 would never see 100.
    SQLite serialises writes by itself.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOG_LOCK_ID])


def _last_action(kind: str, object_id: int) -> str | None:
    return (
        ContentChange.objects.filter(kind=kind, object_id=object_id)
        .order_by("-id")
        .values_list("action", flat=True)
        .first()
    )


def record(kind: str, object_id: int, *, visible: bool, deleted: bool = False) -> None:
    """Log the object's new public state if it differs from, or updates, the last one."""
    _serialise_log_writes()
    last = _last_action(kind, object_id)
    was_visible = last in (Action.PUBLISH, Action.UPDATE)
    if visible:
        action = Action.UPDATE if was_visible else Action.PUBLISH
    elif was_visible:
        action = Action.DELETE if deleted else Action.UNPUBLISH
    else:
        return
    ContentChange.objects.create(kind=kind, object_id=object_id, action=action)


def page_kind(page: Page) -> str | None:
    return PAGE_KINDS.get(type(page.specific_deferred))


def is_public(page: Page) -> bool:
    expired = page.expire_at is not None and page.expire_at <= timezone.now()
    return page.live and not expired and not page.get_view_restrictions().exists()


def record_page(page: Page, *, deleted: bool = False) -> None:
    kind = page_kind(page)
    if kind is not None:
        record(kind, page.id, visible=not deleted and is_public(page), deleted=deleted)


def record_subtree(page: Page) -> None:
    """Re-check a page and everything below it (after a move or a privacy change)."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        record_page(descendant)


def record_expiries() -> None:
    """Log pages whose expiry time has passed as unpublished.

    Wagtail unpublishes them only when its ``publish_scheduled`` cron next runs;
    until then they are still ``live`` but no longer public, and the feed must
    not leave them standing. Costs one query when nothing has expired.
    """
    expired = Page.objects.filter(live=True, expire_at__lte=timezone.now()).type(*PAGE_KINDS)
    pages = list(expired.specific())
    if pages:
        with transaction.atomic():
            for page in pages:
                record_page(page)


def record_pages_updated(pages) -> None:
    """Pages whose public representation changed because something they embed did."""
    for page in pages:
        record_page(page)


def last_modified() -> datetime | None:
    """When the public library last changed: the log, or an expiry cron has not logged yet.

    An expiry changes what the public sees, so it moves ``Last-Modified`` on as
    well: a client revalidating by date must not get a 304 then. Asked only
    when an answer is rendered; a kept answer replays the date it was made with.
    """
    logged = ContentChange.objects.aggregate(at=Max("occurred_at"))["at"]
    expired = Page.objects.filter(live=True, expire_at__lte=timezone.now()).aggregate(
        at=Max("expire_at")
    )["at"]
    return max(filter(None, (logged, expired)), default=None)
