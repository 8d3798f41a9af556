"""Only the scripts the server writes itself carry the nonce; the admin's all do.

The nonce used to be stamped onto every inline ``<script>`` of an admin page
after rendering, so a script that reached the HTML by injection ran too.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import wagtail_factories

import wagtail
from wagtail.images.widgets import AdminImageChooser

from cms import admin_scripts
from tests import factories
from tests.ops.test_security_headers import directives
from tests.ops.urls_with_injection import INJECTED

WAGTAIL_TEMPLATES = Path(wagtail.__file__).parent / "admin" / "templates"
OUR_TEMPLATES = Path(admin_scripts.__file__).parent / "templates"
NONCE_ATTRIBUTE = re.compile(r' nonce="[^"]*"')


class InlineScripts(HTMLParser):
    """The page's ``<script>`` elements without ``src`` that a browser would run."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[dict, str]] = []
        self._open: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        runs = attrs.get("type") in (None, "", "text/javascript", "module")
        if tag == "script" and "src" not in attrs and runs:
            self._open = attrs
            self.found.append((attrs, ""))

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.found[-1]
            self.found[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def response_nonce(response) -> str | None:
    sources = directives(response).get("script-src", [])
    nonces = [s for s in sources if s.startswith("'nonce-")]
    assert len(nonces) <= 1
    return nonces[0].removeprefix("'nonce-").removesuffix("'") if nonces else None


@pytest.mark.django_db
@pytest.mark.urls("tests.ops.urls_with_injection")
def test_an_injected_script_in_an_admin_page_gets_no_nonce(client):
    response = client.get("/admin/injected/")

    nonce = response_nonce(response)
    assert nonce
    scripts = InlineScripts(response.content.decode()).found
    injected = [attrs for attrs, text in scripts if 'alert("injected")' in text]
    own = [attrs for attrs, text in scripts if "initDateChooser" in text]
    assert injected == [{}]  # no nonce: the browser refuses it
    assert own == [{"nonce": nonce}]  # Wagtail's date picker, written with the nonce


@pytest.mark.django_db
@pytest.mark.urls("tests.ops.urls_with_injection")
def test_a_reading_page_never_allows_an_inline_script(client, library):
    response = client.get("/injected/")

    assert INJECTED in response.content.decode()
    assert directives(response)["script-src"] == ["'self'"]
    assert "nonce-" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_every_inline_script_of_the_admin_carries_the_responses_nonce(admin_client, library):
    """The editor (choosers, date pickers), settings, listings' date filters, and the
    workflow form (inline panel, page and task choosers): each script will run."""
    article = factories.publish(factories.ArticlePageFactory(parent=library.conditions))
    screens = [
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/add/cms/articlepage/{library.conditions.pk}/",
        f"/admin/settings/cms/clinicsettings/{library.site.pk}/",
        f"/admin/pages/{article.pk}/history/",
        "/admin/workflows/add/",
    ]
    for url in screens:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        nonce = response_nonce(response)
        scripts = InlineScripts(response.content.decode()).found
        assert scripts, url
        assert [attrs.get("nonce") for attrs, _ in scripts] == [nonce] * len(scripts), url


@pytest.mark.django_db
def test_admin_pages_without_inline_scripts_get_no_nonce(admin_client):
    response = admin_client.get("/admin/")
    assert not InlineScripts(response.content.decode()).found
    assert directives(response)["script-src"] == ["'self'"]


@pytest.mark.parametrize(
    "name",
    [
        "wagtailadmin/widgets/date_input.html",
        "wagtailadmin/widgets/time_input.html",
        "wagtailadmin/widgets/datetime_input.html",
        "wagtailadmin/panels/inline_panel.html",
        "wagtailadmin/panels/multiple_chooser_panel.html",
    ],
)
def test_overridden_admin_templates_differ_from_wagtails_only_by_the_nonce(name):
    """Fails when a Wagtail upgrade changes one: take Wagtail's new text, add the nonce."""
    ours = (OUR_TEMPLATES / name).read_text()
    theirs = (WAGTAIL_TEMPLATES / name).read_text()
    ours = NONCE_ATTRIBUTE.sub("", ours)
    ours = re.sub(r"{% load admin_scripts %}\n?|{# .* #}\n", "", ours)
    if ours.startswith("{% extends"):  # only the block with the script is ours
        block = re.compile(r"{% block js_init %}.*?{% endblock %}", re.S)
        assert block.search(ours).group() == block.search(theirs).group()
    else:
        assert ours == theirs


@pytest.mark.django_db
def test_choosers_render_as_wagtails_do_but_with_the_nonce(library):
    widget = AdminImageChooser()
    attrs = {"id": "id_hero_image"}
    ours = widget.render("hero_image", None, attrs)
    theirs = admin_scripts.WAGTAIL_CHOOSER_RENDER(widget, "hero_image", None, attrs)

    assert '<script nonce="">new ImageChooser(' in ours  # outside a request: an empty nonce
    assert NONCE_ATTRIBUTE.sub("", ours) == theirs


@pytest.mark.django_db
def test_a_chosen_images_title_cannot_carry_a_nonced_script(library):
    image = wagtail_factories.ImageFactory(title="<script>alert(1)</script>")
    widget = AdminImageChooser()

    html = widget.render("hero_image", image.pk, {"id": "id_hero_image"})

    assert html.count("nonce=") == 1
    assert html.index("nonce=") > html.index("&lt;script&gt;alert(1)"), "Wagtail's script only"
