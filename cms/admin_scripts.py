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
wraps it to name Wagtail's own script with the nonce. Form widgets never see the
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
    """Wagtail's chooser, with this response's nonce on the script that starts it.

    Wagtail writes the widget's HTML, then ``<script>`` and its start-up code.
    Whatever the widget shows (a chosen image's title, say) is HTML-escaped, so
    the first literal ``<script>`` is always Wagtail's own: only that one is named.
    """
    html = WAGTAIL_CHOOSER_RENDER(self, name, value, attrs, renderer)
    widget, opening, script = str(html).partition("<script>")
    if not opening:
        return html
    return mark_safe(f'{widget}<script nonce="{escape(script_nonce())}">{script}')


def install():
    BaseChooser.render = render_chooser
