from django.core.management.base import BaseCommand

from cms.demo.loader import load_demo_library


class Command(BaseCommand):
    help = "Build the demo back-pain library. Creates what is missing and changes nothing else."

    def handle(self, *args, **options):
        created = load_demo_library()
        if not created.total():
            self.stdout.write("The demo library is already loaded; nothing changed.")
            return
        summary = ", ".join(f"{count} {name}" for name, count in created.items() if count)
        self.stdout.write(self.style.SUCCESS(f"Demo library loaded: {summary}."))
