"""Session lifetime: an idle timeout, an absolute timeout, and logout ending every session.

At login the session records when it started and when it was last used. The middleware ends
a session that has been idle too long (30 minutes for staff and dermatologists, 60 for
patients by default) or that is older than SESSION_ABSOLUTE_HOURS. Logout raises the user's
session generation, which is part of the session's auth hash (clinic.models.User), so Django
itself ends the user's sessions in every other browser.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import user_logged_in, user_logged_out
from django.contrib.auth.models import AnonymousUser
from django.dispatch import receiver
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _

from clinic.mfa import SESSION_HAS_DEVICE, services

LOGIN_AT = "session_login_at"
SEEN_AT = "session_seen_at"
# Write the last-activity time at most this often, not on every request.
SEEN_RESOLUTION_SECONDS = 60


def idle_limit_seconds(user) -> int:
    if user.is_patient and not (user.is_staff or user.is_superuser):
        return settings.SESSION_IDLE_MINUTES_PATIENT * 60
    return settings.SESSION_IDLE_MINUTES_STAFF * 60


@receiver(user_logged_in, dispatch_uid="clinic_session_start")
def start_session(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now
    request.session[SESSION_HAS_DEVICE] = services.has_authenticator(user)


@receiver(user_logged_out, dispatch_uid="clinic_session_end_others")
def end_other_sessions(sender, request, user, **kwargs):
    """Logging out ends the user's sessions in every other browser too."""
    if user is not None:
        user.end_all_sessions()


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            session = request.session
            now = int(time.time())
            login_at = session.get(LOGIN_AT)
            seen_at = session.get(SEEN_AT)
            if (
                login_at is None
                or seen_at is None
                or now - seen_at > idle_limit_seconds(user)
                or now - login_at > settings.SESSION_ABSOLUTE_HOURS * 60 * 60
            ):
                return self._expired(request)
            if now - seen_at >= SEEN_RESOLUTION_SECONDS:
                session[SEEN_AT] = now
        return self.get_response(request)

    @staticmethod
    def _expired(request):
        """End this session only (not the user's others) and ask for a new login."""
        request.session.flush()
        request.user = AnonymousUser()
        messages.info(request, _("You were logged out because the session ended. Log in again."))
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(resolve_url(settings.LOGIN_URL) + (f"?{query}" if query else ""))
