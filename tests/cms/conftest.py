"""Fixtures for the content-model tests: editorial users and admin form data."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import ReviewerProfile


def _group_member(username: str, group_name: str):
    """A plain user whose only rights come from one of Wagtail's editorial groups."""
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="password"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _group_member("eddie", "Editors")


@pytest.fixture
def moderator(db):
    return _group_member("morgan", "Moderators")


def _reviewer(username, profession, name, credentials):
    user = _group_member(username, "Clinical reviewers")
    ReviewerProfile.objects.create(
        user=user, display_name=name, profession=profession, credentials=credentials
    )
    return user


@pytest.fixture
def gp(db):
    """A clinical reviewer who may sign articles but not exercise."""
    return _reviewer("gp", ReviewerProfile.Profession.GP, "Dr Sam Sample", "MBBS, MRCGP")


@pytest.fixture
def physio(db):
    return _reviewer(
        "physio", ReviewerProfile.Profession.PHYSIOTHERAPIST, "Ali Example", "BSc (Hons), MSc"
    )


def _review_fields() -> dict:
    today = datetime.date.today()
    return {
        "last_reviewed": (today - datetime.timedelta(days=10)).isoformat(),
        "next_review_due": (today + datetime.timedelta(days=355)).isoformat(),
        "reviewer_name": "Dr Sam Sample",
        "reviewer_credentials": "MBBS, general practitioner",
        "related_pages": streamfield([]),
        "references": streamfield([]),
    }


@pytest.fixture
def article_form_data():
    """Build what the admin's article form posts, nested StreamField blocks included."""

    def build(title: str = "Sciatica explained", **overrides) -> dict:
        care_card = {
            "title": "When to get help",
            "emergency": streamfield([("item", "Weakness in both legs")]),
            "see_doctor": streamfield([("item", "Pain that keeps getting worse")]),
            "self_care": streamfield([]),
        }
        key_facts = {
            "title": "Key facts",
            "facts": streamfield([("item", "It usually settles in weeks.")]),
        }
        data = {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "summary": "Why one leg hurts, and what helps.",
            "body": streamfield(
                [
                    ("heading", "What it is"),
                    ("text", rich_text("<p>Sciatica usually affects one leg.</p>")),
                    ("care_card", care_card),
                    ("key_facts", key_facts),
                ]
            ),
            **_review_fields(),
            **overrides,
        }
        return nested_form_data(data)

    return build


@pytest.fixture
def stretch_form_data():
    """Build what the admin's stretch guide form posts; pass ``muscles=[pk, ...]`` to tick some."""

    def build(title: str = "Figure-four stretch", muscles=(), **overrides) -> dict:
        def step(instruction, hold_seconds):
            return ("step", {"instruction": instruction, "image": "", "hold_seconds": hold_seconds})

        data = {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "summary": "Loosens the buttock.",
            "purpose": rich_text("<p>Eases a tight piriformis.</p>"),
            "difficulty": "gentle",
            "equipment": "A mat",
            "start_position": rich_text("<p>Lie on your back.</p>"),
            "steps": streamfield([step("Cross one ankle.", "0"), step("Hold.", "30")]),
            "repetitions": "2",
            "sets": "1",
            "sides": "both",
            "rest_seconds": "15",
            "safety_notes": rich_text("<ul><li>Stop if pain shoots down the leg.</li></ul>"),
            "when_not_to_do_it": rich_text("<ul><li>Soon after hip surgery.</li></ul>"),
            **_review_fields(),
            **overrides,
        }
        form_data = nested_form_data(data)
        # A multiple-choice field posts one value per ticked box, which nested_form_data
        # would flatten into numbered keys.
        form_data["muscles"] = [str(pk) for pk in muscles]
        return form_data

    return build
