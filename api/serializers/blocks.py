"""StreamField blocks as typed JSON: ``{"id", "type", "value"}`` with a documented value per type.

Rich text is safe HTML from Wagtail's rich text rewriter, with internal links
made absolute so a copy on another site or phone still points home.
"""

import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wagtail.rich_text import expand_db_html

from .context import representation_context
from .links import LinkedPages
from .references import image_data

ROOT_RELATIVE_LINK = re.compile(r'(href|src)="(/[^"]*)"')

BLOCK_TYPES = {
    "heading": '{"text"}',
    "text": '{"html"}',
    "callout": '{"tone": "info|tip|warning", "title", "html"}',
    "care_card": '{"title", "emergency": [str], "see_doctor": [str], "self_care": [str]}',
    "image": '{"image": Image, "caption"}',
    "key_facts": '{"title", "facts": [str]}',
    "questions": '{"items": [{"question", "answer_html"}]}',
    "stretch": '{"stretch": PageLink|null, "note"}',
    "further_reading": '{"links": [{"title", "url", "page": PageLink|null}]}',
}


class BodyBlockSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Stable within the page; usable as an anchor.")
    type = serializers.ChoiceField(choices=list(BLOCK_TYPES))
    value = serializers.JSONField(
        help_text="Shape by type: "
        + "; ".join(f"{name} {shape}" for name, shape in BLOCK_TYPES.items())
    )


def public_html(ctx, stored_html: str) -> str:
    """Wagtail's stored rich text as public HTML with absolute links."""
    expanded = expand_db_html(stored_html)
    return ROOT_RELATIVE_LINK.sub(lambda match: f'{match[1]}="{ctx.absolute(match[2])}"', expanded)


class RichTextField(serializers.CharField):
    """A ``RichTextField`` of the page, as public HTML."""

    def to_representation(self, value):
        return public_html(representation_context(self.context), value)


class BlockRenderer:
    def __init__(self, context: dict, links: LinkedPages):
        self.context = context
        self.ctx = links.ctx
        self.links = links

    def html(self, rich_text) -> str:
        return public_html(self.ctx, getattr(rich_text, "source", rich_text))

    def heading(self, value):
        return {"text": value}

    def text(self, value):
        return {"html": self.html(value)}

    def callout(self, value):
        return {"tone": value["tone"], "title": value["title"], "html": self.html(value["text"])}

    def care_card(self, value):
        levels = ("emergency", "see_doctor", "self_care")
        return {"title": value["title"], **{level: list(value[level]) for level in levels}}

    def image(self, value):
        return {
            "image": image_data(value["image"], value["alt"], self.context),
            "caption": value["caption"],
        }

    def key_facts(self, value):
        return {"title": value["title"], "facts": list(value["facts"])}

    def questions(self, value):
        return {
            "items": [
                {"question": item["question"], "answer_html": self.html(item["answer"])}
                for item in value
            ]
        }

    def stretch(self, value):
        page = value["stretch"]
        return {"stretch": self.links.link(page.id) if page else None, "note": value["note"]}

    def further_reading(self, value):
        links = []
        for item in value:
            if item["page"]:
                page = self.links.link(item["page"].id)
                if page:
                    links.append({"title": item["title"], "url": page["url"], "page": page})
            else:
                links.append({"title": item["title"], "url": item["url"], "page": None})
        return {"links": links}

    def render(self, stream_value) -> list[dict]:
        return [
            {
                "id": block.id,
                "type": block.block_type,
                "value": getattr(self, block.block_type)(block.value),
            }
            for block in stream_value
        ]


def linked_page_ids(stream_value) -> set[int]:
    """Page ids a body links to through blocks (rich text links are expanded by Wagtail)."""
    ids = set()
    for block in stream_value:
        if block.block_type == "stretch" and block.value["stretch"]:
            ids.add(block.value["stretch"].id)
        elif block.block_type == "further_reading":
            ids.update(item["page"].id for item in block.value if item["page"])
    return ids


@extend_schema_field(BodyBlockSerializer(many=True))
class StreamBodyField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, stream_value):
        return BlockRenderer(self.context, self.context["linked_pages"]).render(stream_value)
