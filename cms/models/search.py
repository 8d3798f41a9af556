"""Readers' own words for what the library calls by other names.

A reader types "pain down my leg"; the library says "sciatica". Editors keep
these pairs as snippets; the search (online and the offline index) reads them
through ``api.search``, so both answer the same.
"""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel


class SearchSynonym(models.Model):
    phrase = models.CharField(
        max_length=100,
        unique=True,
        help_text='What a reader might type, for example "pain down my leg" or "bum".',
    )
    terms = models.CharField(
        max_length=200,
        help_text=(
            'The library\'s words for it, for example "sciatica". '
            'Separate alternatives with commas: "herniated disc, slipped disc".'
        ),
    )

    panels = [FieldPanel("phrase"), FieldPanel("terms")]

    class Meta:
        ordering = ["phrase"]
        verbose_name = "search synonym"

    def __str__(self):
        return f"{self.phrase} → {self.terms}"

    @property
    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]

    def clean(self):
        super().clean()
        self.phrase = " ".join(self.phrase.split())
        if not self.term_list:
            raise ValidationError({"terms": "Give at least one of the library's words."})
