"""Playwright driving Debian's Chromium against pytest-django's live server.

Chromium comes from the system (``apt-get install chromium``, done by .ci/run),
never from ``playwright install``. Without it, browser tests fail in CI
(``CI=true``) and are skipped, loudly, on a laptop.
"""

import os
import shutil
import warnings

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}

# The live server runs in a thread of this process; Playwright's sync API needs this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    )


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
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found: install Debian's chromium package (see .ci/run)."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    kept = _serialized_database_contents()
    with sync_playwright() as playwright:
        _restore_serialized_database_contents(kept)
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A fresh phone-sized browser context (its own storage and service workers)."""
    context = browser.new_context(base_url=live_server.url, service_workers="allow", **PHONE)
    yield context
    context.close()
