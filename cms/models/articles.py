from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import ArticleBodyBlock
from cms.forms import LibraryPageForm

from .library import LibraryPage


class ArticlePage(LibraryPage):
    """A plain-language article about a condition, a cause, a treatment or self-care."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(ArticleBodyBlock())

    content_panels = LibraryPage.content_panels + [
        FieldPanel("summary"),
        *LibraryPage.safety_net_panels,
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(LibraryPage.taxonomy_panels, heading="Muscles involved and where it hurts"),
        MultiFieldPanel(LibraryPage.link_panels, heading="Related pages and references"),
        FieldPanel("call_to_action"),
        *LibraryPage.review_panels,
    ]

    search_fields = LibraryPage.search_fields + [index.SearchField("body")]
    base_form_class = LibraryPageForm
    api_fields = LibraryPage.api_fields + [APIField("hero_image"), APIField("body")]

    parent_page_types = ["cms.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article"
