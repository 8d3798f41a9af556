"""Muscles, body regions, sections and the clinic."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.models import BodyRegion, StretchIndexPage

from .context import representation_context
from .references import (
    CallSerializer,
    CallToActionSerializer,
    PageURLField,
    SafetyNetSerializer,
    TaxonomyRefSerializer,
    call_data,
    safety_net_data,
)


class MuscleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    location = serializers.CharField()
    action = serializers.CharField(help_text="What the muscle does.")
    pain_pattern = serializers.CharField(help_text="Where its pain is felt.")
    regions = TaxonomyRefSerializer(many=True)


class RegionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    description = serializers.CharField()
    view = serializers.ChoiceField(
        choices=BodyRegion.View.choices, help_text="Body-map side showing it."
    )
    muscles = TaxonomyRefSerializer(many=True, help_text="Muscles that may refer pain here.")


class SectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    intro = serializers.CharField()
    kind = serializers.SerializerMethodField()
    url = PageURLField()

    def get_kind(self, section) -> str:
        return "stretches" if isinstance(section, StretchIndexPage) else "articles"


class ClinicSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.EmailField()
    booking_url = serializers.CharField()
    address = serializers.CharField()
    opening_hours = serializers.CharField()
    booking_page_url = serializers.SerializerMethodField()
    default_cta = serializers.SerializerMethodField()
    emergency_call = serializers.SerializerMethodField()
    urgent_call = serializers.SerializerMethodField()
    safety_net = serializers.SerializerMethodField(
        help_text="The clinic's default safety net, which every page's own signs add to."
    )

    @extend_schema_field(CallSerializer)
    def get_emergency_call(self, clinic):
        return call_data(clinic.emergency_label, clinic.emergency_number)

    @extend_schema_field(CallSerializer)
    def get_urgent_call(self, clinic):
        return call_data(clinic.urgent_label, clinic.urgent_number)

    @extend_schema_field(SafetyNetSerializer)
    def get_safety_net(self, clinic):
        levels = representation_context(self.context).default_safety_net.levels()
        return safety_net_data(levels, self.context)

    def get_booking_page_url(self, clinic) -> str | None:
        return representation_context(self.context).booking_page_url

    @extend_schema_field(CallToActionSerializer(allow_null=True))
    def get_default_cta(self, clinic):
        cta = clinic.live_default_cta()
        return CallToActionSerializer(cta, context=self.context).data if cta else None
