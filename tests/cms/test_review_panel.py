"""The dashboard's "Medical reviews due" panel and the selector behind it."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from cms.reviews import pages_due_for_review
from tests import factories


def _days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _article(library, title, due_in_days, **kwargs):
    return factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions,
            title=title,
            last_reviewed=_days_from_today(-400),
            next_review_due=_days_from_today(due_in_days),
            **kwargs,
        )
    )


@pytest.fixture
def reviews(library):
    return {
        "overdue": _article(library, "Overdue article", -5),
        "due_soon": _article(library, "Due-soon article", 10),
        "next_year": _article(library, "Next-year article", 365),
        "stretch_overdue": factories.publish(
            factories.StretchGuidePageFactory(
                parent=library.stretches,
                title="Overdue stretch",
                last_reviewed=_days_from_today(-400),
                next_review_due=_days_from_today(-1),
            )
        ),
    }


def _panel(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.find("section", attrs={"aria-labelledby": "review-due-heading"})
    assert panel is not None, "the dashboard has no medical reviews panel"
    return panel


def _rows(panel) -> dict[str, str]:
    """Each listed page's title -> the text of its row."""
    return {
        row.find("a").get_text(strip=True): row.get_text(" ", strip=True)
        for row in panel.select("tbody tr")
    }


def test_dashboard_lists_overdue_and_due_soon_pages_but_not_next_years(admin_client, reviews):
    panel = _panel(admin_client)

    assert "Medical reviews due" in panel.get_text()
    rows = _rows(panel)
    assert set(rows) == {"Overdue article", "Due-soon article", "Overdue stretch"}
    assert "Overdue" in rows["Overdue article"]
    assert "Due within 30 days" in rows["Due-soon article"]


def test_dashboard_lists_the_most_overdue_page_first(admin_client, reviews):
    titles = list(_rows(_panel(admin_client)))
    assert titles == ["Overdue article", "Overdue stretch", "Due-soon article"]


def test_dashboard_links_each_listed_page_to_its_editor(admin_client, reviews):
    panel = _panel(admin_client)
    link = panel.find("a", string="Overdue article")
    assert link["href"] == f"/admin/pages/{reviews['overdue'].pk}/edit/"


def test_dashboard_marks_a_draft_that_is_due(admin_client, library):
    draft = factories.ArticlePageFactory(
        parent=library.conditions,
        title="Draft article",
        live=False,
        next_review_due=_days_from_today(3),
    )
    draft.save_revision()

    assert "(draft)" in _rows(_panel(admin_client))["Draft article"]


def test_dashboard_says_so_when_no_review_is_due(admin_client, article, stretch):
    panel = _panel(admin_client)

    assert not panel.select("tbody tr")
    assert "No medical review is due in the next 30 days." in panel.get_text()


def test_editor_sees_the_reviews_panel_too(client, editor, reviews):
    client.force_login(editor)
    assert "Overdue article" in _rows(_panel(client))


def test_review_selector_uses_the_warning_window_from_settings(settings, reviews):
    settings.REVIEW_DUE_WARNING_DAYS = 5

    titles = [page.title for page in pages_due_for_review()]

    assert titles == ["Overdue article", "Overdue stretch"]


def test_review_selector_includes_the_last_day_of_the_window(library):
    _article(library, "Due on the last day", 30)
    _article(library, "Due the day after", 31)

    titles = [page.title for page in pages_due_for_review(today=timezone.localdate())]

    assert titles == ["Due on the last day"]


def _step(panel, title):
    row = panel.find("a", string=title).find_parent("tr")
    return row.select_one("[data-clearing-step]")


def test_dashboard_links_a_page_outside_any_workflow_to_submitting_it(admin_client, reviews):
    step = _step(_panel(admin_client), "Overdue article")
    assert step.get_text(strip=True) == "Submit for clinical review"
    assert step["href"] == f"/admin/pages/{reviews['overdue'].pk}/edit/"


def test_dashboard_sends_a_reviewer_to_the_review_step_that_clears_a_page(
    client, reviews, editor, gp
):
    page = reviews["overdue"]
    page.get_workflow().start(page, editor)
    client.force_login(gp)

    step = _step(_panel(client), "Overdue article")

    assert step.get_text(strip=True) == "Review now (Clinical review)"
    assert step["href"] == f"/admin/pages/{page.pk}/edit/#workflow"


def test_dashboard_lists_a_page_never_reviewed(admin_client, library):
    draft = factories.ArticlePageFactory(
        parent=library.conditions,
        title="Never reviewed",
        live=False,
        last_reviewed=None,
        next_review_due=None,
    )
    draft.save_revision()

    assert "Never reviewed" in _rows(_panel(admin_client))["Never reviewed"]
