"""Routines: stretch guides in order, each with its dosage, and the total time computed.

Each item embeds what the player and the handout need from its guide (steps,
pictures, safety notes), so a routine saved on a phone runs offline from its
own page. A guide the public cannot see (a draft, withdrawn, deleted) stays in
the list as ``"stretch": null`` and counts for nothing, so the rest still runs.
"""

from functools import cached_property

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import jsonld, selectors
from cms import dosage
from cms.models import StretchGuidePage
from cms.models.safety import combined_safety_net

from .blocks import RichTextField
from .context import representation_context
from .pages import (
    LibraryPageDetailMixin,
    LibraryPageSummarySerializer,
    StretchStepSerializer,
    stretch_steps,
)
from .references import ImageField, PageURLField, SafetyNetSerializer, safety_net_data

DOSAGE_FIELDS = ("repetitions", "sets", "sides", "rest_seconds")


class PublicStretches:
    """Every public stretch guide, fetched once per request however many routines ask.

    One query for the whole library rather than one per routine: a routine list
    costs the same whatever its length, and the library holds tens of guides.
    """

    @cached_property
    def by_id(self) -> dict[int, StretchGuidePage]:
        return {page.id: page for page in selectors.public_stretches()}


def public_stretches(context: dict) -> PublicStretches:
    ctx = representation_context(context)
    if not hasattr(ctx, "routine_stretches"):
        ctx.routine_stretches = PublicStretches()
    return ctx.routine_stretches


def effective_dosage(chosen: dict, stretch: StretchGuidePage) -> dict:
    """The routine's dosage where the editor set one, else the guide's own."""
    given = {field: chosen.get(field) for field in (*DOSAGE_FIELDS, "hold_seconds")}
    return {
        **{
            field: getattr(stretch, field) if given[field] in (None, "") else given[field]
            for field in DOSAGE_FIELDS
        },
        "hold_seconds": given["hold_seconds"] or None,
    }


def routine_items(page, context: dict) -> list[tuple[StretchGuidePage | None, dict | None]]:
    """Each item's public guide and effective dosage, in order; ``(None, None)`` if gone."""
    by_id = public_stretches(context).by_id
    items = []
    for chosen in page.dosages():
        stretch = by_id.get(chosen.get("stretch"))
        items.append((stretch, effective_dosage(chosen, stretch) if stretch else None))
    return items


def routine_total_seconds(page, context: dict) -> int:
    return dosage.session_seconds(
        ([step["value"] for step in stretch.steps.raw_data], chosen)
        for stretch, chosen in routine_items(page, context)
        if stretch
    )


class RoutineStretchSerializer(serializers.Serializer):
    """A guide as a routine embeds it. Its rich text links are left as plain text."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = PageURLField()
    summary = serializers.CharField()
    difficulty = serializers.ChoiceField(choices=StretchGuidePage.Difficulty.choices)
    equipment = serializers.CharField()
    illustration = ImageField(allow_null=True)
    start_position = RichTextField(help_text="HTML")
    steps = serializers.SerializerMethodField()
    safety_notes = RichTextField(help_text="HTML")
    when_not_to_do_it = RichTextField(help_text="HTML")

    @extend_schema_field(StretchStepSerializer(many=True))
    def get_steps(self, page):
        guides = public_stretches(self.context).by_id.values()
        return stretch_steps(page, self.context, guides=guides)


class DosageSerializer(serializers.Serializer):
    hold_seconds = serializers.IntegerField(
        allow_null=True, help_text="Replaces every hold of the guide; null keeps the guide's."
    )
    repetitions = serializers.IntegerField()
    sets = serializers.IntegerField()
    sides = serializers.ChoiceField(choices=StretchGuidePage.Sides.choices)
    rest_seconds = serializers.IntegerField()


class RoutineItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    stretch = RoutineStretchSerializer(
        allow_null=True, help_text="null when the guide is no longer in the library."
    )
    dosage = DosageSerializer(allow_null=True)


class RoutineSummarySerializer(LibraryPageSummarySerializer):
    detail_route = "api:routine-detail"
    audience = serializers.CharField(help_text="Who it is for.")
    schedule = serializers.CharField()
    total_seconds = serializers.SerializerMethodField(
        help_text="How long one session takes, as the player runs it."
    )

    def get_total_seconds(self, page) -> int:
        return routine_total_seconds(page, self.context)


class RoutineDetailSerializer(RoutineSummarySerializer, LibraryPageDetailMixin):
    items = serializers.SerializerMethodField()

    json_ld_builder = staticmethod(jsonld.routine)

    @extend_schema_field(RoutineItemSerializer(many=True))
    def get_items(self, page):
        items = [
            {"position": position, "stretch": stretch, "dosage": chosen}
            for position, (stretch, chosen) in enumerate(routine_items(page, self.context), 1)
        ]
        return RoutineItemSerializer(items, many=True, context=self.context).data


def plan_representation(entries: list[dict], context: dict) -> dict:
    """A plan from a URL (``api.plans``) in a routine's shape, so one template and
    one player serve both; guides the public cannot see are named unavailable."""
    by_id = public_stretches(context).by_id
    present = [by_id[chosen["stretch"]] for chosen in entries if chosen["stretch"] in by_id]
    items = []
    for position, chosen in enumerate(entries, start=1):
        stretch = by_id.get(chosen["stretch"])
        items.append(
            {
                "position": position,
                "stretch": RoutineStretchSerializer(stretch, context=context).data
                if stretch
                else None,
                "dosage": effective_dosage(chosen, stretch) if stretch else None,
                "unavailable": None
                if stretch
                else f"Stretch number {chosen['stretch']} is not in the library any more.",
            }
        )
    total = dosage.session_seconds(
        (item["stretch"]["steps"], item["dosage"]) for item in items if item["stretch"]
    )
    default = representation_context(context).default_safety_net
    return {
        "title": "Your routine",
        "safety_net": safety_net_data(combined_safety_net(present, default), context),
        "next_review_due": min(
            (stretch.next_review_due.isoformat() for stretch in present if stretch.next_review_due),
            default=None,
        ),
        "items": items,
        "total_seconds": total,
    }


class PlanItemSerializer(RoutineItemSerializer):
    unavailable = serializers.CharField(
        allow_null=True, help_text="Why the stretch is missing, when it is."
    )


class PlanSerializer(serializers.Serializer):
    """A routine made on a phone, as ``/api/v1/plans/?s=...`` serves it."""

    type = serializers.CharField(default="plan")
    title = serializers.CharField()
    safety_net = SafetyNetSerializer(
        help_text="When to get help: its stretches' own signs, then the clinic's default."
    )
    next_review_due = serializers.DateField(
        allow_null=True, help_text="The soonest next clinical review of its stretches."
    )
    url = serializers.URLField(help_text="The plan's web page: share it, print it, run it.")
    api_url = serializers.URLField()
    total_seconds = serializers.IntegerField()
    items = PlanItemSerializer(many=True)
