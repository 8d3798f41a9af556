"""Articles and stretch guides: a summary shape for lists, a full shape for details."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from api import jsonld
from cms import dosage
from cms.content_checks import reading_minutes
from cms.models import StretchGuidePage
from cms.site_url import absolute_url

from .blocks import (
    RichTextField,
    StreamBodyField,
    linked_page_ids,
    rich_text_in,
    rich_text_page_ids,
)
from .context import representation_context
from .links import PAGE_TYPE_NAMES, LinkedPages, PageLinkSerializer
from .references import (
    CallToActionSerializer,
    ImageField,
    LicenceSerializer,
    PageURLField,
    ReviewSerializer,
    SafetyNetSerializer,
    SectionRefSerializer,
    TaxonomyRefSerializer,
    licence_data,
    safety_net_data,
)


class ReferenceSerializer(serializers.Serializer):
    """A source the page cites; only the title is always there."""

    title = serializers.CharField()
    publisher = serializers.CharField(allow_null=True)
    year = serializers.IntegerField(allow_null=True)
    url = serializers.URLField(allow_null=True)


class LibraryPageSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.SerializerMethodField()
    title = serializers.CharField()
    slug = serializers.SlugField()
    url = PageURLField()
    api_url = serializers.SerializerMethodField(help_text="This resource in the API.")
    summary = serializers.CharField()
    section = serializers.SerializerMethodField()
    muscles = TaxonomyRefSerializer(many=True)
    regions = TaxonomyRefSerializer(many=True)
    review = ReviewSerializer(source="*")
    first_published_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField(source="last_published_at")

    detail_route: str

    def get_type(self, page) -> str:
        return PAGE_TYPE_NAMES[type(page)]

    def get_api_url(self, page) -> str | None:
        if page.id is None:  # previewed before its first save
            return None
        return absolute_url(reverse(self.detail_route, args=[page.id]))

    @extend_schema_field(SectionRefSerializer(allow_null=True))
    def get_section(self, page):
        section = representation_context(self.context).section_of(page)
        return SectionRefSerializer(section, context=self.context).data if section else None


def _after(data: dict, anchor: str, key: str) -> dict:
    """``data`` with ``key`` moved to straight after ``anchor``."""
    value = data.pop(key)
    ordered = {}
    for name, item in data.items():
        ordered[name] = item
        if name == anchor:
            ordered[key] = value
    return ordered


class LibraryPageDetailMixin(serializers.Serializer):
    """Fields only a single page carries: safety net, links, booking, licence, JSON-LD."""

    safety_net = serializers.SerializerMethodField(
        help_text="When to get help. Show it straight after the summary, before any advice."
    )
    related = serializers.SerializerMethodField()
    references = serializers.SerializerMethodField()
    cta = serializers.SerializerMethodField()
    licence = serializers.SerializerMethodField()
    attribution = serializers.SerializerMethodField()
    json_ld = serializers.SerializerMethodField(help_text="schema.org JSON-LD, as the page embeds.")

    def to_representation(self, page):
        body = getattr(page, "body", [])
        ids = {block.value.id for block in page.related_pages if block.value}
        ids |= linked_page_ids(body)
        rich_text = [*rich_text_in(body)] + [
            getattr(page, field.source) or ""
            for field in self.fields.values()
            if isinstance(field, RichTextField)
        ]
        rich_text_ids = set().union(*(rich_text_page_ids(html) for html in rich_text))
        ctx = representation_context(self.context)
        self.context["linked_pages"] = LinkedPages(ctx, ids, rich_text_ids)
        data = super().to_representation(page)
        # Help first, in the JSON too: the safety net follows the summary.
        data = _after(data, "summary", "safety_net")
        # Built from the finished representation, so it can never disagree with it.
        data["json_ld"] = self.json_ld_builder(data, ctx.clinic)
        return data

    @extend_schema_field(SafetyNetSerializer)
    def get_safety_net(self, page):
        default = representation_context(self.context).default_safety_net
        return safety_net_data(page.resolved_safety_net(default), self.context)

    @extend_schema_field(PageLinkSerializer(many=True))
    def get_related(self, page):
        links = self.context["linked_pages"]
        related = (links.link(block.value.id) for block in page.related_pages if block.value)
        return [link for link in related if link]

    @extend_schema_field(ReferenceSerializer(many=True))
    def get_references(self, page):
        # Optional parts left empty in the editor are null, never "".
        return [
            {
                "title": ref.value["title"],
                **{k: ref.value.get(k) or None for k in ("publisher", "year", "url")},
            }
            for ref in page.references
        ]

    @extend_schema_field(CallToActionSerializer(allow_null=True))
    def get_cta(self, page):
        cta = page.get_call_to_action(representation_context(self.context).clinic)
        return CallToActionSerializer(cta, context=self.context).data if cta else None

    @extend_schema_field(LicenceSerializer)
    def get_licence(self, page):
        return licence_data()

    def get_attribution(self, page) -> str:
        ctx = representation_context(self.context)
        return f"{page.title}, {ctx.clinic.name}, {ctx.page_url(page)}"

    @extend_schema_field(serializers.DictField())
    def get_json_ld(self, page):
        return None  # replaced in to_representation, once the other fields exist


class ArticleSummarySerializer(LibraryPageSummarySerializer):
    detail_route = "api:article-detail"
    hero_image = ImageField(allow_null=True)
    reading_minutes = serializers.SerializerMethodField(
        help_text="Whole minutes to read the page (summary and body), at least 1."
    )

    def get_reading_minutes(self, page) -> int:
        return reading_minutes(page)


class ArticleDetailSerializer(ArticleSummarySerializer, LibraryPageDetailMixin):
    body = StreamBodyField()

    json_ld_builder = staticmethod(jsonld.article)


def stretch_total_seconds(page) -> int:
    """A guide once through at its own dosage, as the player runs it."""
    own = {
        field: getattr(page, field) for field in ("repetitions", "sets", "sides", "rest_seconds")
    }
    return dosage.session_seconds([([step["value"] for step in page.steps.raw_data], own)])


class StretchSummarySerializer(LibraryPageSummarySerializer):
    detail_route = "api:stretch-detail"
    difficulty = serializers.ChoiceField(choices=StretchGuidePage.Difficulty.choices)
    sides = serializers.ChoiceField(choices=StretchGuidePage.Sides.choices)
    illustration = ImageField(allow_null=True)
    total_seconds = serializers.SerializerMethodField(
        help_text="How long the guide takes once through at its own dosage, as the player runs it."
    )

    def get_total_seconds(self, page) -> int:
        return stretch_total_seconds(page)


class StretchStepSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    instruction = serializers.CharField()
    hold_seconds = serializers.IntegerField(help_text="0 means a movement, not a hold.")
    position_seconds = serializers.IntegerField(
        allow_null=True, help_text="Time to get into position for a movement; null for the default."
    )
    seconds = serializers.IntegerField(help_text="How long the player stays on this step.")
    image = ImageField(
        allow_null=True,
        help_text="The step's pose. A two-sided stretch's pictures show the left side: mirror "
        "them, and swap left and right in their alt, for the right side.",
    )


def stretch_steps(page, context: dict, *, guides=None) -> list[dict]:
    """``page``'s steps; ``guides``: every guide the request shows, so that all their
    pictures are fetched in one go (a routine embeds many)."""
    pictures = representation_context(context).step_pictures([page, *(guides or ())])
    steps = [
        {
            "position": position,
            "position_seconds": None,  # guides written before the field existed
            **step["value"],
            "image": pictures.get(step["value"].get("image")),
            "seconds": dosage.step_seconds(step["value"]),
        }
        for position, step in enumerate(page.steps.raw_data, start=1)
    ]
    return StretchStepSerializer(steps, many=True, context=context).data


class StretchDetailSerializer(StretchSummarySerializer, LibraryPageDetailMixin):
    purpose = RichTextField(help_text="HTML")
    equipment = serializers.CharField()
    start_position = RichTextField(help_text="HTML")
    steps = serializers.SerializerMethodField()
    repetitions = serializers.IntegerField()
    sets = serializers.IntegerField()
    rest_seconds = serializers.IntegerField()
    safety_notes = RichTextField(help_text="HTML")
    when_not_to_do_it = RichTextField(help_text="HTML")

    @extend_schema_field(StretchStepSerializer(many=True))
    def get_steps(self, page):
        return stretch_steps(page, self.context)

    json_ld_builder = staticmethod(jsonld.stretch)
