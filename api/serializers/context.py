"""What every serializer of one request shares, looked up once per request."""

from functools import cached_property

from wagtail.images import get_image_model
from wagtail.models import Page

from api import selectors
from cms.models import ClinicSettings, SafetyNetSettings
from cms.site_url import absolute_url, page_url


class RepresentationContext:
    """Request-scoped lookups, so a list of N pages costs the same queries as one page."""

    def __init__(self, request):
        self.request = request
        self.pictures = {}

    def step_pictures(self, pages) -> dict:
        """The pictures of these guides' steps by id, with their renditions, fetched once.

        A guide's steps name their pictures by id; loading them through the
        StreamField would cost a query per guide and one per picture's renditions.
        """
        wanted = (
            {step["value"].get("image") for page in pages for step in page.steps.raw_data}
            - {None}
            - self.pictures.keys()
        )
        if wanted:
            images = get_image_model().objects.prefetch_related("renditions").in_bulk(wanted)
            self.pictures |= {pk: images.get(pk) for pk in wanted}  # None: deleted since
        return self.pictures

    def absolute(self, path: str) -> str:
        return absolute_url(path)

    def page_url(self, page: Page) -> str:
        return page_url(page, self.request)

    @cached_property
    def clinic(self) -> ClinicSettings:
        return ClinicSettings.for_request(self.request)

    @cached_property
    def default_safety_net(self) -> SafetyNetSettings:
        return SafetyNetSettings.for_request(self.request)

    @cached_property
    def sections(self) -> list[Page]:
        return selectors.public_sections()

    @cached_property
    def sections_by_path(self) -> dict[str, Page]:
        return {section.path: section for section in self.sections}

    def section_of(self, page: Page) -> Page | None:
        return self.sections_by_path.get(page.path[: -Page.steplen])

    @cached_property
    def booking_page_url(self) -> str | None:
        page = selectors.public_booking_page()
        return self.page_url(page) if page else None


def for_request(request) -> RepresentationContext:
    """The request's shared context, created on first use.

    Kept on the request itself rather than in one serializer's context, so a page
    built from several serializers (the home: the navigation, then a list per
    section) looks each thing up once, not once per list.
    """
    http_request = getattr(request, "_request", request)  # DRF wraps Django's request
    if not hasattr(http_request, "representation_context"):
        http_request.representation_context = RepresentationContext(request)
    return http_request.representation_context


def representation_context(serializer_context: dict) -> RepresentationContext:
    """The shared context of the request a serializer is working for."""
    if "representation" not in serializer_context:
        serializer_context["representation"] = for_request(serializer_context["request"])
    return serializer_context["representation"]
