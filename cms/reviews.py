"""Which pages' medical reviews are overdue or falling due soon."""

import datetime

from django.conf import settings
from django.utils import timezone

from cms.models import ArticlePage, StretchGuidePage

REVIEWED_PAGE_TYPES = (ArticlePage, StretchGuidePage)


def pages_due_for_review(*, today: datetime.date | None = None) -> list:
    """Every reviewed page due within the warning window, most overdue first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.REVIEW_DUE_WARNING_DAYS)
    pages = []
    for model in REVIEWED_PAGE_TYPES:
        pages.extend(
            model.objects.filter(next_review_due__lte=horizon).only(
                "id", "title", "next_review_due", "reviewer_name", "live"
            )
        )
    return sorted(pages, key=lambda page: (page.next_review_due, page.title))
