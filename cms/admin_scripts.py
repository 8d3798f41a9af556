"""The Wagtail admin's own inline scripts carry the response's nonce, and nothing else does.

Wagtail 8 still writes a few inline ``<script>`` elements that start its widgets:
the date, time and date-time pickers (``wagtailadmin/widgets/*_input.html``), the
choosers for images, documents, pages, snippets and workflow tasks
(``BaseChooser.render``) and the inline panels (``wagtailadmin/panels/
inline_panel.html``, ``multiple_chooser_panel.html``). Their code is Wagtail's
own, filled only with field ids and settings, never with what editors typed.

How each gets a nonce (``cms.content_security.script_nonce``): the templates are
overridden in ``cms/templates/wagtailadmin/`` to add ``nonce="{% script_nonce %}"``
and nothing else (``tests/ops/test_admin_scripts.py`` checks they still match
Wagtail's); ``BaseChooser.render`` builds its script in Python, so ``install()``
swaps in the same method with the nonce attribute. Form widgets never see the
request, hence the tag rather than ``{{ request.csp_nonce }}``; both give the
same per-response nonce.

Chosen over the alternatives: stamping a nonce on every inline script after
rendering (what this replaced) blessed injected scripts too; hashes cannot cover
scripts whose text carries field ids; ``'unsafe-inline'`` (even limited to
``<script>`` elements) lets any injected script run. Remove an override once
Wagtail starts that widget from a script file.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.admin.widgets import BaseChooser

from cms.content_security import script_nonce

WAGTAIL_CHOOSER_RENDER = BaseChooser.render


def render_chooser(self, name, value, attrs=None, renderer=None):
    """``BaseChooser.render`` of Wagtail 8, with this response's nonce on its script."""
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    js = self.render_js_init(id_, name, value_data)
    # As Wagtail marks its own markup safe; only the nonce attribute is new.
    return mark_safe(f'{widget_html}<script nonce="{escape(script_nonce())}">{js}</script>')


def install():
    BaseChooser.render = render_chooser
