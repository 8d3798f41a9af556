"""What the demo loader last wrote to each page, so ``--update`` can leave editors' work alone."""

from django.db import models


class DemoContentRecord(models.Model):
    """The revision the loader published for a page, and a fingerprint of its source file.

    A page whose latest revision is not this one has been changed since (by an
    editor, a reviewer, anyone): ``load_demo_content --update`` never touches it.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="demo_record"
    )
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    source_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "demo content record"

    def __str__(self):
        return f"Demo content of page {self.page_id}"
