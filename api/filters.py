"""Listing filters. An unknown slug or a malformed time is a 400, never an empty list."""

import django_filters

from wagtail.models import Page

from cms.models import BodyRegion, Muscle, SectionPage, StretchGuidePage, StretchIndexPage


def _sections(request):
    return Page.objects.type(SectionPage, StretchIndexPage).live().public()


class LibraryPageFilter(django_filters.FilterSet):
    section = django_filters.ModelChoiceFilter(
        queryset=_sections,
        to_field_name="slug",
        method="in_section",
        help_text="Section slug, as listed by /api/v1/sections/.",
    )
    muscle = django_filters.ModelChoiceFilter(
        field_name="muscles",
        queryset=Muscle.objects.all(),
        to_field_name="slug",
        help_text="Muscle slug, as listed by /api/v1/muscles/.",
    )
    region = django_filters.ModelChoiceFilter(
        field_name="regions",
        queryset=BodyRegion.objects.all(),
        to_field_name="slug",
        help_text="Body region slug, as listed by /api/v1/regions/.",
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="last_published_at",
        lookup_expr="gte",
        help_text="ISO 8601 date and time, e.g. 2026-11-01T00:00:00Z.",
    )
    ordering = django_filters.OrderingFilter(
        fields=(("last_published_at", "updated_at"), ("title", "title")),
        help_text="updated_at, -updated_at, title or -title (default: title).",
    )

    @staticmethod
    def in_section(queryset, name, section):
        return queryset.child_of(section)


class StretchFilter(LibraryPageFilter):
    difficulty = django_filters.ChoiceFilter(choices=StretchGuidePage.Difficulty.choices)
