"""Small shared shapes: taxonomy references, review, call to action, images, links."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .context import representation_context

# Phone-sized renditions; ``preserve-svg`` keeps drawings as crisp SVG.
IMAGE_RENDITIONS = {
    "small": "width-400|format-webp|preserve-svg",
    "medium": "width-800|format-webp|preserve-svg",
}


class TaxonomyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()


@extend_schema_field(serializers.URLField(help_text="The public web page."))
class PageURLField(serializers.Field):
    """A page's absolute public address (empty for a page previewed before its first save)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return representation_context(self.context).page_url(page)


class SectionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    url = PageURLField()


class ReviewerSerializer(serializers.Serializer):
    name = serializers.CharField(source="reviewer_name")
    credentials = serializers.CharField(source="reviewer_credentials")


class ReviewSerializer(serializers.Serializer):
    """Live pages are always reviewed; only a preview of a new page has null dates."""

    last_reviewed = serializers.DateField(allow_null=True)
    next_review_due = serializers.DateField(allow_null=True)
    reviewer = ReviewerSerializer(source="*")


def tel_href(number: str) -> str:
    """A ``tel:`` address for a phone number as people write it."""
    return "tel:" + "".join(ch for ch in number or "" if ch.isdigit() or ch == "+")


class CallSerializer(serializers.Serializer):
    """A number to ring for help, as a tap-to-call button shows it."""

    label = serializers.CharField(help_text='What the button says, e.g. "NHS 111".')
    number = serializers.CharField()
    href = serializers.CharField(help_text="A tel: link.")


def call_data(label: str, number: str) -> dict:
    return {"label": label, "number": number, "href": tel_href(number)}


class SafetyNetSerializer(serializers.Serializer):
    """When to get help, most urgent first: the page's own signs, then the clinic's default."""

    emergency = serializers.ListField(
        child=serializers.CharField(), help_text="Call 999 or go to A&E now."
    )
    urgent = serializers.ListField(
        child=serializers.CharField(), help_text="Same day: NHS 111 or an urgent GP appointment."
    )
    gp_soon = serializers.ListField(child=serializers.CharField(), help_text="See a GP soon.")
    self_care = serializers.ListField(child=serializers.CharField(), help_text="Self-care.")
    emergency_call = CallSerializer()
    urgent_call = CallSerializer()


def safety_net_data(levels: dict, context: dict) -> dict:
    """A resolved safety net with the clinic's emergency and urgent numbers to call."""
    clinic = representation_context(context).clinic
    return {
        **levels,
        "emergency_call": call_data(clinic.emergency_label, clinic.emergency_number),
        "urgent_call": call_data(clinic.urgent_label, clinic.urgent_number),
    }


class CallToActionSerializer(serializers.Serializer):
    heading = serializers.CharField()
    text = serializers.CharField()
    button_label = serializers.CharField()
    action = serializers.ChoiceField(choices=["phone", "email", "url", "form"])
    href = serializers.SerializerMethodField(help_text="Where the button leads.")

    def get_href(self, cta) -> str | None:
        ctx = representation_context(self.context)
        clinic = ctx.clinic
        if cta.action == "phone":
            return tel_href(clinic.phone)
        if cta.action == "email":
            return f"mailto:{clinic.email}"
        if cta.action == "url":
            return cta.url
        return ctx.booking_page_url


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class ImageSerializer(serializers.Serializer):
    """An image as phone-sized renditions; ``url`` is the medium one."""

    id = serializers.IntegerField()
    alt = serializers.CharField()
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = serializers.DictField(child=RenditionSerializer())


def image_data(image, alt: str, context: dict) -> dict:
    ctx = representation_context(context)
    # Keyed by the cleaned spec (SVGs drop their format step), in the order asked.
    renditions = image.get_renditions(*IMAGE_RENDITIONS.values()).values()
    # Whole pixels: Willow measures SVGs in floats, and a new rendition keeps them.
    sizes = {
        name: {
            "url": ctx.absolute(rendition.url),
            "width": round(rendition.width),
            "height": round(rendition.height),
        }
        for name, rendition in zip(IMAGE_RENDITIONS, renditions, strict=True)
    }
    return {"id": image.id, "alt": alt or image.description, **sizes["medium"], "renditions": sizes}


@extend_schema_field(ImageSerializer(allow_null=True))
class ImageField(serializers.Field):
    """A Wagtail image, described by its ``description`` for readers who cannot see it.

    The title names the file for editors ("IMG_0042"); an image with no
    description is decorative, and its empty ``alt`` tells screen readers to skip it.
    """

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, image):
        return image_data(image, image.description, self.context)


class LicenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()


def licence_data() -> dict:
    return dict(settings.CONTENT_LICENCE)
