"""Fill the benchmark database: the demo library, then generated articles like its own.

Each generated article borrows the body, related pages, references and taxonomy
of a demo article (so every block type and link appears, in realistic sizes)
and is published through a revision, as an editor would.

Run as ``python -m tests.benchmarks.build [COUNT]`` with the bench settings.
"""

import itertools
import sys

import django

GENERATED_ARTICLES = 300


def build(count: int = GENERATED_ARTICLES) -> int:
    from django.core.management import call_command
    from django.db import transaction

    from cms.models import ArticlePage, SectionPage

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_content", verbosity=0)
    models = list(ArticlePage.objects.live().specific().order_by("id"))
    sections = list(SectionPage.objects.live().order_by("path"))
    with transaction.atomic():
        for n, model, section in zip(
            range(count), itertools.cycle(models), itertools.cycle(sections), strict=False
        ):
            page = ArticlePage(
                title=f"{model.title} (variant {n + 1})",
                slug=f"{model.slug}-variant-{n + 1}",
                summary=model.summary,
                body=model.body.raw_data,
                related_pages=model.related_pages.raw_data,
                references=model.references.raw_data,
                call_to_action=model.call_to_action,
                last_reviewed=model.last_reviewed,
                next_review_due=model.next_review_due,
                reviewer_name=model.reviewer_name,
                reviewer_credentials=model.reviewer_credentials,
                live=False,
            )
            section.add_child(instance=page)
            page.muscles = list(model.muscles.all())
            page.regions = list(model.regions.all())
            page.save_revision().publish()
    return ArticlePage.objects.live().count()


if __name__ == "__main__":
    django.setup()
    total = build(int(sys.argv[1]) if len(sys.argv) > 1 else GENERATED_ARTICLES)
    print(f"Benchmark library: {total} published articles.")
