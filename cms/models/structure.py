"""The pages that give the library its shape: home, sections, and booking."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    intro = models.TextField(max_length=400)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.SectionPage", "cms.StretchIndexPage", "cms.BookingPage"]

    class Meta:
        verbose_name = "home page"


class SectionPage(Page):
    """A way into the library (conditions, causes, treatments, self-care) holding articles."""

    intro = models.TextField(max_length=400)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]

    class Meta:
        verbose_name = "section"


class StretchIndexPage(Page):
    """The stretches section: stretch guides, and routines made of them."""

    intro = models.TextField(max_length=400)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StretchGuidePage", "cms.RoutinePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "stretches section"


class BookingPage(Page):
    """The on-site booking request page that "form" calls to action lead to."""

    intro = RichTextField(features=["bold", "italic", "link", "ul"])
    privacy_note = RichTextField(
        features=["bold", "italic", "link"],
        help_text="What the clinic does with the details people send.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("privacy_note")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "booking page"
