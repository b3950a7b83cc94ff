"""Send a user who must pass the second step to it before any other page."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.middleware import get_user
from django.shortcuts import redirect, resolve_url
from django.urls import Resolver404, resolve
from django_otp import middleware as otp_middleware
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.lib.compiled import CompiledQuery
from clinic.mfa import SESSION_HAS_DEVICE, mfa_required, services

_TOTP_DEVICE = CompiledQuery(TOTPDevice, lambda *, pk: TOTPDevice.objects.filter(pk=pk))

# Pages a logged-in user reaches before the second step.
OPEN_URL_NAMES = {
    "login",
    "logout",
    "mfa_setup",
    "mfa_verify",
    "mfa_recovery_codes",
    "healthz",
    "set_language",
}


class OTPMiddleware(otp_middleware.OTPMiddleware):
    """django-otp's, with two changes.

    The user is put on the request itself, verified, not behind a lazy object: every
    request that gets here reads it at once (SessionTimeoutMiddleware), so laziness saves
    nothing, and each later `request.user.…` in views and templates went through two lazy
    proxies (Django's and django-otp's), some 600 function calls on a patient's page.

    The authenticator app's device of a verified session is read by a compiled query: every
    page of staff and dermatologists asks for it, and building the lookup cost more than
    running it. Other devices (recovery codes) as django-otp does."""

    def __call__(self, request):
        if self._is_async:
            return self.__acall__(request)
        # Django's AuthenticationMiddleware's own loader: it keeps the user on the request.
        request.user = self._verify_user_sync(request, get_user(request))
        return self.get_response(request)

    def _device_from_persistent_id(self, persistent_id: str):
        label, _, pk = self._normalize_persistent_id(persistent_id).partition("/")
        if label == TOTPDevice.model_label() and pk.isascii() and pk.isdigit():
            found = _TOTP_DEVICE(pk=int(pk))
            return found[0] if found else None
        return super()._device_from_persistent_id(persistent_id)


class MFARequiredMiddleware:
    """After django-otp's OTPMiddleware: staff and dermatologists (and everyone with a
    device) pass the second step before any page but login, logout, the two-step pages,
    static files, the health check and the language switch.

    A user who has no authenticator is sent to set one up; one who has is sent to the code
    page. The admin is covered too (every /admin/ URL goes through here).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and (mfa_required(user) or request.session.get(SESSION_HAS_DEVICE))
            and not self._passed(request)
            and not self._open(request)
        ):
            target = "mfa_verify" if services.has_authenticator(user) else "mfa_setup"
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{resolve_url(target)}?{query}")
        return self.get_response(request)

    @staticmethod
    def _passed(request) -> bool:
        user = request.user
        return user.is_verified() and not services.is_demo_device(user.otp_device)

    @staticmethod
    def _open(request) -> bool:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in OPEN_URL_NAMES and not match.namespace
