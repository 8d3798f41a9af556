"""What every article and stretch guide shares: medical review, safety net, taxonomy, links.

``LibraryPage`` is abstract; each mixin owns its fields and panels so page
classes read like a form.
"""

import datetime
import hashlib
import json

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from cms.blocks import ReferencesBlock, RelatedPagesBlock

from .clinic import ClinicSettings
from .safety import LEVELS, SafetyNetMixin, SafetyNetSettings, missing_levels


class MedicalReviewMixin(models.Model):
    """Who last checked the medical content, and when it must be checked again.

    Empty until the first clinical review. Nobody types these: approving the
    "Clinical review" workflow step fills them from the reviewer's own profile
    (``cms.clinical_review``), so the editor shows them read-only.
    """

    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    reviewer_name = models.CharField(max_length=120, blank=True)
    reviewer_credentials = models.CharField(max_length=200, blank=True)
    reviewed_content = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="A digest of the content the last clinical review signed (see content_digest).",
    )

    # Bookkeeping and placement, not what a clinician signs: changing them needs no review.
    REVIEW_EXEMPT_FIELDS = frozenset(
        {
            "last_reviewed",
            "next_review_due",
            "reviewer_name",
            "reviewer_credentials",
            "reviewed_content",
            "start_here",
        }
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due", read_only=True),
                FieldPanel("reviewer_name", read_only=True),
                FieldPanel("reviewer_credentials", read_only=True),
            ],
            heading="Medical review (signed by the Clinical review step)",
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

    def content_digest(self) -> str:
        """A fingerprint of what a reader is told: the title and every field this app adds.

        Wagtail's own fields (slug, menus, schedule, SEO) are left out, as are
        ``REVIEW_EXEMPT_FIELDS``. The review step stores it in ``reviewed_content``;
        publishing compares, so content changed after its review cannot go live
        under the old signature, whoever presses Publish and however.
        """
        encoded = json.dumps(self.signed_content(), sort_keys=True, cls=DjangoJSONEncoder)
        return hashlib.sha256(encoded.encode()).hexdigest()

    def signed_content(self) -> dict:
        """What ``content_digest`` fingerprints, field by field."""
        signed = {"title": self.title}
        for field in self._meta.get_fields():
            if field.one_to_many or field.name in self.REVIEW_EXEMPT_FIELDS:
                continue  # library pages have no child objects of their own
            if getattr(field, "primary_key", False):
                continue  # the link to Wagtail's page row
            if field.model._meta.app_label != self._meta.app_label:
                continue
            if isinstance(field, StreamField):
                # A stream read back from the database has its blocks' defaults filled
                # in; the one in a revision may not. Compare them as the blocks see them.
                stream = getattr(self, field.name)
                list(stream)
                signed[field.name] = _without_block_ids(stream.get_prep_value())
            elif field.many_to_many and not field.auto_created:
                signed[field.name] = sorted(item.pk for item in getattr(self, field.name).all())
            elif field.concrete:
                signed[field.name] = field.value_from_object(self)
        return signed

    @property
    def review_status(self) -> str:
        """``unreviewed``, ``overdue``, ``due-soon`` (within the warning window) or ``current``."""
        if self.next_review_due is None:
            return "unreviewed"
        today = timezone.localdate()
        if self.next_review_due < today:
            return "overdue"
        warning = datetime.timedelta(days=settings.REVIEW_DUE_WARNING_DAYS)
        if self.next_review_due <= today + warning:
            return "due-soon"
        return "current"


def _without_block_ids(value):
    """A stream's data without its blocks' ids: new ids are minted for unsaved blocks."""
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    if isinstance(value, dict):
        is_block = "value" in value and set(value) <= {"type", "value", "id"}
        return {
            key: _without_block_ids(item)
            for key, item in value.items()
            if not (is_block and key == "id")
        }
    return value


def site_holding(page: Page) -> Site | None:
    """The site whose tree holds ``page`` (by path, so unsaved pages work), else the default."""
    sites = Site.objects.select_related("root_page").order_by("-root_page__depth")
    for site in sites:
        if page.path and page.path.startswith(site.root_page.path):
            return site
    return Site.objects.filter(is_default_site=True).first()


class LibraryPage(MedicalReviewMixin, SafetyNetMixin, Page):
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

    def save(self, *args, clean=True, **kwargs):
        if clean and self.live and (problems := self.publish_problems()):
            raise ValidationError(problems)
        return super().save(*args, clean=clean, **kwargs)

    def get_call_to_action(self, clinic: ClinicSettings):
        """The page's own call to action, or else the clinic's default; only published ones.

        A call to action waiting for review (never published) is not shown: the
        default stands in for it, or nothing if that is unpublished too.
        """
        own = self.call_to_action if self.call_to_action_id else None
        return own if own is not None and own.live else clinic.live_default_cta()

    def default_safety_net(self, site: Site | None = None) -> SafetyNetSettings | None:
        site = site or site_holding(self)
        return SafetyNetSettings.for_site(site) if site else None

    def safety_net_problems(self, site: Site | None = None) -> list[str]:
        """Levels the resolved safety net leaves empty: a page may not go out without them."""
        net = self.resolved_safety_net(self.default_safety_net(site))
        labels = dict(LEVELS)
        return [
            f'The safety net has no "{labels[key]}" signs: add them here, or ask a '
            "clinician to fill the clinic's default (Settings → Safety net)."
            for key in missing_levels(net)
        ]

    def review_problems(self) -> list[str]:
        """Why the clinical review does not cover this content."""
        if self.last_reviewed is None:
            return ["This page has no clinical review yet: submit it for the Clinical review step."]
        if self.reviewed_content != self.content_digest():
            reviewed = f"{self.last_reviewed.day} {self.last_reviewed:%B %Y}"
            return [
                f"The content has changed since its clinical review on {reviewed}: submit it"
                " for the Clinical review step before it goes live."
            ]
        late = [
            ref.value["title"]
            for ref in self.references
            if ref.value.get("year") and ref.value["year"] > self.last_reviewed.year
        ]
        if not late:
            return []
        return [
            f"These references are dated after the last clinical review ({self.last_reviewed:%Y});"
            " submit the page for review again: " + "; ".join(late)
        ]

    def publish_problems(self, site: Site | None = None) -> list[str]:
        """Why this content may not go live yet; empty when it may.

        The editor's form checks these before a submission or publish, and ``save``
        again whenever the page is saved live, whatever publishes it.
        """
        return self.safety_net_problems(site) + self.review_problems()
