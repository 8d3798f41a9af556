"""A "Clinic staff" group: the only non-superusers who may see booking requests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Clinic staff"
CODENAMES = ["view_bookingrequest", "change_bookingrequest", "delete_bookingrequest"]


def create_group(apps, schema_editor):
    app_config = apps.get_app_config("cms")
    app_config.models_module = True  # see 0002: create_permissions reads it as a flag
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="cms", codename__in=CODENAMES),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_booking_requests"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
