"""Debian's Chromium for the Playwright tests: where it is, and how to start it.

Chromium comes from the system (``apt-get install chromium``, done by .ci/run),
never from ``playwright install``. Without it, browser tests fail in CI
(``CI=true``) and are skipped, loudly, on a laptop.
"""

import os
import shutil
import warnings

import pytest

# Headless as root on a machine with no way out: no sandbox, no GPU, and none of
# the background connections Chromium would otherwise keep trying.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The live server runs in a thread of the test process; Playwright's sync API needs this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def executable() -> str:
    """Chromium's path; fails the test in CI, and skips it with a warning elsewhere."""
    found = (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    )
    if found is None:
        message = "Chromium not found: install Debian's chromium package (see .ci/run)."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        warnings.warn(message, stacklevel=2)
        pytest.skip(message)
    return found


def launch(playwright):
    """A headless Chromium from a running Playwright driver, or a fail or skip as above."""
    return playwright.chromium.launch(executable_path=executable(), args=ARGS)
