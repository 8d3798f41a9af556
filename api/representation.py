"""The public representation for in-process readers: our own web pages.

The front end renders exactly what ``/api/v1/`` serves, by calling these
functions instead of the ORM, so a phone's cached page and a partner's JSON
can never disagree. Each takes the current request (for absolute URLs and the
site's clinic settings) and returns plain data.
"""

from cms.models import (
    ArticlePage,
    ClinicSettings,
    RoutinePage,
    StretchGuidePage,
    StretchIndexPage,
)

from . import selectors
from .serializers import context as shared
from .serializers.catalogue import (
    ClinicSerializer,
    MuscleSerializer,
    RegionSerializer,
    SectionSerializer,
)
from .serializers.pages import (
    ArticleDetailSerializer,
    ArticleSummarySerializer,
    StretchDetailSerializer,
    StretchSummarySerializer,
)
from .serializers.routines import (
    RoutineDetailSerializer,
    RoutineSummarySerializer,
    plan_representation,
)
from .serializers.search import SearchResultSerializer

DETAIL_SERIALIZERS = {
    ArticlePage: ArticleDetailSerializer,
    StretchGuidePage: StretchDetailSerializer,
    RoutinePage: RoutineDetailSerializer,
}


def _context(request) -> dict:
    return {"request": request}


def page_detail(page, request) -> dict:
    """An article or stretch guide, as ``/api/v1/{articles,stretches}/{id}/`` serves it.

    Works on previews too: the page may be an unsaved revision.
    """
    return DETAIL_SERIALIZERS[type(page)](page, context=_context(request)).data


def article_summaries(request, pages) -> list[dict]:
    """Articles (a list or one page of a longer one) as ``/api/v1/articles/`` lists them."""
    return ArticleSummarySerializer(pages, many=True, context=_context(request)).data


def stretch_summaries(request, pages) -> list[dict]:
    return StretchSummarySerializer(pages, many=True, context=_context(request)).data


def search_results(request, pages) -> list[dict]:
    """Search hits as ``/api/v1/search/`` gives them."""
    return SearchResultSerializer(pages, many=True, context=_context(request)).data


def routines(request) -> list[dict]:
    queryset = selectors.public_routines().order_by("title")
    return RoutineSummarySerializer(queryset, many=True, context=_context(request)).data


def plan(request, entries: list[dict]) -> dict:
    """A routine made on a phone (``api.plans``), in the shape of a routine's detail."""
    return plan_representation(entries, _context(request))


def sections(request) -> list[dict]:
    sections = shared.for_request(request).sections
    return SectionSerializer(sections, many=True, context=_context(request)).data


def sections_with_pages(request, *, per_section: int) -> list[dict]:
    """Every section, with how many pages it holds and its first few, most useful first.

    A constant number of queries whatever the library's size: one count for all
    sections, then one bounded list per section (and there are only a handful).
    """
    sections = shared.for_request(request).sections
    counts = selectors.library_counts_by_section(sections)
    shapes = SectionSerializer(sections, many=True, context=_context(request)).data
    result = []
    for section, shape in zip(sections, shapes, strict=True):
        pages = selectors.pages_for_readers(section)[:per_section]
        summaries = (
            stretch_summaries if isinstance(section, StretchIndexPage) else article_summaries
        )
        result.append({**shape, "count": counts[section.id], "pages": summaries(request, pages)})
    return result


def start_here(request, *, limit: int) -> list[dict]:
    """The first few "start here" articles, as ``/api/v1/articles/`` lists them."""
    return article_summaries(request, selectors.start_here_articles()[:limit])


def muscles(request) -> list[dict]:
    return MuscleSerializer(selectors.muscles(), many=True, context=_context(request)).data


def regions(request) -> list[dict]:
    return RegionSerializer(selectors.regions(), many=True, context=_context(request)).data


def clinic(request) -> dict:
    settings = ClinicSettings.for_request(request)
    return ClinicSerializer(settings, context=_context(request)).data
