"""The installable web app in templates: django-pwa's settings, without its inline script.

django-pwa's ``{% progressive_web_app_meta %}`` registers the service worker in
an inline ``<script>``, which the site's Content-Security-Policy refuses
(``script-src 'self'``, see ``cms/settings/content_security.py``);
``frontend/js/offline-library.js`` registers it instead, and these tags write the rest.
"""

import json

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

register = template.Library()


@register.inclusion_tag("frontend/includes/webapp_meta.html")
def webapp_meta():
    """The manifest link, icons and home-screen names, for every page's <head>."""
    return {
        "name": settings.PWA_APP_NAME,
        "short_name": settings.PWA_APP_SHORT_NAME,
        "apple_icons": settings.PWA_APP_ICONS_APPLE,
    }


@register.simple_tag
def webapp_short_name():
    """``short_name`` for manifest.json, as JSON: django-pwa 2.0 has no setting for it."""
    return mark_safe(json.dumps(settings.PWA_APP_SHORT_NAME))
