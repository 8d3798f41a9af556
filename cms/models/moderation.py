"""Snippets that readers see go through the same review as pages.

``ModeratedSnippet`` gives a snippet drafts, revisions, locking and Wagtail's
moderation workflow: an editor's change is saved as a revision and reaches the
site, the API and the changes feed only when a moderator publishes it. The
database row holds the published (live) values; drafts live in revisions, so
reading the row, filtered to ``live=True``, is reading what is public.

To moderate another snippet (synonyms, say):

1. subclass ``ModeratedSnippet`` (before ``models.Model``; plain many-to-many
   fields become ``ParentalManyToManyField`` so revisions carry them);
2. run ``makemigrations``, and in a data migration call
   ``moderation_migrations.moderate("cms", ["<model>"])`` (grants editors
   add/change, moderators publish, and puts the model on the
   "Moderators approval" workflow);
3. read it through a selector that filters ``live=True``, and connect its
   change-log handlers to Wagtail's ``published``/``unpublished`` signals, not
   ``post_save`` (which also fires when a draft is saved).

See https://docs.wagtail.org/en/stable/topics/snippets/features.html
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models

from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin


class ModeratedSnippet(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions
