"""The editor's form for articles and stretch guides: the publishing rules, before submit.

A draft may be saved incomplete (Wagtail defers required fields then); a
submission for review or a publish is refused while the page breaks a rule
that ``LibraryPage.save`` would refuse anyway, so the editor sees why in the form.
"""

from wagtail.admin.forms import WagtailAdminPageForm


class LibraryPageForm(WagtailAdminPageForm):
    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted content
        if self.is_deferred_validation:
            return
        from cms.models.library import site_holding

        page = self.instance
        problems = page.safety_net_problems(site_holding(self.parent_page))
        if self.data.get("action-publish") or self._approves_after_clinical_review():
            problems += page.review_problems()
        for problem in problems:
            self.add_error(None, problem)

    def _approves_after_clinical_review(self) -> bool:
        """An approval at a later step publishes what was signed: the content must be unchanged."""
        from cms.clinical_review import past_clinical_review

        approving = self.data.get("action-workflow-action") and (
            self.data.get("workflow-action-name") == "approve"
        )
        return bool(approving) and self.instance.pk and past_clinical_review(self.instance)
