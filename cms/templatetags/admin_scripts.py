"""``{% script_nonce %}``: the response's nonce, for a script the template writes itself.

Used by the overrides of Wagtail's widget and panel templates (``cms.admin_scripts``).
"""

from django import template

from cms.content_security import script_nonce as current_nonce

register = template.Library()


@register.simple_tag
def script_nonce() -> str:
    return current_nonce()
