from rest_framework import serializers

from .links import PAGE_TYPE_NAMES
from .references import PageURLField


class SearchResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.SerializerMethodField()
    title = serializers.CharField()
    summary = serializers.CharField()
    url = PageURLField()

    def get_type(self, page) -> str:
        return PAGE_TYPE_NAMES[type(page)]
