"""Model rules editors meet as form errors: calls to action, review dates, stretch counts."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.models import CallToAction
from tests import factories


def _days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.mark.parametrize(
    ("action", "url"),
    [
        (CallToAction.Action.URL, "https://example.org/book"),
        (CallToAction.Action.FORM, ""),
        (CallToAction.Action.PHONE, ""),
        (CallToAction.Action.EMAIL, ""),
    ],
)
def test_call_to_action_accepts_an_address_only_with_the_url_action(action, url):
    CallToAction(heading="Book", button_label="Book", action=action, url=url).full_clean()


def test_external_booking_call_to_action_needs_an_address():
    cta = CallToAction(heading="Book", button_label="Book", action=CallToAction.Action.URL)

    with pytest.raises(ValidationError) as excinfo:
        cta.clean()

    assert set(excinfo.value.message_dict) == {"url"}


@pytest.mark.parametrize(
    "action", [CallToAction.Action.FORM, CallToAction.Action.PHONE, CallToAction.Action.EMAIL]
)
def test_call_to_action_other_than_url_refuses_an_address(action):
    cta = CallToAction(
        heading="Book", button_label="Book", action=action, url="https://example.org/book"
    )

    with pytest.raises(ValidationError) as excinfo:
        cta.clean()

    assert set(excinfo.value.message_dict) == {"url"}


@pytest.mark.parametrize("gap_days", [0, -1])
def test_next_review_must_come_after_the_last_review(library, gap_days):
    page = factories.ArticlePageFactory(parent=library.conditions)
    page.last_reviewed = _days_from_today(-10)
    page.next_review_due = page.last_reviewed + datetime.timedelta(days=gap_days)

    with pytest.raises(ValidationError) as excinfo:
        page.clean()

    assert "next_review_due" in excinfo.value.message_dict


def test_next_review_a_day_after_the_last_review_is_valid(library):
    page = factories.StretchGuidePageFactory(parent=library.stretches)
    page.last_reviewed = _days_from_today(-10)
    page.next_review_due = _days_from_today(-9)

    page.clean()


@pytest.mark.parametrize(
    ("due_in_days", "status"),
    [
        (-365, "overdue"),
        (-1, "overdue"),
        (0, "due-soon"),
        (30, "due-soon"),
        (31, "current"),
        (365, "current"),
    ],
)
def test_review_status_follows_the_next_review_date(due_in_days, status):
    page = factories.ArticlePageFactory.build(next_review_due=_days_from_today(due_in_days))
    assert page.review_status == status


def test_review_status_warning_window_comes_from_settings(settings):
    settings.REVIEW_DUE_WARNING_DAYS = 7
    page = factories.ArticlePageFactory.build(next_review_due=_days_from_today(8))
    assert page.review_status == "current"
    page.next_review_due = _days_from_today(7)
    assert page.review_status == "due-soon"


def test_page_without_its_own_call_to_action_uses_the_clinic_default(article, library):
    assert article.call_to_action is None
    assert article.get_call_to_action(library.clinic) == library.clinic.default_cta


def test_page_with_its_own_call_to_action_uses_it(library):
    own = factories.CallToActionFactory(heading="Ring us today")
    page = factories.ArticlePageFactory(parent=library.conditions, call_to_action=own)
    assert page.get_call_to_action(library.clinic) == own


@pytest.mark.parametrize("field", ["repetitions", "sets"])
def test_a_stretch_guide_needs_at_least_one_repetition_and_one_set(library, field):
    page = factories.StretchGuidePageFactory(parent=library.stretches)
    setattr(page, field, 0)

    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()

    assert set(excinfo.value.message_dict) == {field}
