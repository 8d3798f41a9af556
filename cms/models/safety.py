"""The "when to get help" safety net every article and stretch guide carries.

The levels are the ones a triage service uses. A clinic-wide default, kept once
by clinicians in ``SafetyNetSettings``, is always shown; a page can only add
signs of its own (shown first at each level), never drop the default red flags.
The net is page data, not a body block, so it cannot be forgotten or moved below
the advice: templates and the API always put it straight after the summary.
"""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# (key, what readers see). Numbers are not written here: they come from ClinicSettings.
LEVELS = (
    ("emergency", "Emergency: get help now"),
    ("urgent", "Urgent: get advice today"),
    ("gp_soon", "See a GP soon"),
    ("self_care", "Look after yourself"),
)
LEVEL_KEYS = tuple(key for key, _ in LEVELS)
# A net "resolves" only when these levels say something: the red flags.
REQUIRED_LEVELS = ("emergency", "urgent")

ONE_PER_LINE = "One sign per line, in plain words."


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def merge(first: list[str], then: list[str]) -> list[str]:
    """``first`` then ``then``, without repeating an item."""
    return list(dict.fromkeys([*first, *then]))


@register_setting(icon="warning")
class SafetyNetSettings(BaseSiteSetting):
    """The default safety net, shown on every article and stretch guide."""

    emergency = models.TextField("call 999 or go to A&E now", blank=True, help_text=ONE_PER_LINE)
    urgent = models.TextField(
        "urgent: same day (NHS 111 or urgent GP)", blank=True, help_text=ONE_PER_LINE
    )
    gp_soon = models.TextField("see a GP soon", blank=True, help_text=ONE_PER_LINE)
    self_care = models.TextField("look after yourself", blank=True, help_text=ONE_PER_LINE)

    panels = [FieldPanel(key) for key in LEVEL_KEYS]

    class Meta:
        verbose_name = "safety net (clinical default)"

    def levels(self) -> dict[str, list[str]]:
        return {key: lines(getattr(self, key)) for key in LEVEL_KEYS}


class SafetyNetMixin(models.Model):
    """Page-specific signs added on top of the clinic's default safety net."""

    safety_net_emergency = models.TextField(
        "extra emergency signs", blank=True, help_text=ONE_PER_LINE
    )
    safety_net_urgent = models.TextField("extra urgent signs", blank=True, help_text=ONE_PER_LINE)
    safety_net_gp_soon = models.TextField(
        "extra see-a-GP signs", blank=True, help_text=ONE_PER_LINE
    )
    safety_net_self_care = models.TextField(
        "extra self-care points", blank=True, help_text=ONE_PER_LINE
    )

    safety_net_panels = [
        MultiFieldPanel(
            [FieldPanel(f"safety_net_{key}") for key in LEVEL_KEYS],
            heading="When to get help (added to the clinic's default)",
            help_text="The clinic's default signs are always shown; what you add here comes "
            "first at each level.",
        )
    ]

    class Meta:
        abstract = True

    def safety_net_additions(self) -> dict[str, list[str]]:
        return {key: lines(getattr(self, f"safety_net_{key}")) for key in LEVEL_KEYS}

    def resolved_safety_net(self, default: SafetyNetSettings | None) -> dict[str, list[str]]:
        """This page's signs first, then the default's, at each level."""
        return combined_safety_net([self], default)


def combined_safety_net(pages, default: SafetyNetSettings | None) -> dict[str, list[str]]:
    """One net for pages shown together (a plan made on a phone): every page's own
    signs first, in page order and each once, then the default's, at each level."""
    defaults = default.levels() if default else {key: [] for key in LEVEL_KEYS}
    additions = [page.safety_net_additions() for page in pages]
    return {
        key: merge([sign for own in additions for sign in own[key]], defaults[key])
        for key in LEVEL_KEYS
    }


def missing_levels(net: dict[str, list[str]]) -> list[str]:
    """The required levels a resolved net leaves empty."""
    return [key for key in REQUIRED_LEVELS if not net[key]]
