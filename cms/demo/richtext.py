"""Turn the demo files' light markup into what Wagtail stores.

Demo text links to other demo pages as ``<a href="page:SLUG">``; Wagtail stores
internal links by page id (``<a linktype="page" id="N">``) so they survive moves.
"""

import re
from collections.abc import Callable, Iterable

from django.utils.html import escape

PAGE_LINK = re.compile(r'<a href="page:([\w-]+)">')


def resolve_page_links(html: str, page_id_for: Callable[[str], int]) -> str:
    return PAGE_LINK.sub(lambda match: f'<a linktype="page" id="{page_id_for(match[1])}">', html)


def bullet_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"
