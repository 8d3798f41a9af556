"""Muscles, body regions, sections and the clinic: small, unpaginated lists."""

from rest_framework.generics import ListAPIView, RetrieveAPIView

from api import selectors
from api.serializers.catalogue import (
    ClinicSerializer,
    MuscleSerializer,
    RegionSerializer,
    SectionSerializer,
)
from cms.models import ClinicSettings

from .base import PublicReadMixin


class MuscleListView(PublicReadMixin, ListAPIView):
    """Every muscle, with the body regions where its pain is felt."""

    serializer_class = MuscleSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.muscles()


class RegionListView(PublicReadMixin, ListAPIView):
    """Every body region, with the muscles that may refer pain to it."""

    serializer_class = RegionSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.regions()


class SectionListView(PublicReadMixin, ListAPIView):
    """The library's sections, in site order."""

    serializer_class = SectionSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.public_sections()


class ClinicView(PublicReadMixin, RetrieveAPIView):
    """The clinic's contact details and its default call to action."""

    serializer_class = ClinicSerializer

    def get_object(self):
        return ClinicSettings.for_request(self.request)
