"""Where pain is felt (body regions) and the muscles that may cause it.

Both are moderated snippets (``ModeratedSnippet``) with stable slugs: the API
filters on them and the "where does it hurt?" body map is drawn from the regions.
"""

from django.db import models

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .moderation import ModeratedSnippet


class BodyRegion(ModeratedSnippet, index.Indexed, models.Model):
    class View(models.TextChoices):
        FRONT = "front", "Front"
        BACK = "back", "Back"
        BOTH = "both", "Front and back"

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=250, blank=True)
    view = models.CharField(
        max_length=5,
        choices=View.choices,
        default=View.BACK,
        help_text="Which side of the body map shows this region.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("view")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "body region"

    def __str__(self):
        return self.name


class Muscle(ModeratedSnippet, index.Indexed, ClusterableModel):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    location = models.TextField(help_text="Where it is, in plain language.")
    action = models.TextField("what it does")
    pain_pattern = models.TextField("where its pain is felt")
    regions = ParentalManyToManyField(
        BodyRegion,
        blank=True,
        related_name="muscles",
        help_text="Regions where pain from this muscle is felt.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("location"),
        FieldPanel("action"),
        FieldPanel("pain_pattern"),
        FieldPanel("regions"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
