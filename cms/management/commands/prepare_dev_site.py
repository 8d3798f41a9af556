"""``make run``'s set-up in one process: migrate, load the demo library, make dev users.

One Django start-up instead of three, so a second ``make run`` with nothing to
do is serving within seconds. Each step is the ordinary command, safe to repeat.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Development: migrate, load the demo library if missing, and (re)create dev users."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo_content", stdout=self.stdout)
        call_command("create_dev_users", stdout=self.stdout)
