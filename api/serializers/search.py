from rest_framework import serializers

from .links import PAGE_TYPE_CHOICES, PAGE_TYPE_NAMES
from .references import PageURLField


class SearchResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.SerializerMethodField()
    title = serializers.CharField()
    summary = serializers.CharField()
    url = PageURLField()

    def get_type(self, page) -> str:
        return PAGE_TYPE_NAMES[type(page)]


class SearchIndexDocSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.ChoiceField(choices=PAGE_TYPE_CHOICES)
    title = serializers.CharField()
    summary = serializers.CharField()
    path = serializers.CharField(help_text="The page's path on this site.")
    n = serializers.IntegerField(help_text="How many distinct words the title has.")
    lead = serializers.CharField(help_text="The title's first word (the page's subject).")


class SearchIndexSerializer(serializers.Serializer):
    """Documents ``/api/v1/search/index/``, which returns the index as built."""

    format = serializers.IntegerField(help_text="Changes when the layout of this document does.")
    version = serializers.CharField(help_text="Changes when the library or the synonyms do.")
    fields = serializers.ListField(child=serializers.CharField(), help_text="Bit i of a mask.")
    params = serializers.DictField(help_text="Weights and limits the ranking uses.")
    stopwords = serializers.ListField(child=serializers.CharField())
    synonyms = serializers.ListField(
        child=serializers.ListField(),
        help_text="[reader's phrase as words, [each library term as words]].",
    )
    docs = SearchIndexDocSerializer(many=True)
    terms = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="Word -> [doc position, field mask, doc position, field mask, ...].",
    )
