"""Listing filters. An unknown slug or a malformed time is a 400, never an empty list."""

import datetime

import django_filters

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError as ParameterError

from wagtail.models import Page

from cms.models import BodyRegion, Muscle, SectionPage, StretchGuidePage, StretchIndexPage


class NotBlankMixin:
    """A parameter sent with no value is an error, not a filter left off:
    ``?updated_since=`` is no date, and no muscle is called ``""``."""

    def to_python(self, value):
        if value == "":
            raise ValidationError("Give a value, or leave the parameter out.", code="blank")
        return super().to_python(value)


class InstantField(NotBlankMixin, django_filters.fields.IsoDateTimeField):
    """An ISO 8601 time that the database can store, handed over in UTC.

    ``0001-01-01T00:00:00+14:00`` parses, but is in year 0 in UTC and would
    overflow the query rather than fail validation; an offset such as ``+22:20``
    parses too, but PostgreSQL refuses it, so the query always gets UTC.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise ValidationError("Enter a date and time between years 1 and 9999.") from None


class InstantFilter(django_filters.IsoDateTimeFilter):
    field_class = InstantField


class NotBlankChoiceField(NotBlankMixin, django_filters.fields.ChoiceField):
    pass


class NotBlankChoiceFilter(django_filters.ChoiceFilter):
    field_class = NotBlankChoiceField


class NotBlankModelChoiceField(NotBlankMixin, django_filters.fields.ModelChoiceField):
    pass


class SlugFilter(django_filters.ModelChoiceFilter):
    """One object by slug; an unknown slug is a 400 naming the parameter."""

    field_class = NotBlankModelChoiceField


class StrictOrderingFilter(django_filters.OrderingFilter):
    """``?ordering=`` or ``?ordering=title,`` names no order: a 400, not the default."""

    def filter(self, qs, value):
        if value is not None and (not value or "" in value):
            choices = ", ".join(name for name, _label in self.field.choices if name)
            raise ParameterError({self.field_name: [f"Give one or more of {choices}."]})
        return super().filter(qs, value)


def _sections(request):
    return Page.objects.type(SectionPage, StretchIndexPage).live().public()


class LibraryPageFilter(django_filters.FilterSet):
    section = SlugFilter(
        queryset=_sections,
        to_field_name="slug",
        method="in_section",
        help_text="Section slug, as listed by /api/v1/sections/.",
    )
    muscle = SlugFilter(
        field_name="muscles",
        queryset=Muscle.objects.filter(live=True),
        to_field_name="slug",
        help_text="Muscle slug, as listed by /api/v1/muscles/.",
    )
    region = SlugFilter(
        field_name="regions",
        queryset=BodyRegion.objects.filter(live=True),
        to_field_name="slug",
        help_text="Body region slug, as listed by /api/v1/regions/.",
    )
    updated_since = InstantFilter(
        field_name="last_published_at",
        lookup_expr="gte",
        help_text="ISO 8601 date and time, e.g. 2026-11-01T00:00:00Z.",
    )
    ordering = StrictOrderingFilter(
        fields=(("last_published_at", "updated_at"), ("title", "title")),
        help_text="updated_at, -updated_at, title or -title (default: title).",
    )

    @staticmethod
    @extend_schema_field(OpenApiTypes.STR)  # a slug, whatever the queryset holds
    def in_section(queryset, name, section):
        return queryset.child_of(section)


class StretchFilter(LibraryPageFilter):
    difficulty = NotBlankChoiceFilter(choices=StretchGuidePage.Difficulty.choices)
