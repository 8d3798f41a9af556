"""Small assertions and actions the API's contract tests share.

Not a test module (no ``test_`` prefix): imported by the tests beside it.
"""

import datetime

from django.utils import timezone

from wagtail.models import PageViewRestriction

from cms.delivery import versions
from tests import factories

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def assert_problem(response, status: int, *, invalid: str | None = None) -> dict:
    """The one error shape: RFC 9457 problem details, served as problem+json.

    ``invalid`` names the query parameter a 400 must blame in ``errors``.
    """
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert PROBLEM_KEYS <= set(body) <= PROBLEM_KEYS | {"errors"}
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    if invalid is not None:
        assert invalid in body["errors"], body
        assert all(isinstance(message, str) and message for message in body["errors"][invalid])
    return body


def result_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def draft_article(parent, **fields):
    """An article saved but never published."""
    return factories.ArticlePageFactory(parent=parent, live=False, **fields)


def published_article(parent, **fields):
    return factories.publish(draft_article(parent, **fields))


def published_stretch(parent, **fields):
    return factories.publish(factories.StretchGuidePageFactory(parent=parent, live=False, **fields))


def restrict(page) -> PageViewRestriction:
    """Make a page (and everything below it) private, as the admin's privacy switch does."""
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )


def expire(page, *, ago: datetime.timedelta = datetime.timedelta(minutes=5)) -> None:
    """Pass the page's expiry time without Wagtail's cron unpublishing it yet.

    An expiry time is set by publishing, which tells the delivery layer when its
    copies stop being fresh; written behind its back, the change is announced
    as that publish would (``tests/cms/test_delivery.py`` covers the real path).
    """
    type(page).objects.filter(pk=page.pk).update(expire_at=timezone.now() - ago)
    versions.bump()
    page.refresh_from_db()


def replay_changes(client, *, limit: int = 100) -> dict[tuple[str, int], str]:
    """Follow ``/api/v1/changes/`` from 0 to its end, applying each change as a mirror would.

    Returns what the mirror holds: ``(type, id) -> api_url``.
    """
    mirror: dict[tuple[str, int], str] = {}
    since, pages = 0, 0
    while True:
        response = client.get("/api/v1/changes/", {"since": since, "limit": limit})
        assert response.status_code == 200, response.content
        page = response.json()
        cursors = [change["cursor"] for change in page["results"]]
        assert cursors == sorted(cursors) and all(cursor > since for cursor in cursors)
        assert len(cursors) <= limit
        for change in page["results"]:
            key = (change["type"], change["id"])
            if change["action"] in ("publish", "update"):
                assert change["api_url"], change
                mirror[key] = change["api_url"]
            else:
                assert change["api_url"] is None, change
                mirror.pop(key, None)
        since = page["next_since"]
        pages += 1
        assert pages < 1000, "the feed never ends"
        if not page["has_more"]:
            return mirror
