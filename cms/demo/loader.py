"""Build the demo library from the YAML files in ``content/``.

Create-only by default: anything that already exists (matched by slug, or by
heading for calls to action) is left exactly as it is, so ``make run`` can load
the library on every start without undoing an editor's work, and a second run
changes and duplicates nothing. With ``update=True`` a page whose file changed
is rewritten too, but only if its latest revision is still the one the loader
published (``DemoContentRecord``): a page anyone else has touched is kept.

Reviews are signed as the workflow signs them (``cms.clinical_review``), by the
fictional reviewers ``site.yaml`` defines; their accounts cannot log in unless
``create_dev_users`` (development only) gives them a password.

Pages are created in two passes because they link to each other: the first
reserves every missing page (as an unpublished draft) so that it has an id, the
second writes the full content with its links and publishes it as a revision.
"""

import hashlib
import json
from collections import Counter
from io import BytesIO
from pathlib import Path

import yaml

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from willow.image import Image as WillowImage

from cms.clinical_review import stamp_review
from cms.models import (
    ArticlePage,
    BodyRegion,
    BookingPage,
    CallToAction,
    ClinicSettings,
    DemoContentRecord,
    HomePage,
    Muscle,
    ReviewerProfile,
    SafetyNetSettings,
    SectionPage,
    StretchGuidePage,
    StretchIndexPage,
)
from cms.models.safety import LEVEL_KEYS
from cms.search_index import indexed_once_at_the_end

from . import illustrations, poses, routines
from .blocks import BlockContext, stream_data
from .richtext import bullet_list

CONTENT_DIR = Path(__file__).resolve().parent / "content"
ILLUSTRATION_COLLECTION = "Stretch illustrations"
POSE_COLLECTION = "Stretch step pictures"


def read_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_library(content_dir: Path = CONTENT_DIR) -> dict:
    return {
        "site": read_yaml(content_dir / "site.yaml"),
        "safety_net": read_yaml(content_dir / "safety-net.yaml"),
        "taxonomy": read_yaml(content_dir / "taxonomy.yaml"),
        "topics": read_yaml(content_dir / "topics.yaml"),
        "articles": [read_yaml(p) for p in sorted((content_dir / "articles").glob("*.yaml"))],
        "stretches": [read_yaml(p) for p in sorted((content_dir / "stretches").glob("*.yaml"))],
        "routines": [read_yaml(p) for p in sorted((content_dir / "routines").glob("*.yaml"))],
    }


def source_hash(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def save_svg_image(svg: str, filename: str, **fields):
    """Store a drawing made in code as a Wagtail image (``fields``: title, description, ...)."""
    data = svg.encode()
    # Django's ImageField cannot measure an SVG; Willow can.
    width, height = WillowImage.open(BytesIO(data)).get_size()
    image = get_image_model()(**fields)
    image.file.save(filename, ContentFile(data), save=False)
    image.width, image.height = width, height
    image._set_image_file_metadata()
    image.save()
    return image


class DemoLibraryLoader:
    def __init__(self, library: dict, *, update: bool = False):
        self.library = library
        self.update = update
        self.created = Counter()

    @transaction.atomic
    def load(self) -> Counter:
        self.regions = self._load_regions()
        self.muscles = self._load_muscles()
        self.ctas = self._load_ctas()
        self.home = self._ensure_home()
        self._ensure_clinic_settings()
        self._ensure_safety_net()
        self.reviewers = self._ensure_reviewers()
        self.sections = self._ensure_sections()
        self._ensure_booking_page()
        self.illustrations = self._ensure_illustrations()
        self.poses = self._ensure_poses()
        self.pages = self._library_pages_by_slug()
        reserved = self._reserve_missing_pages()
        for page, data in reserved:
            self._write_and_publish(page, data)
        if self.update:
            for page, data in self._pages_to_update(reserved):
                for field, value in self._own_fields(type(page), data).items():
                    setattr(page, field, value)
                self._write_and_publish(page, data)
                self.created["updated pages"] += 1
        self._load_routines()
        return self.created

    # Snippets -----------------------------------------------------------

    def _get_or_create(self, model, lookup: dict, defaults: dict):
        obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
        self.created[model._meta.verbose_name_plural] += created
        return obj, created

    def _load_regions(self) -> dict[str, BodyRegion]:
        regions = {}
        for order, data in enumerate(self.library["taxonomy"]["regions"]):
            fields = {k: data[k] for k in ("name", "description", "view")}
            regions[data["slug"]], _ = self._get_or_create(
                BodyRegion, {"slug": data["slug"]}, {**fields, "sort_order": order}
            )
        return regions

    def _load_muscles(self) -> dict[str, Muscle]:
        muscles = {}
        for data in self.library["taxonomy"]["muscles"]:
            fields = {k: data[k] for k in ("name", "location", "action", "pain_pattern")}
            muscle, created = self._get_or_create(Muscle, {"slug": data["slug"]}, fields)
            if created:
                muscle.regions.set([self.regions[slug] for slug in data["regions"]])
                muscle.save()  # a ParentalManyToManyField is stored on save
            muscles[data["slug"]] = muscle
        return muscles

    def _load_ctas(self) -> dict[str, CallToAction]:
        ctas = {}
        for key, data in self.library["site"]["ctas"].items():
            defaults = {k: v for k, v in data.items() if k != "heading"}
            ctas[key], _ = self._get_or_create(CallToAction, {"heading": data["heading"]}, defaults)
        return ctas

    # Site structure -----------------------------------------------------

    def _ensure_home(self) -> HomePage:
        """Make a ``HomePage`` the default site's root, replacing Wagtail's welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        data = self.library["site"]["home"]
        root = Page.get_first_root_node()
        welcome = site.root_page if site else None
        if welcome and type(welcome.specific) is Page and welcome.is_leaf():
            welcome.delete()
        home = root.add_child(
            instance=HomePage(title=data["title"], slug="home", intro=data["intro"])
        )
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": home, "site_name": data["title"], "hostname": "localhost"},
        )
        self.created["home pages"] += 1
        return home

    def _ensure_clinic_settings(self) -> None:
        data = self.library["site"]["clinic"]
        clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
        if clinic.default_cta_id:
            return
        for field in ("name", "phone", "email", "booking_url", "address", "opening_hours"):
            setattr(clinic, field, data[field])
        clinic.default_cta = self.ctas[data["default_cta"]]
        clinic.save()
        self.created["clinic settings"] += 1

    def _ensure_safety_net(self) -> None:
        """The clinic's default safety net, filled from ``safety-net.yaml`` while empty.

        Once a clinician has written it, the loader leaves it alone, even with ``--update``.
        """
        net = SafetyNetSettings.for_site(Site.objects.get(is_default_site=True))
        if any(getattr(net, key) for key in LEVEL_KEYS):
            return
        for key in LEVEL_KEYS:
            setattr(net, key, "\n".join(self.library["safety_net"].get(key, [])))
        net.save()
        self.created["safety nets"] += 1

    def _ensure_reviewers(self) -> dict[str, ReviewerProfile]:
        """The fictional clinical reviewers, with accounts that cannot log in."""
        User = get_user_model()
        group = Group.objects.get(name="Clinical reviewers")
        reviewers = {}
        for key, data in self.library["site"]["reviewers"].items():
            user, created = User.objects.get_or_create(
                username=data["username"], defaults={"email": f"{data['username']}@example.org"}
            )
            if created:
                user.set_unusable_password()
                user.save()
                user.groups.add(group)
            fields = {k: data[k] for k in ("display_name", "profession", "credentials")}
            reviewers[key], _ = self._get_or_create(ReviewerProfile, {"user": user}, fields)
        return reviewers

    def _ensure_child(self, parent: Page, model, slug: str, **fields) -> Page:
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        page = parent.add_child(instance=model(slug=slug, live=False, **fields))
        page.save_revision().publish()
        self.created[model._meta.verbose_name_plural] += 1
        return page

    def _ensure_sections(self) -> dict[str, Page]:
        models = {"articles": SectionPage, "stretches": StretchIndexPage}
        return {
            data["slug"]: self._ensure_child(
                self.home,
                models[data["kind"]],
                data["slug"],
                title=data["title"],
                intro=data["intro"],
            )
            for data in self.library["site"]["sections"]
        }

    def _ensure_booking_page(self) -> None:
        data = self.library["site"]["booking"]
        fields = {k: data[k] for k in ("title", "intro", "privacy_note")}
        self._ensure_child(self.home, BookingPage, data["slug"], **fields)

    def _collection(self, name: str) -> Collection:
        root = Collection.get_first_root_node()
        return root.get_children().filter(name=name).first() or root.add_child(name=name)

    def _svg_image(self, collection, title: str, description: str, filename: str, svg: str) -> int:
        """The id of the image called ``title`` in ``collection``, stored from ``svg`` if missing.

        Matched by title, so a second run (with or without ``--update``) adds nothing,
        and an image an editor has replaced or described again is kept as it is.
        """
        image = get_image_model().objects.filter(collection=collection, title=title).first()
        if image is None:
            image = save_svg_image(svg, filename, title=title, description=description,
                                   collection=collection)  # fmt: skip
            self.created[collection.name.lower()] += 1
        return image.id

    def _ensure_illustrations(self) -> dict[str, int]:
        collection = self._collection(ILLUSTRATION_COLLECTION)
        return {
            stretch["slug"]: self._svg_image(
                collection,
                f"{stretch['title']} (illustration)",
                f"Drawing of the {stretch['title'].lower()}",
                f"{stretch['slug']}.svg",
                illustrations.stretch_svg(stretch["slug"]),
            )
            for stretch in self.library["stretches"]
        }

    def _ensure_poses(self) -> dict[tuple[str, str], int]:
        """One picture per stage a stretch's steps use (``pose:`` in its file)."""
        collection = self._collection(POSE_COLLECTION)
        ids = {}
        for stretch in self.library["stretches"]:
            for stage in dict.fromkeys(step["pose"] for step in stretch["steps"]):
                ids[stretch["slug"], stage] = self._svg_image(
                    collection,
                    f"{stretch['title']} ({stage})",
                    poses.pose_title(stretch["slug"], stage),
                    f"{stretch['slug']}-{stage}.svg",
                    poses.pose_svg(stretch["slug"], stage),
                )
        return ids

    # Library pages ------------------------------------------------------

    def _library_pages_by_slug(self) -> dict[str, Page]:
        pages = {}
        for model in (ArticlePage, StretchGuidePage):
            for page in model.objects.descendant_of(self.home):
                pages[page.slug] = page
        return pages

    def _reserve_missing_pages(self) -> list[tuple[Page, dict]]:
        reserved = []
        entries = [
            (ArticlePage, data, self.sections[data["section"]]) for data in self.library["articles"]
        ]
        entries += [
            (StretchGuidePage, data, self.sections["stretches"])
            for data in self.library["stretches"]
        ]
        for model, data, parent in entries:
            if data["slug"] in self.pages:
                continue
            page = model(live=False, **self._own_fields(model, data))
            parent.add_child(instance=page)
            self.pages[data["slug"]] = page
            reserved.append((page, data))
            self.created[model._meta.verbose_name_plural] += 1
        return reserved

    def _pages_to_update(self, reserved) -> list[tuple[Page, dict]]:
        """Existing pages whose file changed (or whose review predates ``reviewed_content``)
        and that nobody but the loader has touched."""
        just_written = {page.slug for page, _ in reserved}
        records = {r.page_id: r for r in DemoContentRecord.objects.all()}
        stale = []
        entries = self.library["articles"] + self.library["stretches"]
        for data in entries:
            if data["slug"] in just_written:
                continue
            page = self.pages[data["slug"]]
            record = records.get(page.id)
            if record is None:
                # Loaded before records were kept: the loader's revisions have no author.
                untouched = bool(page.latest_revision) and page.latest_revision.user_id is None
                changed = True
            else:
                untouched = page.latest_revision_id == record.revision_id
                changed = record.source_hash != source_hash(data)
            unsigned = not page.specific.reviewed_content  # reviewed before digests were kept
            if untouched and (changed or unsigned):
                stale.append((page, data))
        return stale

    def _own_fields(self, model, data: dict) -> dict:
        """Every field that does not link to another library page."""
        net = data.get("safety_net") or {}
        fields = {
            "title": data["title"],
            "slug": data["slug"],
            "summary": data["summary"],
            "start_here": data.get("start_here", False),
            **{f"safety_net_{key}": "\n".join(net.get(key, [])) for key in LEVEL_KEYS},
            "call_to_action": self.ctas[data["cta"]] if data.get("cta") else None,
            "references": [
                {"type": "reference", "value": ref} for ref in data.get("references", [])
            ],
        }
        if model is ArticlePage:
            # Reserved with its title as a stand-in body; the real one links to other pages.
            fields["body"] = [{"type": "heading", "value": data["title"]}]
            return fields
        steps = [
            {
                "type": "step",
                "value": {
                    "instruction": s["instruction"],
                    "hold_seconds": s["hold_seconds"],
                    "image": self.poses[data["slug"], s["pose"]],
                },
            }
            for s in data["steps"]
        ]
        return fields | {
            "difficulty": data["difficulty"],
            "equipment": data["equipment"],
            "steps": steps,
            "repetitions": data["repetitions"],
            "sets": data["sets"],
            "sides": data["sides"],
            "rest_seconds": data["rest_seconds"],
            "safety_notes": bullet_list(data["safety_notes"]),
            "when_not_to_do_it": bullet_list(data["when_not_to_do_it"]),
            "illustration_id": self.illustrations[data["slug"]],
        }

    def _page_id(self, slug: str) -> int:
        try:
            return self.pages[slug].id
        except KeyError:
            raise ValueError(f"The demo library links to an unknown page: {slug!r}") from None

    def _write_and_publish(self, page: Page, data: dict) -> None:
        ctx = BlockContext(
            page_id_for=self._page_id, illustration_id_for=self.illustrations.__getitem__
        )
        page.related_pages = [
            {"type": "page", "value": self._page_id(s)} for s in data.get("related", [])
        ]
        page.muscles = [self.muscles[slug] for slug in data.get("muscles", [])]
        page.regions = [self.regions[slug] for slug in data.get("regions", [])]
        if isinstance(page, ArticlePage):
            page.body = stream_data(data["body"], ctx)
        else:
            page.purpose = ctx.html(data["purpose"])
            page.start_position = ctx.html(data["start_position"])
        self._sign_and_publish(page, data)

    def _sign_and_publish(self, page, data: dict) -> None:
        """Publish the page as signed by its fictional reviewer, and remember what was written."""
        page.save_revision()
        review = data["review"]
        revision = stamp_review(
            page=page, reviewer=self.reviewers[review["reviewer"]], on=review["last_reviewed"]
        )
        revision.publish()
        DemoContentRecord.objects.update_or_create(
            page=page, defaults={"revision": revision, "source_hash": source_hash(data)}
        )

    def _load_routines(self) -> None:
        stretches = self.sections["stretches"]
        existing = set(stretches.get_children().values_list("slug", flat=True))
        for data in self.library.get("routines", []):
            if data["slug"] in existing:
                continue
            page = routines.routine_page(
                data,
                page_id_for=self._page_id,
                ctas=self.ctas,
                muscles=self.muscles,
                regions=self.regions,
            )
            stretches.add_child(instance=page)
            self._sign_and_publish(page, data)
            self.created["routines"] += 1


def load_demo_library(content_dir: Path = CONTENT_DIR, *, update: bool = False) -> Counter:
    with indexed_once_at_the_end():
        return DemoLibraryLoader(read_library(content_dir), update=update).load()
