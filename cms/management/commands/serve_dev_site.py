"""``make run`` in one command: migrate, load the demo library, make dev users, serve.

Every Django start-up costs seconds (Wagtail, DRF and their imports), so the set-up
runs in the same process as the server rather than as separate commands. The
autoreloader re-runs this command in a child process (and again after each code
change); the child only serves: the set-up ran once, and migrate ran the checks.
"""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import autoreload


class Command(BaseCommand):
    help = "Development: migrate, load the demo library if missing, (re)create dev users, serve."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        if os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) != "true":
            call_command("migrate", interactive=False, verbosity=0)
            call_command("load_demo_content", stdout=self.stdout)
            call_command("create_dev_users", stdout=self.stdout)
        call_command("runserver", addrport, skip_checks=True)
