"""What saving the library for offline reading will take, before the reader starts.

At a few thousand articles "Save the library" means tens of megabytes and
thousands of requests; a phone should say so first and offer parts of it. Sizes
are estimates from what is stored (content length and picture files), computed
in a constant number of queries; the saved copy is usually smaller, as phones
get resized pictures.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from api import selectors
from api.serializers.catalogue import SectionSerializer
from cms.site_url import absolute_url

from .base import PublicReadMixin

# A saved page is its HTML (the site's header, navigation and footer around the
# content) and its JSON (the content again, with links and JSON-LD): about this
# much besides the content itself, measured on the demo library.
PAGE_OVERHEAD_BYTES = 14_000
CONTENT_COPIES = 2  # the content is in the HTML and in the JSON
ARTICLE = "api:article-detail"
LISTINGS = 4  # the home page, search, the diary and the body map (offline-library.js)


class OfflinePartSerializer(serializers.Serializer):
    pages = serializers.IntegerField(help_text="Pages to save (each as HTML and JSON).")
    bytes = serializers.IntegerField(help_text="Estimated download, pictures included.")


class OfflineSectionSerializer(SectionSerializer, OfflinePartSerializer):
    pass


class OfflineItemSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="As in the changes feed: article, stretch, routine.")
    id = serializers.IntegerField()
    api_url = serializers.URLField()


class OfflineEssentialsSerializer(OfflinePartSerializer):
    items = OfflineItemSerializer(
        many=True,
        help_text="Library pages saved whatever the sections: the page about urgent care. "
        "(Routines are saved too, whatever their section.)",
    )


class OfflinePlanSerializer(serializers.Serializer):
    essentials = OfflineEssentialsSerializer(
        help_text="Always saved: the home page and its help strip, search, the diary, the "
        "body map and its region pages, the booking page, routines and the page about "
        "urgent care."
    )
    sections = OfflineSectionSerializer(many=True, help_text="Each can be saved or left out.")
    total = OfflinePartSerializer(help_text="Everything: the essentials and every section.")
    changes = serializers.URLField(help_text="The changes feed a saved copy is updated from.")


def _estimate(pages: int, text: int, pictures: int) -> dict:
    return {
        "pages": pages,
        "bytes": pages * PAGE_OVERHEAD_BYTES + CONTENT_COPIES * text + pictures,
    }


@extend_schema(responses=OfflinePlanSerializer)
class OfflinePlanView(PublicReadMixin, APIView):
    """Pages and estimated bytes of an offline copy: in all, and per section."""

    def fresh(self, request, *args, **kwargs):
        sections = selectors.public_sections()
        sizes = selectors.stored_sizes_by_section(sections)
        shapes = SectionSerializer(sections, many=True, context={"request": request}).data
        parts = []
        for section, shape in zip(sections, shapes, strict=True):
            size = sizes[section.id]
            # Its pages, and the section's own list of them.
            estimate = _estimate(size["pages"] + 1, size["text"] or 0, size["pictures"] or 0)
            parts.append({**shape, **estimate})
        # Routines and the urgent-care page; home, search, the diary, the body map, one
        # page per region and the booking page.
        always = selectors.stored_sizes_always_saved()
        listings = LISTINGS + selectors.live_regions().count()
        listings += selectors.public_booking_page() is not None
        essentials = _estimate(always["pages"] + listings, always["text"], always["pictures"])
        essentials["items"] = [
            {"type": "article", "id": pk, "api_url": absolute_url(reverse(ARTICLE, args=[pk]))}
            for pk in selectors.always_saved_articles().values_list("id", flat=True)
        ]
        total = {
            key: essentials[key] + sum(part[key] for part in parts) for key in ("pages", "bytes")
        }
        return Response(
            {
                "essentials": essentials,
                "sections": parts,
                "total": total,
                "changes": absolute_url(reverse("api:changes")),
            }
        )
