from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Back pain library"

    def ready(self):
        from cms import (
            admin_scripts,
            checks,  # noqa: F401  (registers the deploy checks)
            search_index,
        )

        search_index.connect()
        admin_scripts.install()
