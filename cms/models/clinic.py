"""The clinic's contact details and the calls to action that lead to a booking."""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .moderation import ModeratedSnippet


class CallToAction(ModeratedSnippet, models.Model):
    """A booking prompt shown at the end of articles and stretch guides.

    Phone and e-mail actions use the clinic's details from ``ClinicSettings``, so a
    new number is changed in one place.
    """

    class Action(models.TextChoices):
        PHONE = "phone", "Call the clinic"
        EMAIL = "email", "E-mail the clinic"
        URL = "url", "Open an external booking page"
        FORM = "form", "Open the on-site booking request form"

    heading = models.CharField(max_length=120)
    text = models.CharField(max_length=300, blank=True)
    button_label = models.CharField(max_length=40)
    action = models.CharField(max_length=5, choices=Action.choices, default=Action.FORM)
    url = models.URLField("booking page address", blank=True, help_text="Only for external pages.")

    panels = [
        FieldPanel("heading"),
        FieldPanel("text"),
        FieldPanel("button_label"),
        FieldPanel("action"),
        FieldPanel("url"),
    ]

    class Meta:
        ordering = ["heading"]
        verbose_name = "call to action"
        verbose_name_plural = "calls to action"

    def __str__(self):
        return self.heading

    def clean(self):
        if self.action == self.Action.URL and not self.url:
            raise ValidationError({"url": "An external booking action needs its address."})
        if self.action != self.Action.URL and self.url:
            raise ValidationError({"url": "Only external booking actions have an address."})


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    """Site settings cannot have drafts in Wagtail, so only moderators may change them
    (``change_clinicsettings``, migration 0002); editors see no Clinic settings menu."""

    name = models.CharField(max_length=120, default="Back care clinic")
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    booking_url = models.URLField("online booking address", blank=True)
    address = models.TextField(blank=True)
    opening_hours = models.TextField(blank=True)
    # Where to send a reader who needs help now; every emergency and urgent box calls these.
    emergency_number = models.CharField(max_length=20, default="999")
    emergency_label = models.CharField(max_length=80, default="Emergency: call 999 or go to A&E")
    urgent_number = models.CharField(max_length=20, default="111")
    urgent_label = models.CharField(max_length=80, default="NHS 111")
    default_cta = models.ForeignKey(
        CallToAction,
        verbose_name="default call to action",
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Shown on every article and stretch guide that has no call to action of its own.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("address"), FieldPanel("opening_hours")], "Clinic"
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("booking_url")], "Contact"
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("emergency_number"), FieldPanel("emergency_label")]),
                FieldRowPanel([FieldPanel("urgent_number"), FieldPanel("urgent_label")]),
            ],
            "Emergency and urgent help (tap-to-call buttons)",
        ),
        FieldPanel("default_cta"),
    ]

    class Meta:
        verbose_name = "clinic settings"

    def live_default_cta(self):
        """The default call to action if it is published, else None."""
        cta = self.default_cta
        return cta if cta is not None and cta.live else None
