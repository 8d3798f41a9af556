"""Fixtures for the public API's contract tests."""

import pytest
import wagtail_factories

from django.contrib.auth import get_user_model

from wagtail.models import APIToken

from api.throttling import AnonymousReadThrottle
from cms.models import CallToAction
from tests import factories


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Images and renditions made by a test land in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def no_throttle(monkeypatch):
    """For tests that send more requests than an anonymous client may."""
    monkeypatch.setattr(AnonymousReadThrottle, "allow_request", lambda self, request, view: True)


@pytest.fixture
def partner(db):
    return get_user_model().objects.create_user(
        username="partner-app", email="partner@example.org", password="not-used-here"
    )


@pytest.fixture
def api_key(partner) -> str:
    _token, plaintext = APIToken.create_token(user=partner, name="Partner app")
    return plaintext


@pytest.fixture
def buttock(db):
    return factories.BodyRegionFactory(name="Buttock", slug="buttock")


@pytest.fixture
def piriformis(buttock):
    muscle = factories.MuscleFactory(name="Piriformis", slug="piriformis")
    muscle.regions.set([buttock])
    muscle.save()
    return muscle


@pytest.fixture
def photo(db):
    return wagtail_factories.ImageFactory(
        title="IMG_0042", description="A therapist at work", file__width=1200, file__height=800
    )


@pytest.fixture
def rich_article(library, article, stretch, photo, piriformis, buttock):
    """An article using every body block, linking to the ``article`` and ``stretch``
    fixtures, to a draft (which must not show), with its own call to action."""
    draft = factories.ArticlePageFactory(
        parent=library.causes, title="Unfinished draft", slug="unfinished-draft", live=False
    )
    page = factories.ArticlePageFactory(
        parent=library.causes,
        title="Piriformis syndrome",
        slug="piriformis-syndrome",
        summary="A small muscle deep in the buttock.",
        live=False,
        hero_image=photo,
        call_to_action=factories.CallToActionFactory(
            heading="Talk to a therapist", action=CallToAction.Action.PHONE
        ),
        body=[
            {"type": "heading", "value": "What it is"},
            {
                "type": "text",
                "value": f'<p>Often mistaken for <a linktype="page" id="{article.id}">sciatica'
                f'</a>, and not to be confused with <a linktype="page" id="{draft.id}">'
                "this</a>.</p>",
            },
            {
                "type": "callout",
                "value": {"tone": "tip", "title": "Start gently", "text": "<p>Go slow.</p>"},
            },
            {
                "type": "care_card",
                "value": {
                    "title": "When to get help",
                    "emergency": ["Numbness in the saddle area"],
                    "see_doctor": ["Pain that keeps getting worse"],
                    "self_care": ["A dull ache that eases as you move"],
                },
            },
            {
                "type": "image",
                "value": {"image": photo.id, "alt": "Hands on a back", "caption": "Massage"},
            },
            {"type": "key_facts", "value": {"title": "Key facts", "facts": ["It is common."]}},
            {
                "type": "questions",
                "value": [{"question": "Is it serious?", "answer": "<p>Rarely.</p>"}],
            },
            {"type": "stretch", "value": {"stretch": stretch.id, "note": "Eases the muscle."}},
            {"type": "stretch", "value": {"stretch": draft.id, "note": "Not public."}},
            {
                "type": "further_reading",
                "value": [
                    {"title": "Sciatica", "page": article.id, "url": ""},
                    {"title": "Unfinished", "page": draft.id, "url": ""},
                    {"title": "The NHS on sciatica", "page": None, "url": "https://nhs.example"},
                ],
            },
        ],
        related_pages=[
            {"type": "page", "value": stretch.id},
            {"type": "page", "value": draft.id},
            {"type": "page", "value": article.id},
        ],
        references=[
            {
                "type": "reference",
                "value": {
                    "title": "Piriformis syndrome review",
                    "publisher": "A journal",
                    "year": 2020,
                    "url": "https://journal.example/piriformis",
                },
            },
            {"type": "reference", "value": {"title": "A leaflet", "publisher": "", "url": ""}},
        ],
    )
    page.muscles = [piriformis]
    page.regions = [buttock]
    return factories.publish(page)
