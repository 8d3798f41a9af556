"""Long lists, one bounded page at a time: ``?page=N``, rendered on the server.

A section, a body region or a search can hold thousands of pages; each page of
the list costs the same however long the list is (a count and one page of rows).
The first page has no query string, so it is the one shared caches keep; later
pages are reached by plain links marked ``rel="next"``/``rel="prev"``, which work
without JavaScript and which the offline library can follow.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404

PARAM = "page"
PER_PAGE = 20


@dataclass
class Listing:
    """One page of a list: its items (already in their public shape) and the way on."""

    items: list
    number: int
    start: int  # the first item's position in the whole list, from 1
    pages: int
    count: int
    previous_url: str | None
    next_url: str | None

    @property
    def paginated(self) -> bool:
        return self.pages > 1


def page_number(request) -> int:
    """The page asked for: 1 when absent; a 400 for anything but a whole number from 1."""
    raw = request.GET.get(PARAM)
    if raw is None:
        return 1
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1 or len(raw) > 6:
        raise BadRequest(f"'{PARAM}' must be a whole number from 1.")
    return int(raw)


def page_url(request, number: int) -> str:
    """This list's URL at page ``number``, keeping the other parameters (a search's ``q``).

    Page 1 carries no ``page`` parameter: one URL per page of content.
    """
    params = [(key, value) for key, value in request.GET.items() if key != PARAM]
    if number > 1:
        params.append((PARAM, str(number)))
    return request.path + (f"?{urlencode(params)}" if params else "")


def paginate(
    request,
    queryset,
    serialize,
    *,
    per_page: int | None = None,
    number: int | None = None,
    past_end_empty: bool = False,
) -> Listing:
    """One page of ``queryset``, its items passed through ``serialize``.

    A page past the end is a 404 (the first page is simply empty), or an empty
    page with ``past_end_empty``, for lists that turn the page together. A
    search's results (which count and slice like a queryset) work as well.
    """
    number = page_number(request) if number is None else number
    paginator = Paginator(queryset, per_page or PER_PAGE, allow_empty_first_page=True)
    try:
        page = paginator.page(number)
    except EmptyPage:
        if not past_end_empty:
            raise Http404(f"This list has no page {number}.") from None
        return Listing([], number, 0, paginator.num_pages, paginator.count, None, None)
    return Listing(
        items=serialize(list(page.object_list)),
        number=page.number,
        start=page.start_index(),
        pages=paginator.num_pages,
        count=paginator.count,
        previous_url=page_url(request, number - 1) if page.has_previous() else None,
        next_url=page_url(request, number + 1) if page.has_next() else None,
    )
