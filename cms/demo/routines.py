"""Demo routines (``content/routines/*.yaml``): stretch guides in order, with a dosage.

Kept apart from the loader's two passes because a routine only links to pages
that already exist; like everything the loader makes, it is created only when
missing and never overwritten.
"""

from collections.abc import Callable

from cms.models import RoutinePage

DOSAGE_FIELDS = ("hold_seconds", "repetitions", "sets", "sides", "rest_seconds")


def routine_page(data: dict, *, page_id_for: Callable[[str], int], ctas, muscles, regions):
    """An unsaved ``RoutinePage`` (its taxonomy is set once it has an id)."""
    page = RoutinePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        audience=data["audience"],
        schedule=data["schedule"],
        items=[
            {
                "type": "stretch",
                "value": {
                    "stretch": page_id_for(item["stretch"]),
                    **{field: item.get(field) for field in DOSAGE_FIELDS},
                },
            }
            for item in data["items"]
        ],
        related_pages=[{"type": "page", "value": page_id_for(s)} for s in data.get("related", [])],
        call_to_action=ctas[data["cta"]] if data.get("cta") else None,
        live=False,
    )
    page.muscles = [muscles[slug] for slug in data.get("muscles", [])]
    page.regions = [regions[slug] for slug in data.get("regions", [])]
    return page
