"""``manage.py check_change_log [--repair]``: does the changes feed match the live library?

Without ``--repair`` it only reads, lists each drift and exits 1 when there is
any (for the outage drill, CI and monitoring). With ``--repair`` it appends the
events that fix it, so mirrors replaying the feed converge on the live library
again; run it after bulk edits made outside Wagtail's publish actions.
"""

from django.core.management.base import BaseCommand, CommandError

from api import drift


class Command(BaseCommand):
    help = "Compare the public change log with the live library; --repair appends the fixes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="Append events that remove the drift."
        )

    def handle(self, *args, repair=False, **options):
        found = drift.find_drift()
        for item in found:
            self.stdout.write(str(item))
        if not found:
            self.stdout.write("The change log matches the live library.")
            return
        if repair:
            drift.repair(found)
            self.stdout.write(f"Repaired {len(found)} drift(s) by appending events.")
            return
        raise CommandError(f"{len(found)} drift(s) between the change log and the live library.")
