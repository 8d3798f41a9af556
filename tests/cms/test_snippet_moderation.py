"""Snippets that readers see go through review: an editor's change waits for a moderator.

Finding: an editor changed the clinic's default call to action to an outside
"Pay deposit" link, and a muscle's name, and both were live at once.
"""

import pytest

from django.urls import reverse

from cms.models import CallToAction, ClinicSettings, Muscle
from tests import factories

pytestmark = pytest.mark.django_db


def _feed_cursor(client) -> int:
    return client.get("/api/v1/changes/", {"limit": 1000}).json()["next_since"]


def _snippet_url(model, view, *args) -> str:
    return reverse(f"wagtailsnippets_cms_{model._meta.model_name}:{view}", args=args)


def _approve(client, moderator, obj):
    obj.refresh_from_db()
    task_state = obj.current_workflow_state.current_task_state
    client.force_login(moderator)
    response = client.post(
        _snippet_url(type(obj), "workflow_action", obj.pk, "approve", task_state.pk),
        {"comment": ""},
    )
    assert response.status_code in (200, 302), response.content[:500]
    client.logout()


def test_an_editors_call_to_action_change_is_invisible_until_a_moderator_approves(
    client, editor, moderator, library, article
):
    cta = library.clinic.default_cta
    cursor = _feed_cursor(client)
    client.force_login(editor)
    response = client.post(
        _snippet_url(CallToAction, "edit", cta.pk),
        {
            "heading": "Pay deposit",
            "text": "",
            "button_label": "Pay deposit",
            "action": "url",
            "url": "https://pay.example.net/",
            "action-submit": "action-submit",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    client.logout()

    assert "Pay deposit" not in client.get("/api/v1/clinic/").content.decode()
    assert "Pay deposit" not in client.get(article.get_url()).content.decode()
    assert "Pay deposit" not in client.get(f"/api/v1/articles/{article.pk}/").content.decode()
    assert client.get("/api/v1/changes/", {"since": cursor}).json()["results"] == []

    _approve(client, moderator, cta)

    assert client.get("/api/v1/clinic/").json()["default_cta"]["button_label"] == "Pay deposit"
    assert "Pay deposit" in client.get(article.get_url()).content.decode()
    assert client.get("/api/v1/changes/", {"since": cursor}).json()["results"]


def test_an_editors_muscle_rename_is_invisible_until_a_moderator_approves(
    client, editor, moderator, library
):
    muscle = factories.MuscleFactory(name="Piriformis", slug="piriformis")
    cursor = _feed_cursor(client)
    client.force_login(editor)
    response = client.post(
        _snippet_url(Muscle, "edit", muscle.pk),
        {
            "name": "Renamed by an editor",
            "slug": "piriformis",
            "location": "Deep in the hip.",
            "action": "Turns the leg outwards.",
            "pain_pattern": "In the buttock.",
            "action-submit": "action-submit",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    client.logout()

    names = [m["name"] for m in client.get("/api/v1/muscles/").json()]
    assert names == ["Piriformis"]
    assert client.get("/api/v1/changes/", {"since": cursor}).json()["results"] == []

    _approve(client, moderator, muscle)

    assert [m["name"] for m in client.get("/api/v1/muscles/").json()] == ["Renamed by an editor"]
    changes = client.get("/api/v1/changes/", {"since": cursor}).json()["results"]
    assert ("update", "muscle", muscle.pk) in [(c["action"], c["type"], c["id"]) for c in changes]


def test_a_new_muscle_is_not_public_until_published(client, editor, library):
    client.force_login(editor)
    response = client.post(
        _snippet_url(Muscle, "add"),
        {
            "name": "Quadratus lumborum",
            "slug": "quadratus-lumborum",
            "location": "Low back.",
            "action": "Bends the trunk sideways.",
            "pain_pattern": "Low back and hip.",
            "action-submit": "action-submit",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert not Muscle.objects.get(slug="quadratus-lumborum").live
    assert client.get("/api/v1/muscles/").json() == []
    assert client.get("/api/v1/articles/", {"muscle": "quadratus-lumborum"}).status_code == 400


def test_editors_cannot_publish_snippets_or_change_clinic_settings(editor, moderator):
    for model in ("muscle", "bodyregion", "calltoaction"):
        assert editor.has_perm(f"cms.change_{model}")
        assert not editor.has_perm(f"cms.publish_{model}")
        assert moderator.has_perm(f"cms.publish_{model}")
    assert not editor.has_perm("cms.change_clinicsettings")
    assert moderator.has_perm("cms.change_clinicsettings")


def test_clinic_settings_edit_view_refuses_an_editor(client, editor, library):
    client.force_login(editor)
    url = reverse("wagtailsettings:edit", args=["cms", "clinicsettings", library.site.pk])
    assert client.get(url).status_code in (302, 403)
    assert ClinicSettings.for_site(library.site).name == "Demo Back Care Clinic"
