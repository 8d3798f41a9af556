"""Give Wagtail's Editors and Moderators groups the library's snippets and settings.

Wagtail's own migrations create both groups, their page permissions (editors
submit, moderators publish) and the "Moderators approval" workflow on the whole
tree; this adds what our models need. Moderators alone change clinic settings.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "add_muscle",
    "change_muscle",
    "add_bodyregion",
    "change_bodyregion",
    "add_calltoaction",
    "change_calltoaction",
]
MODERATOR_PERMISSIONS = EDITOR_PERMISSIONS + [
    "delete_muscle",
    "delete_bodyregion",
    "delete_calltoaction",
    "change_clinicsettings",
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create ours now.
    # The historical app config has no models module, which create_permissions
    # only uses as a "has models" flag.
    app_config = apps.get_app_config("cms")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in (
        ("Editors", EDITOR_PERMISSIONS),
        ("Moderators", MODERATOR_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="cms", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="cms"))


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
