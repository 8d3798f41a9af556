"""Factories for the content model, on wagtail-factories.

Pages need a parent: pass ``parent=`` (a section for articles, the stretches
index for stretch guides), or use the ``library`` fixture in ``conftest.py``
which builds a site to hang them on.
"""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from cms.models import (
    ArticlePage,
    BodyRegion,
    BookingPage,
    CallToAction,
    HomePage,
    Muscle,
    RoutinePage,
    SectionPage,
    StretchGuidePage,
    StretchIndexPage,
)

DEFAULT_SAFETY_NET = {
    "emergency": "Numbness around your genitals or bottom\nWeakness in both legs",
    "urgent": "A high temperature with back pain\nWeight loss you cannot explain",
    "gp_soon": "Pain no better after a few weeks",
    "self_care": "Stay as active as you can",
}


def fill_safety_net(settings, **levels):
    """Give a site's default safety net every level (override one with ``emergency=""``)."""
    for key, text in {**DEFAULT_SAFETY_NET, **levels}.items():
        setattr(settings, key, text)
    settings.save()
    return settings


def publish(page):
    """Publish through a revision, as the workflow does, so signals and timestamps follow.

    A reviewed library page is re-signed first, standing in for the Clinical review
    step that every change passes before it goes live.
    """
    if getattr(page, "last_reviewed", None):
        page.reviewed_content = page.content_digest()
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class BodyRegionFactory(DjangoModelFactory):
    class Meta:
        model = BodyRegion
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    description = "Somewhere on the body."
    view = BodyRegion.View.BACK


class MuscleFactory(DjangoModelFactory):
    class Meta:
        model = Muscle
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Muscle {n}")
    slug = factory.Sequence(lambda n: f"muscle-{n}")
    location = "Deep in the hip."
    action = "Turns the leg outwards."
    pain_pattern = "In the buttock and down the leg."


class CallToActionFactory(DjangoModelFactory):
    class Meta:
        model = CallToAction

    heading = factory.Sequence(lambda n: f"Book a session {n}")
    text = "We will call you back."
    button_label = "Book"
    action = CallToAction.Action.FORM


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Back Pain Library"
    intro = "Plain guides to back pain."


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Section {n}")
    intro = "A way into the library."


class StretchIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StretchIndexPage

    title = "Stretches"
    intro = "Guided stretches."


class BookingPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BookingPage

    title = "Book a session"
    intro = "<p>Ask for a session.</p>"
    privacy_note = "<p>Staff only see your details.</p>"


class LibraryPageFactory(wagtail_factories.PageFactory):
    summary = "A short plain summary."
    last_reviewed = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=30)
    )
    next_review_due = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=335)
    )
    reviewer_name = "Dr Sam Sample"
    reviewer_credentials = "MBBS, general practitioner"

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        """Sign the content as reviewed, as the Clinical review step would, when dated."""
        if kwargs.get("last_reviewed") and "reviewed_content" not in kwargs:
            kwargs["reviewed_content"] = model_class(**kwargs).content_digest()
        return super()._create_instance(model_class, parent, kwargs)


class ArticlePageFactory(LibraryPageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Article {n}")
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": "What it is"},
            {"type": "text", "value": "<p>Sciatica usually affects one leg.</p>"},
        ]
    )


class StretchGuidePageFactory(LibraryPageFactory):
    class Meta:
        model = StretchGuidePage

    title = factory.Sequence(lambda n: f"Stretch {n}")
    purpose = "<p>Loosens the buttock.</p>"
    start_position = "<p>Lie on your back.</p>"
    steps = factory.LazyFunction(
        lambda: [
            {"type": "step", "value": {"instruction": "Cross one ankle.", "hold_seconds": 0}},
            {"type": "step", "value": {"instruction": "Hold the stretch.", "hold_seconds": 20}},
        ]
    )
    repetitions = 2
    sets = 1
    sides = StretchGuidePage.Sides.BOTH
    rest_seconds = 10
    safety_notes = "<ul><li>Stop if pain shoots down the leg.</li></ul>"
    when_not_to_do_it = "<ul><li>Soon after hip surgery.</li></ul>"


class RoutinePageFactory(LibraryPageFactory):
    """Pass ``items=[routine_item(stretch, repetitions=1), ...]``."""

    class Meta:
        model = RoutinePage

    title = factory.Sequence(lambda n: f"Routine {n}")
    audience = "People who sit all day."
    schedule = "Once a day for two weeks"
    items = factory.LazyFunction(list)


def routine_item(stretch, **dosage):
    return {"type": "stretch", "value": {"stretch": stretch.id, **dosage}}
