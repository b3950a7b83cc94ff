"""Headers that keep personal data out of caches and switch off browser features."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers

# Pages anyone may cache: the public leaflet library (for visitors who are not logged in).
PUBLIC_NAMESPACES = {"leaflets"}


class PrivacyHeadersMiddleware:
    """`Cache-Control: no-store` on every response to a logged-in user and on every page
    but the public leaflets, and `Permissions-Policy` on every response.

    Static files never reach it (whitenoise answers them first).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if not self._public(request) and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def _public(request) -> bool:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        match = getattr(request, "resolver_match", None)
        return match is not None and match.namespace in PUBLIC_NAMESPACES
