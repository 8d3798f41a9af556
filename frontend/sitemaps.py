"""``/sitemap.xml``: an index of sitemap pages, each at most ``PAGE_SIZE`` URLs.

Wagtail's sitemap lists every live, public page in one answer, which grows with
the library (seconds and hundreds of kilobytes at a few thousand articles).
Django's sitemap framework splits it: the index names ``/sitemap-pages.xml``,
``?p=2`` and so on, and each of those costs the same whatever the library's size.
Pages whose expiry time has passed are left out: Wagtail leaves an expired page
live until ``publish_scheduled`` runs; the public-page rule (``api.selectors``)
already leaves it out everywhere else.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import index as wagtail_index
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from api import selectors
from cms.site_url import absolute_url

# Search engines accept 50,000; a few hundred keep each answer quick (~0.5 ms a URL).
PAGE_SIZE = 250


class LibrarySitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        return super().items().filter(id__in=selectors.public_pages().values("id"))

    def _urls(self, page, protocol, domain):
        """Wagtail's locations use the page's Site record; ours use ``SITE_URL``."""
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = absolute_url(_path_and_query(url["location"]))
        return urls

    def get_latest_lastmod(self):
        """The index's ``lastmod`` from one aggregate: Django's default reads every page."""
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


SITEMAPS = {"pages": LibrarySitemap}


def index(request):
    """Django names each sitemap page on the request's host; we name it on ``SITE_URL``."""
    response = wagtail_index(request, SITEMAPS, sitemap_url_name="frontend:sitemap-section")
    response.context_data["sitemaps"] = [
        SitemapIndexItem(absolute_url(_path_and_query(item.location)), item.last_mod)
        for item in response.context_data["sitemaps"]
    ]
    return response


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def section(request, section):
    return wagtail_sitemap(request, SITEMAPS, section=section)
