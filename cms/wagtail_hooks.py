from axes.models import AccessAttempt

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.clinical_review import send_back_if_changed
from cms.content_checks import content_warnings
from cms.delivery import middleware as delivery
from cms.models import (
    ArticlePage,
    BodyRegion,
    BookingRequest,
    CallToAction,
    Muscle,
    ReviewerProfile,
    SearchSynonym,
    StretchGuidePage,
)
from cms.models.library import LibraryPage
from cms.reviews import clearing_step, pages_due_for_review


class MuscleViewSet(SnippetViewSet):
    model = Muscle
    icon = "user"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class BodyRegionViewSet(SnippetViewSet):
    model = BodyRegion
    icon = "site"
    list_display = ["name", "slug", "view"]
    sort_order_field = "sort_order"


class CallToActionViewSet(SnippetViewSet):
    model = CallToAction
    icon = "mail"
    list_display = ["heading", "action", "button_label"]


class SearchSynonymViewSet(SnippetViewSet):
    """Readers' words for library terms; only Moderators may change them (migration 0006)."""

    model = SearchSynonym
    icon = "search"
    menu_label = "Search synonyms"
    list_display = ["phrase", "terms"]
    search_fields = ["phrase", "terms"]


class BookingRequestViewSet(SnippetViewSet):
    """Readers' booking requests: visible only to groups given "view booking request"."""

    model = BookingRequest
    icon = "mail"
    menu_label = "Booking requests"
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["reference", "received_at", "service", "status"]
    list_filter = ["status", "service"]
    panels = [FieldPanel("status")]
    copy_view_enabled = False

    def register_chooser_viewset(self):
        """No chooser: nothing links to a booking request, and Wagtail's chooser lists
        (and counts) a model's rows for anyone in the admin, whatever their permissions."""


register_snippet(BookingRequestViewSet)


class ReviewerProfileViewSet(SnippetViewSet):
    """Who may sign clinical reviews; kept by administrators (superusers only by default)."""

    model = ReviewerProfile
    icon = "user"
    list_display = ["display_name", "profession", "credentials"]


class SignInLockoutViewSet(SnippetViewSet):
    """django-axes' failed sign-ins, for superusers: deleting a row unlocks that account
    or address at once (the cool-off unlocks it anyway). Replaces axes' Django-admin page,
    so the Django admin need not be installed."""

    model = AccessAttempt
    icon = "lock"
    menu_label = "Sign-in lockouts"
    add_to_settings_menu = True
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def register_chooser_viewset(self):
        """Nothing links to an attempt; see ``BookingRequestViewSet``."""


register_snippet(SignInLockoutViewSet)


class LibraryViewSetGroup(SnippetViewSetGroup):
    menu_label = "Library"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (
        MuscleViewSet,
        BodyRegionViewSet,
        CallToActionViewSet,
        SearchSynonymViewSet,
        ReviewerProfileViewSet,
    )


register_snippet(LibraryViewSetGroup)


class ReviewDuePanel(Component):
    """Dashboard list of pages whose medical review is overdue or due soon."""

    name = "review_due"
    order = 50
    template_name = "cms/panels/review_due.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        return {
            "rows": [(page, clearing_step(page, user)) for page in pages_due_for_review()],
            "warning_days": settings.REVIEW_DUE_WARNING_DAYS,
        }


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel())


@hooks.register("before_serve_page")
def refuse_expired_and_name_the_page(page, request, serve_args, serve_kwargs):
    """A page past its expiry time is gone, whether or not ``publish_scheduled`` has run.

    Wagtail leaves it live until the cron unpublishes it; until then it would be
    served in full. A library page also tells the delivery layer that its
    answer shows this page, so publishing another page leaves its copy warm.
    """
    if page.expire_at is not None and page.expire_at <= timezone.now():
        raise Http404("This page has expired.")
    if isinstance(page, ArticlePage | StretchGuidePage):
        delivery.depend_on_page(request, page.id, page.expire_at)


@hooks.register("after_edit_page")
def send_changed_content_back_to_review(request, page):
    if send_back_if_changed(page.specific, request.user):
        messages.warning(
            request,
            "The content changed after its clinical review, so the page went back to the"
            " Clinical review step.",
        )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_content(request, page):
    """Advice the editor sees on every save, before submitting: it never blocks a save."""
    if isinstance(page, LibraryPage):
        for warning in content_warnings(page):
            messages.warning(request, warning)
