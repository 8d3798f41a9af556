"""``/my-routine/``: make your own routine, share it by link or QR code, print it.

The plan lives in the URL (``api.plans``): nothing is stored and nothing is
personal, so the page is public and cacheable like any other. The builder is a
plain GET form, so it works without JavaScript; its answer is redirected to the
plan's short canonical address, the one a QR code carries.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from api import plans, representation, selectors
from api.views.plans import plan_query
from cms.site_url import absolute_url


def _from_builder(query) -> list[str]:
    """The builder's ticked stretches as ``s`` values, e.g. ``27.r2.h30``."""
    values = []
    for stretch_id in query.getlist("pick"):
        settings = [stretch_id]
        for field, letter in (("reps", "r"), ("hold", "h")):
            given = query.get(f"{field}-{stretch_id}", "").strip()
            if given:
                settings.append(f"{letter}{given}")
        values.append(".".join(settings))
    return values


@require_safe
def my_routine(request):
    values = request.GET.getlist("s")
    if "pick" in request.GET:
        values = _from_builder(request.GET)
    plan = plans.parse(values)
    if "pick" in request.GET and plan.entries and not plan.errors:
        return HttpResponseRedirect(f"{reverse('frontend:my-routine')}?{plan_query(plan.entries)}")
    query = plan_query(plan.entries)
    context = {
        "errors": plan.errors,
        "routine": representation.plan(request, plan.entries)
        if plan.entries and not plan.errors
        else None,
        "stretches": representation.stretch_summaries(request, selectors.stretches_for_readers()),
        "share_url": absolute_url(f"{request.path}?{query}"),
        "api_url": absolute_url(f"{reverse('api:plan')}?{query}"),
        "offline_key": f"plan:{query}",
    }
    return render(request, "frontend/my_routine.html", context, status=400 if plan.errors else 200)
