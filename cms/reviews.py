"""Which pages' medical reviews are overdue or falling due soon."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cms.models import ArticlePage, StretchGuidePage

REVIEWED_PAGE_TYPES = (ArticlePage, StretchGuidePage)


def pages_due_for_review(*, today: datetime.date | None = None) -> list:
    """Every page never reviewed or due within the warning window, most overdue first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.REVIEW_DUE_WARNING_DAYS)
    pages = []
    for model in REVIEWED_PAGE_TYPES:
        pages.extend(
            model.objects.filter(
                Q(next_review_due__lte=horizon) | Q(next_review_due__isnull=True)
            ).only("id", "title", "next_review_due", "reviewer_name", "live")
        )
    return sorted(pages, key=lambda page: (page.next_review_due or datetime.date.min, page.title))


def clearing_step(page, user) -> dict:
    """Where the review of ``page`` is cleared: its Clinical review step, if one is open
    and ``user`` can act on it, else the editor (to submit it for review)."""
    state = page.current_workflow_state
    task_state = state.current_task_state if state else None
    if task_state and task_state.task.specific.get_actions(page, user):
        return {
            "label": f"Review now ({task_state.task.name})",
            "url": reverse("wagtailadmin_pages:edit", args=[page.id]) + "#workflow",
        }
    if task_state:
        return {
            "label": f"In {task_state.task.name}",
            "url": reverse("wagtailadmin_pages:workflow_history", args=[page.id]),
        }
    return {
        "label": "Submit for clinical review",
        "url": reverse("wagtailadmin_pages:edit", args=[page.id]),
    }
