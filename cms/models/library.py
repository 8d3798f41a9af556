"""What every article and stretch guide shares: medical review, taxonomy, links, booking.

``LibraryPage`` is abstract; each mixin owns its fields and panels so page
classes read like a form.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import ReferencesBlock, RelatedPagesBlock

from .clinic import ClinicSettings


class MedicalReviewMixin(models.Model):
    """Who last checked the medical content, and when it must be checked again."""

    last_reviewed = models.DateField()
    next_review_due = models.DateField()
    reviewer_name = models.CharField(max_length=120)
    reviewer_credentials = models.CharField(max_length=200)

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("last_reviewed"),
                FieldPanel("next_review_due"),
                FieldPanel("reviewer_name"),
                FieldPanel("reviewer_credentials"),
            ],
            heading="Medical review",
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        dates_given = self.last_reviewed and self.next_review_due
        if dates_given and self.next_review_due <= self.last_reviewed:
            raise ValidationError(
                {"next_review_due": "The next review must come after the last one."}
            )

    @property
    def review_status(self) -> str:
        """``overdue``, ``due-soon`` (within the warning window) or ``current``."""
        today = timezone.localdate()
        if self.next_review_due < today:
            return "overdue"
        warning = datetime.timedelta(days=settings.REVIEW_DUE_WARNING_DAYS)
        if self.next_review_due <= today + warning:
            return "due-soon"
        return "current"


class LibraryPage(MedicalReviewMixin, Page):
    summary = models.TextField(
        max_length=300, help_text="One or two plain sentences for lists and search results."
    )
    start_here = models.BooleanField(
        "start here",
        default=False,
        help_text="List this page first in its section and on the body map: a good first read.",
    )
    muscles = ParentalManyToManyField("cms.Muscle", blank=True)
    regions = ParentalManyToManyField(
        "cms.BodyRegion", blank=True, verbose_name="where the pain is felt"
    )
    related_pages = StreamField(RelatedPagesBlock(), blank=True)
    references = StreamField(ReferencesBlock(), blank=True)
    call_to_action = models.ForeignKey(
        "cms.CallToAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to use the clinic's default call to action.",
    )

    taxonomy_panels = [
        FieldPanel("muscles", widget=forms.CheckboxSelectMultiple),
        FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
    ]
    link_panels = [FieldPanel("related_pages"), FieldPanel("references")]
    promote_panels = Page.promote_panels + [FieldPanel("start_here")]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("muscles", [index.SearchField("name")]),
        index.RelatedFields("regions", [index.SearchField("name")]),
        index.FilterField("last_reviewed"),
        index.FilterField("next_review_due"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("muscles"),
        APIField("regions"),
        APIField("related_pages"),
        APIField("references"),
        APIField("call_to_action"),
        APIField("last_reviewed"),
        APIField("next_review_due"),
        APIField("reviewer_name"),
        APIField("reviewer_credentials"),
    ]

    class Meta:
        abstract = True

    def get_call_to_action(self, clinic: ClinicSettings):
        """The page's own call to action, or else the clinic's default: always exactly one."""
        return self.call_to_action if self.call_to_action_id else clinic.default_cta
