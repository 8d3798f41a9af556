"""Playwright driving Debian's Chromium (see ``tests.chromium``) against the live server."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from tests.chromium import launch

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The demo library behind the live server, every picture's renditions made beforehand.

    Pages and API answers make a picture's renditions on first use. A phone saving
    the library asks for many at once, and the shared in-memory SQLite test database
    refuses concurrent writers ("table is locked"), which a file or PostgreSQL does not.
    """
    from django.test import Client

    from cms.demo.loader import load_demo_library

    load_demo_library()
    client = Client()
    for resource in ("articles", "stretches", "routines"):
        listing = client.get(f"/api/v1/{resource}/", {"limit": 100}).json()["results"]
        for item in listing:
            for address in (item["api_url"], item["url"]):
                assert client.get(urlsplit(address).path).status_code == 200, address
    return live_server


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _serialized_database_contents() -> dict:
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _restore_serialized_database_contents(kept: dict) -> None:
    """Hand the test databases' serialized contents to the code running under Playwright.

    Playwright's sync API runs the rest of the session in a greenlet with its own
    context, where Django's connection objects are new ones: without this, tests
    marked ``serialized_rollback`` would find the database empty after a flush.
    """
    from django.db import connections

    for alias, contents in kept.items():
        connections[alias]._test_serialized_contents = contents


# Package scope: Playwright's sync API allows one driver at a time in a thread, and
# other packages' browser tests (tests/ops) start their own after this one stops.
@pytest.fixture(scope="package")
def browser():
    kept = _serialized_database_contents()
    with sync_playwright() as playwright:
        _restore_serialized_database_contents(kept)
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A fresh phone-sized browser context (its own storage and service workers)."""
    context = browser.new_context(base_url=live_server.url, service_workers="allow", **PHONE)
    yield context
    context.close()
