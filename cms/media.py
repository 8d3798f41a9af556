"""Serving uploads: an SVG is a document that can run script, so never show one inline.

Uploaded SVGs (Wagtail keeps SVG originals and renditions as SVG) are sent as
attachments under a policy that allows no script, no fetch and no plugin; an
``<img>`` still shows them, because browsers ignore ``Content-Disposition`` for
images embedded in a page. Django serves ``media/`` only in development (this
view); in production the same headers must come from nginx or the object store
(see ``cms.storage`` and the README's "Running in production").
"""

from django.conf import settings
from django.views import static

SVG_HEADERS = {
    "Content-Disposition": "attachment",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
}


def is_svg(name: str) -> bool:
    return name.lower().endswith((".svg", ".svgz"))


def serve(request, path):
    """``django.views.static.serve`` from ``MEDIA_ROOT``, with the SVG headers added."""
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    if is_svg(path):
        for name, value in SVG_HEADERS.items():
            response[name] = value
    return response
