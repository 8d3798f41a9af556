"""Routines: an ordered programme of stretch guides, as a clinic hands one to a patient."""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import RoutineItemsBlock

from .library import LibraryPage


class RoutinePage(LibraryPage):
    """Stretch guides in order, each with a dosage that may override the guide's.

    The steps and safety notes stay on the guides, so a routine never disagrees
    with them; the routine adds the order, the dosage and the schedule.
    """

    audience = models.TextField(
        max_length=400, verbose_name="who it is for", help_text="One or two plain sentences."
    )
    schedule = models.CharField(
        max_length=120, help_text='How often and for how long, e.g. "Once a day for two weeks".'
    )
    items = StreamField(RoutineItemsBlock(), verbose_name="stretches")

    content_panels = LibraryPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("schedule"),
        FieldPanel("items"),
        MultiFieldPanel(LibraryPage.taxonomy_panels, heading="Target muscles and where it helps"),
        MultiFieldPanel(LibraryPage.link_panels, heading="Related pages and references"),
        FieldPanel("call_to_action"),
        *LibraryPage.review_panels,
    ]

    search_fields = LibraryPage.search_fields + [index.SearchField("audience")]
    api_fields = LibraryPage.api_fields + [
        APIField("audience"),
        APIField("schedule"),
        APIField("items"),
    ]

    parent_page_types = ["cms.StretchIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "routine"

    def dosages(self) -> list[dict]:
        """Each item's stretch id and the dosage the editor set, read from the stored
        data so no guide is fetched here: the API looks them up, public ones only."""
        return [dict(item["value"]) for item in self.items.raw_data]
