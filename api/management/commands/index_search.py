"""``manage.py index_search``: bring readers' search index up to date, all at once.

Searches keep the index in step by themselves, a bounded share per request, so
this is needed only where that share would be large: after ``migrate`` on a
library that has never been indexed, or after a release that changes how text
is indexed (the whole library is indexed again). Safe to run at any time.
"""

import time

from django.core.management.base import BaseCommand

from api.models import SearchEntry
from api.search import store


class Command(BaseCommand):
    help = "Index every change readers' search has not taken in yet."

    def handle(self, *args, verbosity=1, **options):
        started = time.monotonic()
        store.sync(everything=True)
        if verbosity:
            pages, seconds = SearchEntry.objects.count(), time.monotonic() - started
            self.stdout.write(f"Search index up to date: {pages} pages ({seconds:.1f} s).")
