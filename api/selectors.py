"""Querysets of what the public may see. Every API read starts here.

Live, not past its expiry, and with no view restriction on the page or any
ancestor: drafts, unpublished, expired and private pages never reach a response.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from wagtail.models import Page

from cms.models import (
    ArticlePage,
    BodyRegion,
    BookingPage,
    Muscle,
    RoutinePage,
    SectionPage,
    StretchGuidePage,
    StretchIndexPage,
)


def _public(queryset: QuerySet) -> QuerySet:
    not_expired = Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
    return queryset.live().public().filter(not_expired)


def public_pages() -> QuerySet:
    """Pages of any type that the public may see: for links between pages."""
    return _public(Page.objects.all())


def live_muscles() -> QuerySet:
    """Published muscles: a new one waiting for a moderator is nobody's business yet."""
    return Muscle.objects.filter(live=True)


def live_regions() -> QuerySet:
    return BodyRegion.objects.filter(live=True)


def _with_taxonomy(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(
        Prefetch("muscles", queryset=live_muscles().only("id", "slug", "name")),
        Prefetch("regions", queryset=live_regions().only("id", "slug", "name")),
    )


def public_articles() -> QuerySet:
    return _with_taxonomy(_public(ArticlePage.objects.all()))


def public_article_details() -> QuerySet:
    return public_articles().select_related("hero_image", "call_to_action")


def public_stretches() -> QuerySet:
    return (
        _with_taxonomy(_public(StretchGuidePage.objects.all()))
        .select_related("illustration")
        .prefetch_related("illustration__renditions")
    )


def public_stretch_details() -> QuerySet:
    return public_stretches().select_related("call_to_action")


def public_routines() -> QuerySet:
    return _with_taxonomy(_public(RoutinePage.objects.all()))


def public_routine_details() -> QuerySet:
    return public_routines().select_related("call_to_action")


def public_sections() -> list[Page]:
    sections = list(_public(SectionPage.objects.all())) + list(
        _public(StretchIndexPage.objects.all())
    )
    return sorted(sections, key=lambda section: section.path)


def public_library_search_scope() -> QuerySet:
    """Search backends cannot filter on ``expire_at``, so expired pages go by id."""
    expired = Page.objects.filter(live=True, expire_at__lte=timezone.now()).values_list(
        "id", flat=True
    )
    return (
        Page.objects.live()
        .public()
        .type(ArticlePage, StretchGuidePage, RoutinePage)
        .exclude(id__in=list(expired))
    )


def muscles() -> QuerySet:
    return live_muscles().prefetch_related(
        Prefetch("regions", queryset=live_regions().only("id", "slug", "name"))
    )


def regions() -> QuerySet:
    return live_regions().prefetch_related(
        Prefetch("muscles", queryset=live_muscles().only("id", "slug", "name"))
    )


def public_booking_page() -> BookingPage | None:
    """The on-site booking page that "form" calls to action lead to, if one is public."""
    return _public(BookingPage.objects.all()).first()
