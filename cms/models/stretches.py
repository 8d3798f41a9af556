from django.core.validators import MinValueValidator
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.blocks import StretchStepsBlock
from cms.forms import LibraryPageForm

from .library import LibraryPage

PLAIN_TEXT_FEATURES = ["bold", "italic", "link", "ul"]


class StretchGuidePage(LibraryPage):
    """A step-by-step stretch whose dosage is data, so the offline player can run it."""

    class Difficulty(models.TextChoices):
        GENTLE = "gentle", "Gentle"
        MODERATE = "moderate", "Moderate"
        CHALLENGING = "challenging", "Challenging"

    class Sides(models.TextChoices):
        BOTH = "both", "Each side in turn"
        LEFT = "left", "Left side only"
        RIGHT = "right", "Right side only"
        NONE = "none", "Both sides at once (not one-sided)"

    purpose = RichTextField(features=PLAIN_TEXT_FEATURES)
    difficulty = models.CharField(
        max_length=12, choices=Difficulty.choices, default=Difficulty.GENTLE
    )
    equipment = models.CharField(max_length=200, default="None")
    start_position = RichTextField(features=PLAIN_TEXT_FEATURES)
    steps = StreamField(StretchStepsBlock())
    # At least one of each: a guide with none has nothing for the player to count.
    repetitions = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    sets = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    sides = models.CharField(max_length=5, choices=Sides.choices, default=Sides.BOTH)
    rest_seconds = models.PositiveSmallIntegerField(default=15)
    safety_notes = RichTextField(features=PLAIN_TEXT_FEATURES)
    when_not_to_do_it = RichTextField(features=PLAIN_TEXT_FEATURES)
    illustration = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = LibraryPage.content_panels + [
        FieldPanel("summary"),
        *LibraryPage.safety_net_panels,
        FieldPanel("when_not_to_do_it"),
        FieldPanel("safety_notes", heading="Stop if…"),
        FieldPanel("purpose"),
        FieldPanel("illustration"),
        FieldRowPanel([FieldPanel("difficulty"), FieldPanel("equipment")]),
        FieldPanel("start_position"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repetitions"), FieldPanel("sets")]),
                FieldRowPanel([FieldPanel("sides"), FieldPanel("rest_seconds")]),
            ],
            heading="Dosage",
        ),
        MultiFieldPanel(LibraryPage.taxonomy_panels, heading="Target muscles and where it helps"),
        MultiFieldPanel(LibraryPage.link_panels, heading="Related pages and references"),
        FieldPanel("call_to_action"),
        *LibraryPage.review_panels,
    ]

    base_form_class = LibraryPageForm
    search_fields = LibraryPage.search_fields + [
        index.SearchField("purpose"),
        index.SearchField("steps"),
        index.FilterField("difficulty"),
    ]
    api_fields = LibraryPage.api_fields + [
        APIField(name)
        for name in (
            "purpose",
            "difficulty",
            "equipment",
            "start_position",
            "steps",
            "repetitions",
            "sets",
            "sides",
            "rest_seconds",
            "safety_notes",
            "when_not_to_do_it",
            "illustration",
        )
    ]

    parent_page_types = ["cms.StretchIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "stretch guide"
