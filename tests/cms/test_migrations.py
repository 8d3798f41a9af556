"""The migrations match the models, and give the editorial groups what they need."""

from io import StringIO

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import GroupPagePermission, Page


def test_models_have_no_missing_migrations(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"makemigrations found model changes with no migration:\n{out.getvalue()}")


def _cms_codenames(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return set(
        group.permissions.filter(content_type__app_label="cms").values_list("codename", flat=True)
    )


def test_editors_can_add_and_change_library_snippets_but_not_delete_them(db):
    assert _cms_codenames("Editors") == {
        f"{action}_{model}"
        for model in ("muscle", "bodyregion", "calltoaction")
        for action in ("add", "change", "lock", "unlock")
    }


def test_only_moderators_can_delete_snippets_and_change_clinic_settings(db):
    moderators = _cms_codenames("Moderators")
    assert _cms_codenames("Editors") < moderators
    assert moderators - _cms_codenames("Editors") == {
        *(
            f"{action}_{model}"
            for model in ("muscle", "bodyregion", "calltoaction")
            for action in ("delete", "publish")
        ),
        "change_clinicsettings",
        # The default safety net: moderators and clinical reviewers keep it.
        "change_safetynetsettings",
        # Synonyms change every reader's search answers (migration 0008).
        "add_searchsynonym",
        "change_searchsynonym",
        "delete_searchsynonym",
    }


def test_only_moderators_may_publish_pages(db):
    root = Page.get_first_root_node()

    def page_permissions(group_name):
        return set(
            GroupPagePermission.objects.filter(group__name=group_name, page=root).values_list(
                "permission__codename", flat=True
            )
        )

    assert "publish_page" not in page_permissions("Editors")
    assert {"add_page", "change_page", "publish_page"} <= page_permissions("Moderators")
