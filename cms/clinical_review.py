"""Clinical review as a service: who may review a page, and signing a review.

The "Clinical review" workflow step and the demo loader both sign reviews
through ``stamp_review``, so a page's review fields are only ever written from
a reviewer's own profile.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from wagtail.models import Revision

from cms.models import ClinicalReviewTask, ReviewerProfile, RoutinePage, StretchGuidePage
from cms.models.library import LibraryPage


def is_reviewed_page(page) -> bool:
    return isinstance(page, LibraryPage)


def review_interval(page) -> datetime.timedelta:
    """How long a review of this page type holds (``CLINICAL_REVIEW_INTERVAL_DAYS``)."""
    key = page._meta.label_lower
    return datetime.timedelta(days=settings.CLINICAL_REVIEW_INTERVAL_DAYS[key])


def reviewer_may_review(reviewer: ReviewerProfile | None, page) -> bool:
    """Any reviewer may sign an article; exercise needs an exercise profession."""
    if reviewer is None or not is_reviewed_page(page):
        return False
    if isinstance(page, StretchGuidePage | RoutinePage):
        return reviewer.reviews_exercise
    return True


@transaction.atomic
def stamp_review(
    *, page, reviewer: ReviewerProfile, user=None, on: datetime.date | None = None
) -> Revision:
    """Sign the page's latest content as reviewed by ``reviewer`` on ``on`` (today).

    Saves a new revision carrying the stamp; a workflow publishes that revision
    once the page's later steps are approved.
    """
    if not reviewer_may_review(reviewer, page):
        raise PermissionDenied(f"{reviewer} may not review {page._meta.verbose_name}s.")
    latest = page.get_latest_revision()
    draft = latest.as_object() if latest else page
    on = on or timezone.localdate()
    draft.last_reviewed = on
    draft.next_review_due = on + review_interval(draft)
    draft.reviewer_name = reviewer.display_name
    draft.reviewer_credentials = reviewer.signature
    draft.reviewed_content = draft.content_digest()
    return draft.save_revision(user=user, clean=False, log_action=False)


def past_clinical_review(page) -> bool:
    """The page is in a workflow whose Clinical review step it has already passed."""
    state = page.current_workflow_state
    task_state = state.current_task_state if state else None
    return task_state is not None and not isinstance(task_state.task.specific, ClinicalReviewTask)


def send_back_if_changed(page, user) -> bool:
    """Content changed after its review, later in the workflow, goes back to the reviewer.

    Otherwise the next approval would try to publish content nobody signed (which
    ``LibraryPage.save`` refuses). True when the page was sent back.
    """
    if not is_reviewed_page(page) or not past_clinical_review(page):
        return False
    draft = page.get_latest_revision_as_object()
    if not draft.review_problems():
        return False
    state = page.current_workflow_state
    workflow = state.workflow
    state.cancel(user=user)
    workflow.start(page, user)
    return True
