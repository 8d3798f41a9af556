"""Page passwords count towards sign-in lockout, like admin passwords.

Wagtail's password form (``wagtail.views.authenticate_with_password``) checks
the password itself and never calls ``authenticate()``, so django-axes would
not see a guess. This wraps it: a locked-out client gets axes' lockout answer,
and a wrong password is reported to axes through Django's ``user_login_failed``
signal, with the restriction as the "account" being guessed.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response

from django.contrib.auth.signals import user_login_failed
from django.views.decorators.http import require_http_methods

from wagtail import views as wagtail_views


def _credentials(restriction_id: int) -> dict:
    return {"username": f"page-password-{restriction_id}"}


@require_http_methods(["GET", "HEAD", "POST"])
def authenticate_with_password(request, page_view_restriction_id, page_id):
    credentials = _credentials(page_view_restriction_id)
    if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, credentials=credentials)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST" and response.status_code == 200:
        # Wagtail re-renders the form (200) on a wrong password and redirects on a right one.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return response
