"""The public representation for in-process readers: our own web pages.

The front end renders exactly what ``/api/v1/`` serves, by calling these
functions instead of the ORM, so a phone's cached page and a partner's JSON
can never disagree. Each takes the current request (for absolute URLs and the
site's clinic settings) and returns plain data.
"""

from cms.models import ArticlePage, ClinicSettings, RoutinePage, StretchGuidePage

from . import search as library_search
from . import selectors
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


def articles(request, *, section=None) -> list[dict]:
    queryset = selectors.public_articles().order_by("title")
    if section is not None:
        queryset = queryset.child_of(section)
    return ArticleSummarySerializer(queryset, many=True, context=_context(request)).data


def stretches(request) -> list[dict]:
    queryset = selectors.public_stretches().order_by("title")
    return StretchSummarySerializer(queryset, many=True, context=_context(request)).data


def routines(request) -> list[dict]:
    queryset = selectors.public_routines().order_by("title")
    return RoutineSummarySerializer(queryset, many=True, context=_context(request)).data


def plan(request, entries: list[dict]) -> dict:
    """A routine made on a phone (``api.plans``), in the shape of a routine's detail."""
    return plan_representation(entries, _context(request))


def sections(request) -> list[dict]:
    return SectionSerializer(selectors.public_sections(), many=True, context=_context(request)).data


def muscles(request) -> list[dict]:
    return MuscleSerializer(selectors.muscles(), many=True, context=_context(request)).data


def regions(request) -> list[dict]:
    return RegionSerializer(selectors.regions(), many=True, context=_context(request)).data


def clinic(request) -> dict:
    settings = ClinicSettings.for_request(request)
    return ClinicSerializer(settings, context=_context(request)).data


def search(request, query: str, *, limit: int = 30) -> dict:
    """``{"results": [...], "suggestion": "..."}``: the first page of ``/api/v1/search/``."""
    answer = library_search.search(query)
    results = SearchResultSerializer(answer.pages[:limit], many=True, context=_context(request))
    return {"results": results.data, "suggestion": answer.suggestion}
