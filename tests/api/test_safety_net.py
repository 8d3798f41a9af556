"""The safety net in the API: typed, resolved, first after the summary, and in JSON-LD."""

from cms.models import ArticlePage, StretchGuidePage
from tests import factories

LEVELS = ["emergency", "urgent", "gp_soon", "self_care"]
# What a reader acts on: the advice that must come after the safety net.
SELF_HELP_KEYS = {"body", "start_position", "steps", "purpose"}


def _detail(client, page):
    kind = "articles" if isinstance(page, ArticlePage) else "stretches"
    response = client.get(f"/api/v1/{kind}/{page.id}/")
    assert response.status_code == 200, response.content
    return response.json()


def test_every_live_demo_page_serves_its_safety_net_before_any_self_help(
    client, demo_library, no_throttle
):
    pages = list(ArticlePage.objects.live()) + list(StretchGuidePage.objects.live())
    for page in pages:
        data = _detail(client, page)
        keys = list(data)
        assert keys.index("safety_net") == keys.index("summary") + 1, page.slug
        first_help = min(keys.index(key) for key in SELF_HELP_KEYS if key in keys)
        assert keys.index("safety_net") < first_help, page.slug
        net = data["safety_net"]
        assert net["emergency"] and net["urgent"], page.slug
        assert net["emergency_call"]["href"] == "tel:999"
        assert net["urgent_call"]["href"] == "tel:111"


def test_the_safety_net_is_resolved_page_signs_first(client, library):
    page = factories.publish(
        factories.StretchGuidePageFactory(
            parent=library.stretches, safety_net_urgent="Pain that spreads down the leg"
        )
    )
    net = _detail(client, page)["safety_net"]
    assert net["urgent"][0] == "Pain that spreads down the leg"
    assert net["urgent"][1:] == factories.DEFAULT_SAFETY_NET["urgent"].splitlines()
    assert net["emergency_call"] == {
        "label": "Emergency: call 999 or go to A&E",
        "number": "999",
        "href": "tel:999",
    }


def test_json_ld_carries_the_safety_net_as_a_page_part(client, article):
    data = _detail(client, article)
    (part,) = data["json_ld"]["hasPart"]
    assert part["@type"] == "WebPageElement"
    assert part["cssSelector"] == "#when-to-get-help"
    emergency = part["hasPart"][0]
    assert emergency["itemListElement"] == data["safety_net"]["emergency"]
    assert emergency["potentialAction"]["target"] == "tel:999"


def test_clinic_serves_the_numbers_and_the_default_safety_net(client, library):
    data = client.get("/api/v1/clinic/").json()
    assert data["emergency_call"]["href"] == "tel:999"
    assert data["urgent_call"] == {"label": "NHS 111", "number": "111", "href": "tel:111"}
    assert list(data["safety_net"])[:4] == LEVELS


def test_the_schema_types_the_safety_net(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    assert list(components["SafetyNet"]["properties"]) == [
        *LEVELS,
        "emergency_call",
        "urgent_call",
    ]
    for detail in ("ArticleDetail", "StretchDetail"):
        field = components[detail]["properties"]["safety_net"]
        assert field["allOf"] == [{"$ref": "#/components/schemas/SafetyNet"}]
        assert "safety_net" in components[detail]["required"]
