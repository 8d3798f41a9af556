import statistics

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.content_checks import reading_grade
from cms.models import ArticlePage, StretchGuidePage


class Command(BaseCommand):
    help = "Print the Flesch-Kincaid grade of every live article and stretch guide."

    def handle(self, *args, **options):
        pages = [*ArticlePage.objects.live(), *StretchGuidePage.objects.live()]
        grades = sorted(((reading_grade(page) or 0.0), page.slug) for page in pages)
        for grade, slug in grades:
            flag = "  above the warning" if grade > settings.READING_GRADE_WARNING else ""
            self.stdout.write(f"{grade:5.1f}  {slug}{flag}")
        if grades:
            values = [grade for grade, _ in grades]
            self.stdout.write(
                f"{len(values)} pages: median {statistics.median(values):.1f}, "
                f"min {values[0]:.1f}, max {values[-1]:.1f}"
            )
