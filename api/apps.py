from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Public API"

    def ready(self):
        from api import signals, throttling
        from cms.delivery import middleware as delivery

        signals.connect()
        # Kept answers skip DRF, not the anonymous rate limit.
        delivery.admit_with("/api/", throttling.refuse_kept_read_over_rate)
