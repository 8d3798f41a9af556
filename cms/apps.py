from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Back pain library"

    def ready(self):
        from cms import search_index

        search_index.connect()
