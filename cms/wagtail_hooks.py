from django.conf import settings

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import BodyRegion, BookingRequest, CallToAction, Muscle, SearchSynonym
from cms.reviews import pages_due_for_review


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


register_snippet(BookingRequestViewSet)


class LibraryViewSetGroup(SnippetViewSetGroup):
    menu_label = "Library"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (MuscleViewSet, BodyRegionViewSet, CallToActionViewSet, SearchSynonymViewSet)


register_snippet(LibraryViewSetGroup)


class ReviewDuePanel(Component):
    """Dashboard list of pages whose medical review is overdue or due soon."""

    name = "review_due"
    order = 50
    template_name = "cms/panels/review_due.html"

    def get_context_data(self, parent_context):
        return {
            "pages": pages_due_for_review(),
            "warning_days": settings.REVIEW_DUE_WARNING_DAYS,
        }


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel())
