from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import selectors
from cms.content_checks import reading_minutes
from cms.models import ArticlePage, RoutinePage, StretchGuidePage

from .links import PAGE_TYPE_CHOICES, PAGE_TYPE_NAMES
from .pages import stretch_total_seconds
from .references import ImageSerializer, PageURLField, TaxonomyRefSerializer, image_data
from .routines import routine_total_seconds


class SearchResultListSerializer(serializers.ListSerializer):
    """Fetches what the cards show for the whole page of results at once."""

    def to_representation(self, data):
        pages = list(data)
        selectors.prefetch_card_parts(pages)
        return super().to_representation(pages)


class SearchResultSerializer(serializers.Serializer):
    """A hit as a card: what it is, its picture, how long it takes and where in the body."""

    id = serializers.IntegerField()
    type = serializers.SerializerMethodField()
    title = serializers.CharField()
    summary = serializers.CharField()
    url = PageURLField()
    image = serializers.SerializerMethodField(
        help_text="An article's hero image or a stretch guide's illustration."
    )
    difficulty = serializers.SerializerMethodField(help_text="Stretch guides only.")
    reading_minutes = serializers.SerializerMethodField(help_text="Articles only.")
    total_seconds = serializers.SerializerMethodField(
        help_text="Stretch guides and routines: how long one session takes."
    )
    regions = TaxonomyRefSerializer(many=True)

    class Meta:
        list_serializer_class = SearchResultListSerializer

    def get_type(self, page) -> str:
        return PAGE_TYPE_NAMES[type(page)]

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_image(self, page):
        image = getattr(page, "hero_image", None) or getattr(page, "illustration", None)
        return image_data(image, image.description, self.context) if image else None

    @extend_schema_field(
        serializers.ChoiceField(choices=StretchGuidePage.Difficulty.choices, allow_null=True)
    )
    def get_difficulty(self, page):
        return getattr(page, "difficulty", None)

    def get_reading_minutes(self, page) -> int | None:
        return reading_minutes(page) if isinstance(page, ArticlePage) else None

    def get_total_seconds(self, page) -> int | None:
        if isinstance(page, StretchGuidePage):
            return stretch_total_seconds(page)
        if isinstance(page, RoutinePage):
            return routine_total_seconds(page, self.context)
        return None


class SearchIndexDocSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.ChoiceField(choices=PAGE_TYPE_CHOICES)
    title = serializers.CharField()
    summary = serializers.CharField()
    path = serializers.CharField(help_text="The page's path on this site.")
    n = serializers.IntegerField(help_text="How many distinct words the title has.")
    lead = serializers.CharField(help_text="The title's first word (the page's subject).")


class SearchIndexBlockSerializer(serializers.Serializer):
    docs = SearchIndexDocSerializer(many=True)
    terms = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="Word -> [doc position in this block, field mask, ...], each position "
        "given as the gap from the one before (the first from 0).",
    )


class SearchIndexSerializer(serializers.Serializer):
    """Documents ``/api/v1/search/index/``, which returns the index as stored."""

    format = serializers.IntegerField(help_text="Changes when the layout of this document does.")
    version = serializers.CharField(help_text="Changes when the library or the synonyms do.")
    fields = serializers.ListField(child=serializers.CharField(), help_text="Bit i of a mask.")
    params = serializers.DictField(help_text="Weights and limits the ranking uses.")
    stopwords = serializers.ListField(child=serializers.CharField())
    synonyms = serializers.ListField(
        child=serializers.ListField(),
        help_text="[reader's phrase as words, [each library term as words]].",
    )
    blocks = SearchIndexBlockSerializer(
        many=True,
        help_text="The pages in blocks (by page id); a publish changes one block. The "
        "index's doc numbers run through the blocks in order.",
    )
