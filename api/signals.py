"""Wire CMS events to the public change log (connected in ``ApiConfig.ready``)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from api import changes
from api.models import ContentChange
from cms.delivery import versions
from cms.models import (
    ArticlePage,
    BodyRegion,
    BookingPage,
    CallToAction,
    ClinicSettings,
    Muscle,
    RoutinePage,
    SafetyNetSettings,
    SearchSynonym,
    SectionPage,
    StretchGuidePage,
    StretchIndexPage,
)

Kind = changes.Kind
LIBRARY_PAGE_MODELS = (ArticlePage, StretchGuidePage, RoutinePage)
# What a moderated snippet's row gets when a draft is saved, submitted or locked:
# the live values are untouched, so the public library has not changed.
DRAFT_BOOKKEEPING = frozenset(
    {"latest_revision", "has_unpublished_changes", "locked", "locked_by", "locked_at"}
)


def _is_draft_bookkeeping(update_fields) -> bool:
    return update_fields is not None and set(update_fields) <= DRAFT_BOOKKEEPING


def remember_url_path(sender, instance, **kwargs):
    """Note where a section was, so publishing it under a new slug can be spotted."""
    if instance.pk:
        instance._url_path_before_save = (
            Page.objects.filter(pk=instance.pk).values_list("url_path", flat=True).first()
        )


def on_page_published(sender, instance, **kwargs):
    versions.bump()  # pages outside the log (home) too; logged ones also bump their own tag
    moved = getattr(instance, "_url_path_before_save", instance.url_path) != instance.url_path
    if moved:
        # A new slug gives every page below a new URL: mirrors must fetch them again.
        changes.record_subtree(instance)
    else:
        changes.record_page(instance)
    if isinstance(instance, BookingPage):
        on_booking_page_changed()
    on_stretch_changed(instance)


def on_stretch_changed(page):
    """A routine embeds its stretch guides' steps, pictures and safety notes."""
    if isinstance(page, StretchGuidePage):
        changes.record_pages_updated(_live_routines_using(page))


def _pages_referring_to(obj) -> set[int]:
    references = ReferenceIndex.get_references_to(obj).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    return {int(object_id) for object_id in references.values_list("object_id", flat=True)}


def _live_routines_using(page):
    return RoutinePage.objects.live().filter(id__in=_pages_referring_to(page))


def on_page_unpublished(sender, instance, **kwargs):
    versions.bump()
    # Wagtail also sends this just before deleting a live page, with a copy that still
    # says live: logging that would be a bogus update. The delete itself is logged.
    if not changes.is_public(instance):
        changes.record_page(instance)
    if isinstance(instance, BookingPage):
        on_booking_page_changed()
    on_stretch_changed(instance)


def on_booking_page_changed(**kwargs):
    """The clinic and every "form" call to action link to the booking page, or to nothing."""
    changes.record(Kind.CLINIC, 0, visible=True)
    uses_form = Q(call_to_action__action=CallToAction.Action.FORM)
    if ClinicSettings.objects.filter(default_cta__action=CallToAction.Action.FORM).exists():
        uses_form |= Q(call_to_action__isnull=True)
    for model in LIBRARY_PAGE_MODELS:
        changes.record_pages_updated(model.objects.live().filter(uses_form))


def on_page_deleted(sender, instance, **kwargs):
    changes.record_page(instance, deleted=True)
    on_stretch_changed(instance)


def on_page_moved(sender, instance, **kwargs):
    changes.record_subtree(instance)


def on_view_restriction_changed(sender, instance, origin=None, **kwargs):
    # A restriction also goes when its page is deleted; the page's own delete is logged.
    if origin is None or isinstance(origin, PageViewRestriction):
        changes.record_subtree(instance.page)


def _live_pages_using(**lookups):
    for model in LIBRARY_PAGE_MODELS:
        yield from model.objects.live().filter(**lookups)


def on_muscle_saved(sender, instance, update_fields=None, **kwargs):
    if _is_draft_bookkeeping(update_fields):
        return
    changes.record(Kind.MUSCLE, instance.id, visible=instance.live)
    changes.record_pages_updated(_live_pages_using(muscles=instance))


def on_muscle_deleted(sender, instance, **kwargs):
    changes.record(Kind.MUSCLE, instance.id, visible=False, deleted=True)


def on_region_saved(sender, instance, update_fields=None, **kwargs):
    if _is_draft_bookkeeping(update_fields):
        return
    changes.record(Kind.REGION, instance.id, visible=instance.live)
    changes.record_pages_updated(_live_pages_using(regions=instance))
    for muscle in instance.muscles.filter(live=True):
        changes.record(Kind.MUSCLE, muscle.id, visible=True)


def on_region_deleted(sender, instance, **kwargs):
    changes.record(Kind.REGION, instance.id, visible=False, deleted=True)


def on_muscle_regions_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Muscle):
        changes.record(Kind.MUSCLE, instance.id, visible=instance.live)


def on_call_to_action_saved(sender, instance, update_fields=None, **kwargs):
    if _is_draft_bookkeeping(update_fields):
        return
    uses_it = Q(call_to_action=instance)
    if ClinicSettings.objects.filter(default_cta=instance).exists():
        uses_it |= Q(call_to_action__isnull=True)
        changes.record(Kind.CLINIC, 0, visible=True)
    for model in LIBRARY_PAGE_MODELS:
        changes.record_pages_updated(model.objects.live().filter(uses_it))


def on_image_changed(sender, instance, **kwargs):
    """Pages carry an image's description (its title), file and renditions.

    Wagtail's reference index knows every page using the image, as hero,
    illustration or body block. On delete this runs before the index forgets them.
    """
    ids = _pages_referring_to(instance)
    if ids:
        changes.record_pages_updated(_live_pages_using(id__in=ids))


def on_help_settings_saved(sender, instance, **kwargs):
    """Clinic details and the default safety net appear on every library page.

    The emergency and urgent numbers, their labels and the default "when to get
    help" lists are part of every article's and stretch guide's representation,
    so a mirror (and every kept copy) must refresh them all.
    """
    changes.record(Kind.CLINIC, 0, visible=True)
    for model in LIBRARY_PAGE_MODELS:
        changes.record_pages_updated(model.objects.live())


def on_synonyms_changed(sender, instance, **kwargs):
    """Synonyms change search answers and the offline index, not any page: no log entry."""
    versions.bump()


def on_change_logged(sender, instance, created, **kwargs):
    """Every logged change makes cold the kept answers that show it (``cms.delivery``).

    A page's own answers, and those of pages linking to it (their links and
    cards show its title and whether it is public); a page that left the public
    library is "gone", so no copy of it is served even as a stale one. Sections
    and the clinic appear around every page (the frame).
    """
    if not created:
        return
    tags, gone = set(), set()
    if instance.kind in (Kind.ARTICLE, Kind.STRETCH, Kind.SECTION):
        tag = versions.page_tag(instance.object_id)
        (gone if instance.removes else tags).add(tag)
        tags |= {versions.page_tag(page_id) for page_id in _pages_linking_to(instance.object_id)}
    if instance.kind in (Kind.SECTION, Kind.CLINIC):
        tags.add(versions.FRAME)
    versions.bump(tags, gone=gone)


def _pages_linking_to(page_id: int) -> set[int]:
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.objects.filter(
        to_content_type=page_type, to_object_id=str(page_id), base_content_type=page_type
    )
    return {int(object_id) for object_id in references.values_list("object_id", flat=True)}


def connect() -> None:
    post_save.connect(on_change_logged, sender=ContentChange, dispatch_uid="api-change-logged")
    versions.on_expiry(changes.record_expiries)
    page_published.connect(on_page_published, dispatch_uid="api-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="api-page-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="api-page-moved")
    for model in (SectionPage, StretchIndexPage):
        pre_save.connect(remember_url_path, sender=model, dispatch_uid=f"api-url-path-{model}")
    for model in changes.PAGE_KINDS:
        post_delete.connect(on_page_deleted, sender=model, dispatch_uid=f"api-delete-{model}")
    post_delete.connect(on_booking_page_changed, sender=BookingPage)
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction)
    post_delete.connect(on_view_restriction_changed, sender=PageViewRestriction)
    post_save.connect(on_muscle_saved, sender=Muscle)
    post_delete.connect(on_muscle_deleted, sender=Muscle)
    m2m_changed.connect(on_muscle_regions_changed, sender=Muscle.regions.through)
    post_save.connect(on_region_saved, sender=BodyRegion)
    post_delete.connect(on_region_deleted, sender=BodyRegion)
    post_save.connect(on_call_to_action_saved, sender=CallToAction)
    post_save.connect(on_help_settings_saved, sender=ClinicSettings)
    post_save.connect(on_help_settings_saved, sender=SafetyNetSettings)
    post_save.connect(on_synonyms_changed, sender=SearchSynonym)
    post_delete.connect(on_synonyms_changed, sender=SearchSynonym)
    post_save.connect(on_image_changed, sender=get_image_model())
    pre_delete.connect(on_image_changed, sender=get_image_model())
