"""Fixtures shared by every test package."""

from dataclasses import dataclass

import pytest

from django.core.cache import cache

from wagtail.models import Page, Site

from cms.demo.loader import load_demo_library
from cms.models import ClinicSettings, SafetyNetSettings
from tests import factories


def pytest_collection_modifyitems(items):
    """A test that commits must restore the rows migrations made (serialized rollback).

    Its flush otherwise re-creates content types under new ids on PostgreSQL, and
    the next test restoring the serialized rows on the same worker fails on them.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        commits = marker is not None and marker.kwargs.get("transaction")
        if commits and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: django_db(transaction=True) needs serialized_rollback=True"
            )


@pytest.fixture(autouse=True)
def empty_cache():
    """API bodies, rendered pages, stale copies and throttle counters live in the
    default cache under keys made of database ids, which SQLite reuses after a
    rollback: every test starts and ends with an empty cache, so none can pass or
    fail because of what another left behind."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def site_url_of_the_live_server(request):
    """A browser reaches the live server on a random port: that is the site's
    public address (``SITE_URL``) for the test, as 127.0.0.1:8000 is for ``make run``."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    settings = request.getfixturevalue("settings")
    settings.SITE_URL = live_server.url
    yield


@dataclass
class Library:
    """A minimal published site: home, two sections, the stretches index, booking."""

    site: Site
    home: Page
    conditions: Page
    causes: Page
    stretches: Page
    booking: Page
    clinic: ClinicSettings


@pytest.fixture
def library(db) -> Library:
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root, slug="library-home")
    Site.objects.update(is_default_site=False)
    site = Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test"
    )
    clinic = ClinicSettings.for_site(site)
    clinic.name = "Demo Back Care Clinic"
    clinic.phone = "07700 900123"
    clinic.email = "bookings@example.org"
    clinic.default_cta = factories.CallToActionFactory(heading="Book a massage session")
    clinic.save()
    factories.fill_safety_net(SafetyNetSettings.for_site(site))
    return Library(
        site=site,
        home=home,
        conditions=factories.SectionPageFactory(parent=home, title="Conditions", slug="conditions"),
        causes=factories.SectionPageFactory(parent=home, title="Causes", slug="causes"),
        stretches=factories.StretchIndexPageFactory(parent=home, slug="stretches"),
        booking=factories.BookingPageFactory(parent=home, slug="book"),
        clinic=clinic,
    )


@pytest.fixture
def article(library):
    return factories.publish(
        factories.ArticlePageFactory(parent=library.conditions, title="Sciatica", slug="sciatica")
    )


@pytest.fixture
def stretch(library):
    return factories.publish(
        factories.StretchGuidePageFactory(
            parent=library.stretches, title="Figure-four stretch", slug="figure-four-stretch"
        )
    )


@pytest.fixture
def demo_library(db):
    """The demo library as ``make run`` loads it: every block type, images, links."""
    load_demo_library()
