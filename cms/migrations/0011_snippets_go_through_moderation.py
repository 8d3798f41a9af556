"""Muscles, body regions and calls to action are reviewed like pages (cms.moderation)."""

from django.db import migrations

from cms.moderation import moderate, unmoderate

MODELS = ["muscle", "bodyregion", "calltoaction"]


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0010_moderated_snippets"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: moderate(apps, "cms", MODELS),
            lambda apps, schema_editor: unmoderate(apps, "cms", MODELS),
        )
    ]
