"""API keys are Wagtail's own API tokens, issued and revoked by staff in the admin.

Reading needs no key; a valid key lifts the anonymous rate limit. A key that is
malformed, unknown or revoked is refused outright, so a partner notices at once.
"""

import datetime

from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from wagtail.models import APIToken

# The admin's "last used" column needs no more precision than this; one write per
# key per minute at most, however busy the partner.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def record_use(api_token: APIToken) -> None:
    """Stamp ``last_used_at``, unless it was stamped within the last minute.

    A conditional UPDATE, so concurrent requests from several workers still write
    at most once in the minute.
    """
    now = timezone.now()
    if api_token.last_used_at is not None and now - api_token.last_used_at < LAST_USED_PRECISION:
        return
    stale = APIToken.objects.filter(pk=api_token.pk).exclude(
        last_used_at__gt=now - LAST_USED_PRECISION
    )
    if stale.update(last_used_at=now):
        api_token.last_used_at = now


class APITokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("Send the key as 'Authorization: Bearer <key>'.")
        token = parts[1].decode("latin-1")
        if not APIToken.validate_token_format(token):
            raise AuthenticationFailed("That is not a valid API key.")
        api_token = (
            APIToken.objects.select_related("user")
            .filter(key_hash__in=APIToken.candidate_key_hashes(token), revoked_at__isnull=True)
            .first()
        )
        if api_token is None or not api_token.user.is_active:
            raise AuthenticationFailed("Unknown or revoked API key.")
        record_use(api_token)
        return (api_token.user, api_token)

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
