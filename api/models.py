"""The public change log behind ``/api/v1/changes/``, ETags and response caching."""

from django.db import models


class ContentChange(models.Model):
    """One event in the public library: something became visible, changed, or went away.

    The auto-incrementing id is the feed's cursor. Rows hold no content and no
    editor data, only what a mirror needs to know which resource to refetch or drop.
    """

    class Action(models.TextChoices):
        PUBLISH = "publish"
        UPDATE = "update"
        UNPUBLISH = "unpublish"
        DELETE = "delete"

    class Kind(models.TextChoices):
        ARTICLE = "article"
        STRETCH = "stretch"
        ROUTINE = "routine"
        MUSCLE = "muscle"
        REGION = "region"
        SECTION = "section"
        CLINIC = "clinic"

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"#{self.id} {self.action} {self.kind} {self.object_id}"

    @property
    def removes(self) -> bool:
        return self.action in (self.Action.UNPUBLISH, self.Action.DELETE)
