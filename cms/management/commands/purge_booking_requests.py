"""Delete booking requests past their retention period: personal data is not kept "in case".

Run daily from cron (the README's "Running in production"). Deleting, not anonymising: a request
without its name and contact is of no use to the clinic, and counts of requests
can be kept elsewhere if ever needed. Admin log entries name only the reference.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.models import BookingRequest


class Command(BaseCommand):
    help = "Delete booking requests received more than BOOKING_RETENTION_DAYS days ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override BOOKING_RETENTION_DAYS (at least 1).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; delete nothing."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.BOOKING_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        expired = BookingRequest.objects.filter(received_at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"{expired.count()} booking request(s) older than {days} days.")
            return
        deleted, _ = expired.delete()
        self.stdout.write(f"Deleted {deleted} booking request(s) older than {days} days.")
