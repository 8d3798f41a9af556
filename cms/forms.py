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
        if self.data.get("action-publish"):
            problems += page.review_problems()
        for problem in problems:
            self.add_error(None, problem)
