"""The index and the small catalogues: muscles, regions, sections and the clinic."""

import pytest

from cms.models import CallToAction
from tests import factories

from .helpers import assert_problem, restrict

RESOURCES = {
    "articles": "/api/v1/articles/",
    "stretches": "/api/v1/stretches/",
    "routines": "/api/v1/routines/",
    "muscles": "/api/v1/muscles/",
    "regions": "/api/v1/regions/",
    "sections": "/api/v1/sections/",
    "clinic": "/api/v1/clinic/",
    "search": "/api/v1/search/",
    "search_index": "/api/v1/search/index/",
    "changes": "/api/v1/changes/",
    "offline": "/api/v1/offline/",
    "schema": "/api/v1/schema/",
    "docs": "/api/v1/docs/",
}


def test_index_links_to_every_resource_with_absolute_urls(client, db):
    index = client.get("/api/v1/").json()

    assert index == {name: f"http://testserver{path}" for name, path in RESOURCES.items()}


@pytest.mark.parametrize("path", ["/api/v1/muscles/", "/api/v1/regions/", "/api/v1/sections/"])
def test_catalogues_are_plain_lists_without_paging(client, library, path):
    assert isinstance(client.get(path).json(), list)


def test_muscles_list_each_muscle_with_the_regions_where_its_pain_is_felt(
    client, piriformis, buttock
):
    factories.MuscleFactory(name="Gluteus medius", slug="gluteus-medius")

    muscles = client.get("/api/v1/muscles/").json()

    assert [m["slug"] for m in muscles] == ["gluteus-medius", "piriformis"]
    assert muscles[1] == {
        "id": piriformis.id,
        "slug": "piriformis",
        "name": "Piriformis",
        "location": piriformis.location,
        "action": piriformis.action,
        "pain_pattern": piriformis.pain_pattern,
        "regions": [{"id": buttock.id, "slug": "buttock", "name": "Buttock"}],
    }
    assert muscles[0]["regions"] == []


def test_regions_list_each_region_with_the_muscles_that_refer_pain_to_it(
    client, piriformis, buttock
):
    regions = client.get("/api/v1/regions/").json()

    assert regions == [
        {
            "id": buttock.id,
            "slug": "buttock",
            "name": "Buttock",
            "description": buttock.description,
            "view": "back",
            "muscles": [{"id": piriformis.id, "slug": "piriformis", "name": "Piriformis"}],
        }
    ]


def test_muscle_and_region_lists_take_no_parameters(client, db):
    assert_problem(client.get("/api/v1/muscles/", {"limit": 5}), 400, invalid="limit")
    assert_problem(client.get("/api/v1/regions/", {"view": "back"}), 400, invalid="view")


def test_sections_are_listed_in_site_order_with_their_kind(client, library):
    sections = client.get("/api/v1/sections/").json()

    assert [(s["slug"], s["kind"]) for s in sections] == [
        ("conditions", "articles"),
        ("causes", "articles"),
        ("stretches", "stretches"),
    ]
    assert sections[0] == {
        "id": library.conditions.id,
        "slug": "conditions",
        "title": "Conditions",
        "intro": library.conditions.intro,
        "kind": "articles",
        "url": "http://testserver/conditions/",
    }


def test_draft_and_private_sections_are_not_listed(client, library):
    factories.SectionPageFactory(parent=library.home, slug="coming-soon", live=False)
    restrict(library.causes)

    slugs = [s["slug"] for s in client.get("/api/v1/sections/").json()]

    assert slugs == ["conditions", "stretches"]


def test_clinic_gives_contact_details_and_the_default_call_to_action(client, library):
    clinic = client.get("/api/v1/clinic/").json()

    assert clinic == {
        "name": "Demo Back Care Clinic",
        "phone": "07700 900123",
        "email": "bookings@example.org",
        "booking_url": library.clinic.booking_url,
        "address": library.clinic.address,
        "opening_hours": library.clinic.opening_hours,
        "booking_page_url": "http://testserver/book/",
        "default_cta": {
            "heading": "Book a massage session",
            "text": "We will call you back.",
            "button_label": "Book",
            "action": "form",
            "href": "http://testserver/book/",
        },
        "emergency_call": {
            "label": "Emergency: call 999 or go to A&E",
            "number": "999",
            "href": "tel:999",
        },
        "urgent_call": {"label": "NHS 111", "number": "111", "href": "tel:111"},
        "safety_net": {
            **{key: text.splitlines() for key, text in factories.DEFAULT_SAFETY_NET.items()},
            "emergency_call": {
                "label": "Emergency: call 999 or go to A&E",
                "number": "999",
                "href": "tel:999",
            },
            "urgent_call": {"label": "NHS 111", "number": "111", "href": "tel:111"},
        },
    }


@pytest.mark.parametrize(
    ("action", "url", "href"),
    [
        (CallToAction.Action.PHONE, "", "tel:07700900123"),
        (CallToAction.Action.EMAIL, "", "mailto:bookings@example.org"),
        (CallToAction.Action.URL, "https://book.example/now", "https://book.example/now"),
        (CallToAction.Action.FORM, "", "http://testserver/book/"),
    ],
)
def test_call_to_action_href_follows_its_action(client, library, action, url, href):
    cta = library.clinic.default_cta
    cta.action, cta.url = action, url
    cta.save()

    assert client.get("/api/v1/clinic/").json()["default_cta"]["href"] == href


def test_form_call_to_action_has_no_href_without_a_published_booking_page(client, library):
    library.booking.unpublish()

    clinic = client.get("/api/v1/clinic/").json()

    assert clinic["booking_page_url"] is None
    assert clinic["default_cta"]["href"] is None
