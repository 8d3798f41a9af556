"""Fill the benchmark database: the demo library, then generated articles like its own.

Each generated article borrows the content, picture, taxonomy and clinical review
of a demo article (so every block type and link appears, in realistic sizes). It
is saved live and recorded in the public change log, as publishing would, but
without a revision, and the search index is filled once at the end
(``indexed_once_at_the_end``), not page by page: the database backend recomputes
a library-wide title statistic on every insert. Publishing each through a revision
made 5,000 articles take over an hour; what readers and searches see is the same.

Run as ``python -m tests.benchmarks.build [COUNT]`` with the bench settings.
"""

import itertools
import sys

import django

GENERATED_ARTICLES = 300
VARIANT = "-variant-"  # in a generated article's slug
# What a generated article takes from its demo article: all but its place, its name
# and "start here" (editors tick a few first reads, not thousands).
COPIED = (
    "summary",
    "hero_image",
    "body",
    "related_pages",
    "references",
    "call_to_action",
    "safety_net_emergency",
    "safety_net_urgent",
    "safety_net_gp_soon",
    "safety_net_self_care",
    "last_reviewed",
    "next_review_due",
    "reviewer_name",
    "reviewer_credentials",
)


def _copied(model, name: str):
    from wagtail.blocks import StreamValue

    value = getattr(model, name)
    return value.raw_data if isinstance(value, StreamValue) else value


def build(count: int = GENERATED_ARTICLES) -> int:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from api import changes
    from cms.models import ArticlePage, SectionPage
    from cms.search_index import indexed_once_at_the_end

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_content", verbosity=0)
    models = list(ArticlePage.objects.live().specific().order_by("id"))
    muscles = {model.id: list(model.muscles.all()) for model in models}
    regions = {model.id: list(model.regions.all()) for model in models}
    now = timezone.now()
    sections = list(SectionPage.objects.live().order_by("path"))
    with indexed_once_at_the_end(), transaction.atomic():
        for n, model, section in zip(
            range(count), itertools.cycle(models), itertools.cycle(sections), strict=False
        ):
            page = ArticlePage(
                title=f"{model.title} (variant {n + 1})",
                slug=f"{model.slug}{VARIANT}{n + 1}",
                **{name: _copied(model, name) for name in COPIED},
                live=True,
                first_published_at=now,
                last_published_at=now,
                muscles=muscles[model.id],
                regions=regions[model.id],
            )
            # Signed as the Clinical review step would: its model's text was reviewed.
            page.reviewed_content = page.content_digest()
            section.add_child(instance=page)
            changes.record_page(page)
    return ArticlePage.objects.live().count()


if __name__ == "__main__":
    django.setup()
    total = build(int(sys.argv[1]) if len(sys.argv) > 1 else GENERATED_ARTICLES)
    print(f"Benchmark library: {total} published articles.")
