"""Querysets of what the public may see. Every API read starts here.

Live, not past its expiry, and with no view restriction on the page or any
ancestor: drafts, unpublished, expired and private pages never reach a response.
"""

from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Length, Substr
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


# How lists put pages in front of readers: the editors' "start here" pages, then
# the most recently reviewed, then by title; the id keeps pages from repeating or
# being skipped between one page of a list and the next.
READER_ORDER = ("-start_here", "-last_reviewed", "title", "id")


def public_articles() -> QuerySet:
    """With their pictures' renditions, so a list of cards costs no query per card."""
    return (
        _with_taxonomy(_public(ArticlePage.objects.all()))
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
    )


def articles_for_readers(*, section: Page | None = None) -> QuerySet:
    """Public articles, most useful first, optionally of one section."""
    queryset = public_articles().order_by(*READER_ORDER)
    return queryset if section is None else queryset.child_of(section)


def start_here_articles() -> QuerySet:
    """The editors' "start here" articles in the library's own order (sections, then
    each section's order in the admin), so editors arrange the path by moving pages."""
    return public_articles().filter(start_here=True).order_by("path")


def stretches_for_readers() -> QuerySet:
    return public_stretches().order_by(*READER_ORDER)


def public_article_details() -> QuerySet:
    return public_articles().select_related("call_to_action")


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


def for_region(queryset: QuerySet, region_id: int) -> QuerySet:
    """The pages of ``queryset`` for a body region, best matches first.

    First the pages tagged with the region itself, then those about a muscle that
    may refer pain there; most useful first within each. Two ``EXISTS`` tests on
    the link tables, so the database filters, orders and counts in one pass.
    """
    model = queryset.model
    page_column = f"{model._meta.model_name}_id"
    tagged = Exists(
        model.regions.through.objects.filter(
            **{page_column: OuterRef("pk"), "bodyregion_id": region_id}
        )
    )
    via_muscle = Exists(
        model.muscles.through.objects.filter(
            **{page_column: OuterRef("pk"), "muscle__regions": region_id}
        )
    )
    return (
        queryset.filter(tagged | via_muscle)
        .annotate(region_match=Case(When(tagged, then=Value(0)), default=Value(1)))
        .order_by("region_match", *READER_ORDER)
    )


# What a card shows beyond the page's own fields, per page type.
CARD_PARTS = {
    ArticlePage: ("hero_image__renditions",),
    StretchGuidePage: ("illustration__renditions",),
    RoutinePage: (),
}


def prefetch_card_parts(pages: list[Page]) -> None:
    """Pictures and regions for an already-fetched mixed list (a page of search results).

    A few queries per page type, however many pages: the list costs what one card does.
    """
    for model, lookups in CARD_PARTS.items():
        of_type = [page for page in pages if type(page) is model]
        if of_type:
            prefetch_related_objects(
                of_type,
                Prefetch("regions", queryset=live_regions().only("id", "slug", "name")),
                *lookups,
            )


def public_article_by_slug(slug: str) -> ArticlePage | None:
    return public_articles().filter(slug=slug).first()


def pages_for_readers(section: Page) -> QuerySet:
    """The public pages a section holds, most useful first: articles, or stretch guides."""
    if isinstance(section, StretchIndexPage):
        return stretches_for_readers().child_of(section)
    return articles_for_readers(section=section)


def library_counts_by_section(sections: list[Page]) -> dict[int, int]:
    """How many public articles and stretch guides each section holds, in one query."""
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    counts = (
        _public(Page.objects.type(ArticlePage, StretchGuidePage))
        .annotate(parent_path=parent_path)
        .values("parent_path")
        .annotate(pages=Count("id"))
        .order_by()
    )
    by_path = {row["parent_path"]: row["pages"] for row in counts}
    return {section.id: by_path.get(section.path, 0) for section in sections}


# The page about urgent care: the navigator leads to it, and a phone always saves it.
URGENT_CARE_SLUG = "when-back-pain-needs-urgent-care"

# What each page type stores as content and as its picture, for size estimates.
_MEASURED = {
    ArticlePage: ("body", "hero_image__file_size"),
    StretchGuidePage: ("steps", "illustration__file_size"),
    RoutinePage: ("items", None),
}


def _sizes(model) -> dict:
    """Aggregates of pages, characters of stored content and bytes of original pictures."""
    content, picture = _MEASURED[model]
    sizes = {
        "pages": Count("id"),
        # StreamFields are JSON (jsonb on PostgreSQL): measure their text.
        "text": Sum(Length(Cast(content, TextField()))) + Sum(Length("summary")),
    }
    return sizes | ({"pictures": Sum(picture)} if picture else {})


def always_saved_articles() -> QuerySet:
    """Articles a phone saves whatever sections the reader chooses: the safety net."""
    return _public(ArticlePage.objects.filter(slug=URGENT_CARE_SLUG))


def stored_sizes_by_section(sections: list[Page]) -> dict[int, dict]:
    """Per section: public pages, characters of stored content, bytes of original pictures,
    leaving out routines and the articles always saved (see ``stored_sizes_always_saved``).

    One aggregate query per page type (two), whatever the library's size.
    """
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    by_path = {}
    for model in (ArticlePage, StretchGuidePage):
        queryset = _public(model.objects.all()).exclude(slug=URGENT_CARE_SLUG)
        grouped = queryset.annotate(parent_path=parent_path).values("parent_path")
        for row in grouped.annotate(**_sizes(model)).order_by():
            by_path[row["parent_path"]] = row
    empty = {"pages": 0, "text": 0, "pictures": 0}
    return {section.id: by_path.get(section.path, empty) for section in sections}


def stored_sizes_always_saved() -> dict:
    """The same figures for what is saved whatever the sections: routines and the safety
    net's article. Two aggregate queries."""
    total = {"pages": 0, "text": 0, "pictures": 0}
    for model, queryset in (
        (RoutinePage, _public(RoutinePage.objects.all())),
        (ArticlePage, always_saved_articles()),
    ):
        row = queryset.aggregate(**_sizes(model))
        for key in total:
            total[key] += row.get(key) or 0
    return total


def sections_of_pages(page_ids) -> dict[int, int]:
    """Each page's parent (its section), in one query, for the changes feed."""
    parent = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    ).values("id")[:1]
    rows = Page.objects.filter(id__in=page_ids).annotate(parent_id=Subquery(parent))
    return dict(rows.values_list("id", "parent_id"))


def public_sections() -> list[Page]:
    sections = list(_public(SectionPage.objects.all())) + list(
        _public(StretchIndexPage.objects.all())
    )
    return sorted(sections, key=lambda section: section.path)


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
