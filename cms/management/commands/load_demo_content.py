from django.core.management.base import BaseCommand

from cms.demo.loader import load_demo_library


class Command(BaseCommand):
    help = (
        "Build the demo back-pain library. Creates what is missing and changes nothing else; "
        "with --update, also rewrites demo pages whose files changed, unless someone edited them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Bring unedited demo pages up to date with their files.",
        )

    def handle(self, *args, update=False, **options):
        created = load_demo_library(update=update)
        if not created.total():
            self.stdout.write("The demo library is already loaded; nothing changed.")
            return
        summary = ", ".join(f"{count} {name}" for name, count in created.items() if count)
        self.stdout.write(self.style.SUCCESS(f"Demo library loaded: {summary}."))
