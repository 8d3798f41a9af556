"""StreamField blocks as typed JSON: ``{"id", "type", "value"}`` with a documented value per type.

Rich text is safe HTML from Wagtail's rich text rewriter, with internal links
made absolute so a copy on another site or phone still points home. Links to
pages are resolved here rather than by Wagtail, for two reasons: a link to a
page the public cannot see must not reveal its address (the link text stays,
the link goes), and Wagtail would look the pages up once per rich text value,
where a page's whole representation needs one query (see ``LinkedPages``).
"""

import re
from collections.abc import Iterator

from django.utils.html import escape
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wagtail.rich_text import expand_db_html

from .context import representation_context
from .links import LinkedPages
from .references import image_data

ROOT_RELATIVE_LINK = re.compile(r'(href|src)="(/[^"]*)"')
# Wagtail stores a page link as <a linktype="page" id="42">; anchors never nest.
STORED_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
LINK_ID = re.compile(r'\bid="(\d+)"')

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


def _page_link_id(attributes: str) -> int | None:
    if 'linktype="page"' not in attributes:
        return None
    found = LINK_ID.search(attributes)
    return int(found[1]) if found else None


def rich_text_page_ids(stored_html: str) -> set[int]:
    ids = (_page_link_id(match[1]) for match in STORED_LINK.finditer(stored_html))
    return {page_id for page_id in ids if page_id is not None}


def link_public_pages(stored_html: str, page_urls: dict[int, str]) -> str:
    """Page links as plain ``href``s to public pages; links to any other page unwrapped."""

    def rewrite(match):
        page_id = _page_link_id(match[1])
        if page_id is None:
            return match[0]
        url = page_urls.get(page_id)
        return f'<a href="{escape(url)}">{match[2]}</a>' if url else match[2]

    return STORED_LINK.sub(rewrite, stored_html)


def public_html(ctx, stored_html: str, page_urls: dict[int, str] | None = None) -> str:
    """Wagtail's stored rich text as public HTML with absolute links.

    With ``page_urls`` (public page id -> URL) page links are resolved from it;
    without, Wagtail looks each page up itself.
    """
    if page_urls is not None:
        stored_html = link_public_pages(stored_html, page_urls)
    expanded = expand_db_html(stored_html)
    return ROOT_RELATIVE_LINK.sub(lambda match: f'{match[1]}="{ctx.absolute(match[2])}"', expanded)


class RichTextField(serializers.CharField):
    """A ``RichTextField`` of the page, as public HTML."""

    def to_representation(self, value):
        links = self.context.get("linked_pages")
        page_urls = links.urls if links is not None else None
        return public_html(representation_context(self.context), value, page_urls)


class BlockRenderer:
    def __init__(self, context: dict, links: LinkedPages):
        self.context = context
        self.ctx = links.ctx
        self.links = links

    def html(self, rich_text) -> str:
        return public_html(self.ctx, getattr(rich_text, "source", rich_text), self.links.urls)

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
        if value["image"] is None:  # deleted from the library since: nothing to show
            return None
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
        """Every block as ``{id, type, value}``, leaving out those with nothing left to show."""
        blocks = []
        for block in stream_value:
            value = getattr(self, block.block_type)(block.value)
            if value is not None:
                blocks.append({"id": block.id, "type": block.block_type, "value": value})
        return blocks


def rich_text_in(stream_value) -> Iterator[str]:
    """The stored HTML of every rich text inside a body's blocks."""
    for block in stream_value:
        if block.block_type == "text":
            yield block.value.source
        elif block.block_type == "callout":
            yield block.value["text"].source
        elif block.block_type == "questions":
            yield from (item["answer"].source for item in block.value)


def linked_page_ids(stream_value) -> set[int]:
    """Page ids a body links to through blocks (as cards; rich text links go by URL)."""
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
