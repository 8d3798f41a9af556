"""What the last clinical review signed, so changed content cannot go live under it.

Pages reviewed before this field existed have no digest: their next publish needs
a clinical review (``load_demo_content --update`` re-signs the untouched demo pages).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0013_routine_start_here"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="reviewed_content",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="A digest of the content the last clinical review signed (see content_digest).",
                max_length=64,
            ),
        ),
        migrations.AddField(
            model_name="routinepage",
            name="reviewed_content",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="A digest of the content the last clinical review signed (see content_digest).",
                max_length=64,
            ),
        ),
        migrations.AddField(
            model_name="stretchguidepage",
            name="reviewed_content",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="A digest of the content the last clinical review signed (see content_digest).",
                max_length=64,
            ),
        ),
    ]
