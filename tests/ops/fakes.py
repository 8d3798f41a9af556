"""Stand-ins for the outside world: an e-mail server that fails, a CDN that records purges."""

from django.core.mail.backends.base import BaseEmailBackend

from wagtail.contrib.frontend_cache.backends import BaseBackend


class BrokenEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


class RecordingPurgeBackend(BaseBackend):
    """A frontend cache that only remembers which URLs it was told to purge."""

    purged: list[str] = []

    def purge(self, url):
        self.purged.append(url)
