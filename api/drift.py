"""Compare the change log with the live library, and repair it by appending events.

The log is written by signal handlers, which ``QuerySet.update()``, raw SQL and
some bulk paths never fire. This finds where the log's account of each object
(visible or not, and as of when) disagrees with what the public can see now:

* ``missing``: public now, but the log last said it was gone (or never logged it);
* ``stale``: the log says visible, but it is not public now (unpublished, expired,
  made private or deleted without a signal);
* ``outdated``: public, but published again after its last logged event.

Repairs only append (publish, update or unpublish), never rewrite history, so
mirrors polling with a cursor pick them up like any other change. Content edited
by ``update()`` without moving ``last_published_at`` cannot be seen here: that
is what publishing through Wagtail is for.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max, Q, Subquery
from django.utils import timezone

from wagtail.models import Page

from api import changes
from api.models import ContentChange
from cms.models import BodyRegion, ClinicSettings, Muscle

Kind = ContentChange.Kind
VISIBLE_ACTIONS = (ContentChange.Action.PUBLISH, ContentChange.Action.UPDATE)


@dataclass(frozen=True)
class Drift:
    kind: str
    object_id: int
    problem: str  # "missing", "stale" or "outdated"

    def __str__(self):
        return f"{self.problem}: {self.kind} {self.object_id}"


def _logged() -> dict[tuple[str, int], tuple[bool, datetime]]:
    """What the log last said about each object: (visible, when)."""
    last_ids = ContentChange.objects.values("kind", "object_id").annotate(last=Max("id"))
    rows = ContentChange.objects.filter(id__in=Subquery(last_ids.values("last")))
    return {
        (row.kind, row.object_id): (row.action in VISIBLE_ACTIONS, row.occurred_at) for row in rows
    }


def _public_now() -> dict[tuple[str, int], datetime | None]:
    """Every object the public can see now, with when it was last published."""
    not_expired = Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
    public: dict[tuple[str, int], datetime | None] = {}
    pages = Page.objects.live().public().filter(not_expired).type(*changes.PAGE_KINDS)
    kinds = dict(changes.PAGE_KINDS.items())
    for page in pages.specific(defer=True):
        public[(kinds[type(page)], page.id)] = page.last_published_at
    for model, kind in ((Muscle, Kind.MUSCLE), (BodyRegion, Kind.REGION)):
        for pk, published in model.objects.filter(live=True).values_list("pk", "last_published_at"):
            public[(kind, pk)] = published
    if ClinicSettings.objects.exists():
        public[(Kind.CLINIC, 0)] = None
    return public


def find_drift() -> list[Drift]:
    logged, public = _logged(), _public_now()
    drift = []
    for key, published_at in public.items():
        visible, logged_at = logged.get(key, (False, None))
        if not visible:
            drift.append(Drift(*key, "missing"))
        elif published_at and logged_at and published_at > logged_at:
            drift.append(Drift(*key, "outdated"))
    drift.extend(
        Drift(*key, "stale")
        for key, (visible, _) in logged.items()
        if visible and key not in public
    )
    return sorted(drift, key=lambda item: (item.kind, item.object_id))


def repair(drift: list[Drift]) -> None:
    """Append the events that bring the log in line with the live library."""
    with transaction.atomic():
        for item in drift:
            changes.record(item.kind, item.object_id, visible=item.problem != "stale")
