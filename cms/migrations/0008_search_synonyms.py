"""Search synonyms: readers' words for the library's terms, kept by moderators.

Synonyms change what every reader's search returns, on every page, so only
Moderators (who already approve what is published) may add, change or delete
them; Editors may not. A starting list is loaded so search understands common
lay words from day one; editors maintain it in the admin under Library.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

MODERATOR_PERMISSIONS = ["add_searchsynonym", "change_searchsynonym", "delete_searchsynonym"]
STARTING_SYNONYMS = {
    "pain down my leg": "sciatica",
    "leg pain": "sciatica",
    "shooting pain": "sciatica, nerve",
    "trapped nerve": "sciatica, nerve",
    "pinched nerve": "sciatica, nerve",
    "slipped disc": "herniated disc, disc",
    "bulging disc": "herniated disc, disc",
    "bum": "buttock",
    "butt": "buttock",
    "backside": "buttock",
    "glutes": "gluteus, buttock",
    "hammies": "hamstring",
    "pins and needles": "tingling",
    "numb": "numbness",
    "lumbago": "lower back pain",
    "bad back": "back pain",
    "sore back": "back pain",
    "coccyx": "tailbone",
    "emergency": "urgent care",
    "rub": "massage",
}


def grant_and_load(apps, schema_editor):
    app_config = apps.get_app_config("cms")
    app_config.models_module = True  # see 0002: create_permissions reads it as a flag
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cms", codename__in=MODERATOR_PERMISSIONS
        )
    )
    SearchSynonym = apps.get_model("cms", "SearchSynonym")
    for phrase, terms in STARTING_SYNONYMS.items():
        SearchSynonym.objects.get_or_create(phrase=phrase, defaults={"terms": terms})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_clinical_reviewers_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "phrase",
                    models.CharField(
                        help_text='What a reader might type, for example "pain down my leg" or "bum".',
                        max_length=100,
                        unique=True,
                    ),
                ),
                (
                    "terms",
                    models.CharField(
                        help_text='The library\'s words for it, for example "sciatica". Separate alternatives with commas: "herniated disc, slipped disc".',
                        max_length=200,
                    ),
                ),
            ],
            options={"verbose_name": "search synonym", "ordering": ["phrase"]},
        ),
        migrations.RunPython(grant_and_load, migrations.RunPython.noop),
    ]
