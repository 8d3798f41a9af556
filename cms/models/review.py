"""Clinical review: reviewers' profiles and the workflow step only they can approve.

Approving the "Clinical review" step stamps the page's review fields from the
approver's own profile (``cms.clinical_review.stamp_review``), so nobody types a
reviewer's name or a review date into a page.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import AbstractGroupApprovalTask, TaskState


class ReviewerProfile(models.Model):
    """Who a clinical reviewer is, as pages credit them."""

    class Profession(models.TextChoices):
        GP = "gp", "General practitioner"
        DOCTOR = "doctor", "Doctor (other specialty)"
        PHYSIOTHERAPIST = "physiotherapist", "Physiotherapist"
        NURSE = "nurse", "Nurse"
        OSTEOPATH = "osteopath", "Osteopath"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    display_name = models.CharField(max_length=120, help_text="As shown on pages.")
    profession = models.CharField(max_length=20, choices=Profession.choices)
    credentials = models.CharField(
        max_length=200, help_text="Qualifications and registration, e.g. MSc, HCPC registered."
    )

    panels = [
        FieldPanel("user"),
        FieldPanel("display_name"),
        FieldPanel("profession"),
        FieldPanel("credentials"),
    ]

    class Meta:
        ordering = ["display_name"]
        verbose_name = "clinical reviewer"

    def __str__(self):
        return f"{self.display_name} ({self.get_profession_display()})"

    @property
    def reviews_exercise(self) -> bool:
        return self.profession in settings.CLINICAL_REVIEW_EXERCISE_PROFESSIONS

    @property
    def signature(self) -> str:
        """The credentials line a page shows: qualifications, then profession."""
        return f"{self.credentials}, {self.get_profession_display().lower()}"


class ClinicalReviewTask(AbstractGroupApprovalTask):
    """A workflow step only members of its groups with a reviewer profile can approve.

    Pages that carry no medical content (home, sections, booking) pass through it.
    Superusers get no special right here: a review needs a reviewer.
    """

    def _is_reviewed_page(self, obj) -> bool:
        from cms.clinical_review import is_reviewed_page

        return is_reviewed_page(obj)

    @staticmethod
    def _specific(obj):
        """Pages come as ``Page``; moderated snippets (muscles, ...) share the workflow as-is."""
        return getattr(obj, "specific", obj)

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        if not self._is_reviewed_page(self._specific(workflow_state.content_object)):
            task_state.status = TaskState.STATUS_SKIPPED
            task_state.save(update_fields=["status"])
        return task_state

    def may_approve(self, obj, user) -> bool:
        from cms.clinical_review import reviewer_may_review

        return self._user_in_groups(user) and reviewer_may_review(
            getattr(user, "reviewer_profile", None), self._specific(obj)
        )

    def user_can_access_editor(self, obj, user):
        return self._user_in_groups(user)

    def locked_for_user(self, obj, user):
        return not self._user_in_groups(user)

    def get_actions(self, obj, user):
        if not self._user_in_groups(user):
            return []
        actions = [("reject", _("Request changes"), True)]
        if self.may_approve(obj, user):
            actions += [
                ("approve", _("Approve and sign the clinical review"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self._user_in_groups(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            from cms.clinical_review import stamp_review

            page = self._specific(task_state.workflow_state.content_object)
            if not self.may_approve(page, user):
                raise PermissionDenied("Only a clinical reviewer can approve this step.")
            stamp_review(page=page, reviewer=user.reviewer_profile, user=user)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Clinical reviewers check the medical content; approving signs the page's review.")

    class Meta:
        verbose_name = "clinical review task"
        verbose_name_plural = "clinical review tasks"
