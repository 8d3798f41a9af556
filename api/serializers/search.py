from rest_framework import serializers

from .context import representation_context
from .links import PAGE_TYPE_NAMES


class SearchResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.SerializerMethodField()
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_type(self, page) -> str:
        return PAGE_TYPE_NAMES[type(page)]

    def get_url(self, page) -> str:
        return representation_context(self.context).page_url(page)
