"""Links from one page to others, limited to what the public can see."""

from functools import cached_property

from rest_framework import serializers

from wagtail.models import Page

from api import selectors
from cms.models import ArticlePage, RoutinePage, StretchGuidePage

PAGE_TYPE_NAMES = {ArticlePage: "article", StretchGuidePage: "stretch", RoutinePage: "routine"}
# Named in the schema as ``PageTypeEnum`` (settings' ``ENUM_NAME_OVERRIDES``).
PAGE_TYPE_CHOICES = list(PAGE_TYPE_NAMES.values())


class PageLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.ChoiceField(choices=PAGE_TYPE_CHOICES)
    title = serializers.CharField()
    url = serializers.URLField()
    summary = serializers.CharField()


class LinkedPages:
    """Every page a detail view links to, fetched in one query, public pages only.

    A link to a draft, an unpublished or a private page simply disappears from
    the public representation rather than leaking its title or address.
    """

    def __init__(self, ctx, page_ids, rich_text_page_ids=()):
        self.ctx = ctx
        self.page_ids = set(page_ids)
        self.rich_text_page_ids = set(rich_text_page_ids)

    @cached_property
    def pages(self) -> dict[int, Page]:
        return {
            page.id: page
            for page in selectors.public_pages()
            .filter(id__in=self.page_ids)
            .type(ArticlePage, StretchGuidePage)
            .specific()
        }

    @cached_property
    def urls(self) -> dict[int, str]:
        """Addresses of the public pages (of any type) that rich text links to."""
        if not self.rich_text_page_ids:
            return {}
        pages = selectors.public_pages().filter(id__in=self.rich_text_page_ids)
        return {page.id: self.ctx.page_url(page) for page in pages}

    def link(self, page_id) -> dict | None:
        page = self.pages.get(page_id)
        if page is None:
            return None
        return {
            "id": page.id,
            "type": PAGE_TYPE_NAMES[type(page)],
            "title": page.title,
            "url": self.ctx.page_url(page),
            "summary": page.summary,
        }
