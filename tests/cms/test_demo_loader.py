"""What ``load_demo_content`` builds, and that running it again changes nothing.

The library is loaded once for the module inside a transaction that is rolled
back at the end; each test runs in a savepoint within it, as usual.
"""

import datetime
import re
from collections.abc import Mapping, Sequence
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageLogEntry, Revision, Site

from api.models import ContentChange
from cms.demo.loader import DemoLibraryLoader, read_library
from cms.models import (
    ArticlePage,
    BodyRegion,
    CallToAction,
    ClinicSettings,
    Muscle,
    ReviewerProfile,
    SafetyNetSettings,
    StretchGuidePage,
)

# Every test here must count as a database test: pytest-django sets up the test
# database only for those, and the module fixture below must never see another one.
pytestmark = pytest.mark.django_db

LIBRARY = read_library()
FILES = {page["slug"]: page for page in LIBRARY["articles"] + LIBRARY["stretches"]}


@pytest.fixture(scope="module")
def first_load_output(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("load_demo_content", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def pages(first_load_output) -> dict:
    """Every demo article and stretch guide, by slug."""
    return {
        page.slug: page
        for model in (ArticlePage, StretchGuidePage)
        for page in model.objects.prefetch_related("muscles", "regions")
    }


@pytest.fixture
def clinic(first_load_output) -> ClinicSettings:
    return ClinicSettings.for_site(Site.objects.get(is_default_site=True))


def test_loader_reports_what_it_created(first_load_output):
    assert first_load_output.startswith("Demo library loaded:")
    assert "articles" in first_load_output
    assert "stretch guides" in first_load_output


def test_demo_library_has_at_least_14_articles_and_8_stretch_guides(pages):
    assert ArticlePage.objects.count() >= 14
    assert StretchGuidePage.objects.count() >= 8
    assert set(pages) == set(FILES)


def test_every_demo_page_is_live_under_the_default_site(pages):
    home = Site.objects.get(is_default_site=True).root_page
    for page in pages.values():
        assert page.live, page.slug
        assert page.live_revision_id == page.latest_revision_id, page.slug
        assert page.is_descendant_of(home), page.slug


def test_articles_sit_in_the_section_their_file_names(pages):
    for data in LIBRARY["articles"]:
        assert pages[data["slug"]].get_parent().slug == data["section"]


def test_every_page_is_signed_by_the_reviewer_its_file_names(pages):
    reviewers = LIBRARY["site"]["reviewers"]
    for slug, page in pages.items():
        review = FILES[slug]["review"]
        reviewer = reviewers[review["reviewer"]]
        assert page.last_reviewed == review["last_reviewed"], slug
        assert page.next_review_due == review["last_reviewed"] + datetime.timedelta(days=365)
        assert page.reviewer_name == reviewer["display_name"], slug
        assert page.reviewer_credentials.startswith(reviewer["credentials"]), slug


def test_every_stretch_guide_is_signed_by_a_physiotherapist(pages):
    for data in LIBRARY["stretches"]:
        profile = ReviewerProfile.objects.get(display_name=pages[data["slug"]].reviewer_name)
        assert profile.profession == ReviewerProfile.Profession.PHYSIOTHERAPIST, data["slug"]


def test_demo_reviewers_are_clinical_reviewers_who_cannot_log_in(first_load_output):
    profiles = ReviewerProfile.objects.select_related("user")
    assert profiles.count() == len(LIBRARY["site"]["reviewers"])
    for profile in profiles:
        assert not profile.user.has_usable_password()
        assert profile.user.groups.filter(name="Clinical reviewers").exists()


def test_the_clinics_default_safety_net_comes_from_its_file(clinic):
    net = SafetyNetSettings.for_site(clinic.site).levels()
    assert net == {key: LIBRARY["safety_net"][key] for key in net}
    assert net["emergency"] and net["urgent"]


def test_pages_are_linked_to_the_muscles_and_regions_their_file_names(pages):
    for slug, page in pages.items():
        assert {m.slug for m in page.muscles.all()} == set(FILES[slug].get("muscles", [])), slug
        assert {r.slug for r in page.regions.all()} == set(FILES[slug].get("regions", [])), slug
    assert any(page.muscles.all() for page in pages.values())


def test_every_page_links_to_the_related_pages_its_file_names(pages):
    for slug, page in pages.items():
        related = [block.value.specific.slug for block in page.related_pages]
        assert related, f"{slug} has no related pages"
        assert related == FILES[slug]["related"], slug


def test_every_page_has_a_call_to_action_that_resolves(pages, clinic):
    ctas = LIBRARY["site"]["ctas"]
    assert clinic.default_cta.heading == ctas[LIBRARY["site"]["clinic"]["default_cta"]]["heading"]
    for slug, page in pages.items():
        cta = page.get_call_to_action(clinic)
        assert isinstance(cta, CallToAction), slug
        cta.full_clean()
        if FILES[slug].get("cta"):
            assert cta.heading == ctas[FILES[slug]["cta"]]["heading"], slug
        else:
            assert cta == clinic.default_cta, slug


def test_every_stretch_has_an_svg_illustration_in_the_image_library(pages):
    Image = get_image_model()
    for data in LIBRARY["stretches"]:
        illustration = pages[data["slug"]].illustration
        assert isinstance(illustration, Image), data["slug"]
        assert illustration.is_svg(), data["slug"]
        assert illustration.width > 0 and illustration.height > 0
        with illustration.open_file() as handle:
            assert b"<svg" in handle.read()
    illustrations = {pages[data["slug"]].illustration_id for data in LIBRARY["stretches"]}
    assert len(illustrations) == len(LIBRARY["stretches"]), "stretches share a drawing"


def test_stretch_steps_and_dosage_come_from_the_file(pages):
    for data in LIBRARY["stretches"]:
        page = pages[data["slug"]]
        assert [step.value["instruction"] for step in page.steps] == [
            step["instruction"] for step in data["steps"]
        ]
        assert (page.repetitions, page.sets, page.sides, page.rest_seconds) == (
            data["repetitions"],
            data["sets"],
            data["sides"],
            data["rest_seconds"],
        )


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, Sequence):
        for item in value:
            yield from _strings(item)


def _stored_html(page) -> list[str]:
    if isinstance(page, ArticlePage):
        return list(_strings(page.body.raw_data))
    return [page.purpose, page.start_position]


def test_internal_links_are_stored_as_links_to_live_demo_pages(pages):
    live_ids = set(Page.objects.live().values_list("id", flat=True))
    linked = set()
    for slug, page in pages.items():
        for html in _stored_html(page):
            assert "page:" not in html, f"{slug} keeps an unresolved link: {html}"
            ids = {int(i) for i in re.findall(r'<a linktype="page" id="(\d+)"', html)}
            assert ids <= live_ids, slug
            linked |= ids
    assert linked, "the demo library has no internal links at all"


def test_page_chooser_blocks_point_at_live_demo_pages(pages):
    for slug, page in pages.items():
        if not isinstance(page, ArticlePage):
            continue
        for block in page.body:
            if block.block_type == "stretch":
                assert block.value["stretch"].live, slug
            elif block.block_type == "further_reading":
                for link in block.value:
                    assert link["page"] is None or link["page"].live, slug


def _snapshot() -> dict:
    Image = get_image_model()
    return {
        "pages": list(
            Page.objects.order_by("path").values_list(
                "id", "path", "title", "slug", "live", "latest_revision_id", "last_published_at"
            )
        ),
        "revisions": Revision.objects.count(),
        "page log entries": PageLogEntry.objects.count(),
        "muscles": list(Muscle.objects.order_by("id").values()),
        "muscle regions": list(Muscle.regions.through.objects.order_by("id").values()),
        "regions": list(BodyRegion.objects.order_by("id").values()),
        "calls to action": list(CallToAction.objects.order_by("id").values()),
        "clinic settings": list(ClinicSettings.objects.order_by("id").values()),
        "safety nets": list(SafetyNetSettings.objects.order_by("id").values()),
        "reviewers": list(ReviewerProfile.objects.order_by("id").values()),
        "images": list(Image.objects.order_by("id").values("id", "title", "file")),
        "collections": Collection.objects.count(),
        "sites": list(Site.objects.order_by("id").values()),
        "content changes": ContentChange.objects.count(),
    }


def test_loading_again_creates_and_changes_nothing(first_load_output):
    before = _snapshot()
    assert before["content changes"] > 0, "the first load logged no public changes"
    out = StringIO()

    call_command("load_demo_content", stdout=out)

    assert "nothing changed" in out.getvalue()
    after = _snapshot()
    for key in before:
        assert after[key] == before[key], key


def test_loading_again_keeps_an_editors_change(first_load_output):
    _edit(ArticlePage.objects.get(slug="sciatica"), title="Sciatica, edited")

    call_command("load_demo_content", stdout=StringIO())

    assert ArticlePage.objects.get(slug="sciatica").title == "Sciatica, edited"


def test_loader_recreates_a_deleted_page_only(first_load_output):
    ArticlePage.objects.get(slug="sciatica").delete()
    pages_before = Page.objects.count()

    out = StringIO()
    call_command("load_demo_content", stdout=out)

    assert "1 articles" in out.getvalue()
    assert Page.objects.count() == pages_before + 1
    assert ArticlePage.objects.get(slug="sciatica").live


def _edit(page, user=None, **fields):
    """An editor's change, through review (signed as the workflow would) and published."""
    draft = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.reviewed_content = draft.content_digest()
    draft.save_revision(user=user).publish()


def _library_with(slug: str, **changes) -> dict:
    """The demo library as read from its files, with one page's file changed."""
    library = read_library()
    for data in library["articles"] + library["stretches"]:
        if data["slug"] == slug:
            data.update(changes)
    return library


def test_update_rewrites_an_untouched_page_whose_file_changed(first_load_output):
    DemoLibraryLoader(_library_with("sciatica", summary="A new summary."), update=True).load()

    page = ArticlePage.objects.get(slug="sciatica")
    assert page.summary == "A new summary."
    assert page.live_revision_id == page.latest_revision_id
    assert page.reviewer_name, "the rewritten page was signed again"


def test_every_demo_page_carries_the_digest_of_what_its_reviewer_signed(pages):
    for slug, page in pages.items():
        assert page.reviewed_content == page.content_digest(), slug


def test_update_signs_again_an_untouched_page_reviewed_before_digests_were_kept(
    first_load_output,
):
    ArticlePage.objects.filter(slug="sciatica").update(reviewed_content="")

    created = DemoLibraryLoader(read_library(), update=True).load()

    page = ArticlePage.objects.get(slug="sciatica")
    assert page.reviewed_content == page.content_digest()
    assert created["updated pages"] == 1


def test_update_leaves_a_page_an_editor_changed(first_load_output, django_user_model):
    editor = django_user_model.objects.create_user("eddie-update")
    _edit(ArticlePage.objects.get(slug="sciatica"), user=editor, title="Sciatica, edited")

    created = DemoLibraryLoader(
        _library_with("sciatica", summary="A new summary."), update=True
    ).load()

    page = ArticlePage.objects.get(slug="sciatica")
    assert page.title == "Sciatica, edited"
    assert page.summary != "A new summary."
    assert created["updated pages"] == 0


def test_update_changes_nothing_when_no_file_changed(first_load_output):
    before = _snapshot()

    out = StringIO()
    call_command("load_demo_content", "--update", stdout=out)

    assert "nothing changed" in out.getvalue()
    assert _snapshot() == before


def test_api_gives_every_step_of_every_live_demo_stretch_its_own_picture(first_load_output, client):
    """Each step has a picture, described for someone who cannot see it; a stretch's
    pictures are drawings of that stretch, not shared with another."""
    seen = {}
    for page in StretchGuidePage.objects.live():
        detail = client.get(f"/api/v1/stretches/{page.id}/").json()
        for step in detail["steps"]:
            image = step["image"]
            assert image, (page.slug, step["position"])
            assert image["url"].endswith(".svg") and image["width"] and image["height"]
            assert image["alt"].endswith("."), "the alt text is the pose's description"
            assert image["renditions"]["small"]["url"]
            assert seen.setdefault(image["id"], page.slug) == page.slug, "shared between stretches"
    assert len(seen) >= 2 * StretchGuidePage.objects.live().count()


def test_a_second_load_adds_no_step_pictures(first_load_output):
    pictures = Collection.objects.get(name="Stretch step pictures")
    count = get_image_model().objects.filter(collection=pictures).count()

    DemoLibraryLoader(LIBRARY, update=True).load()

    assert get_image_model().objects.filter(collection=pictures).count() == count
