import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

# username -> (Wagtail group, or None for a superuser). The reviewers' profiles come
# from the demo library (load_demo_content), which creates them without a password.
DEV_USERS = {
    "admin": None,
    "editor": "Editors",
    "moderator": "Moderators",
    "gp-reviewer": "Clinical reviewers",
    "physio-reviewer": "Clinical reviewers",
}


class Command(BaseCommand):
    help = (
        "Development only: (re)create the admin, editor, moderator and reviewer accounts with "
        "fresh random passwords and print them."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create development accounts when DEBUG is off.")
        User = get_user_model()
        lines = []
        for username, group_name in DEV_USERS.items():
            password = secrets.token_urlsafe(12)
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.is_staff = group_name is None
            user.is_superuser = group_name is None
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.set([Group.objects.get(name=group_name)])
            lines.append(f"  {username:<10} {password}   ({group_name or 'superuser'})")
        self.stdout.write(
            "\nLog in to the admin at http://127.0.0.1:8000/admin/ with one of these "
            "development accounts (new passwords on every start):\n" + "\n".join(lines) + "\n"
        )
