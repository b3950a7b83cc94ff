from django.conf import settings

from clinic import hooks


def navigation(request):
    """What every page's header and footer need: the clinic's name, who the header's menu is
    for, and what the apps add."""
    return {
        "clinic_name": settings.CLINIC_NAME,
        "header_audience": header_audience(getattr(request, "user", None)),
        **hooks.navigation(request),
    }


def header_audience(user) -> str | None:
    """ "anonymous" or "patient" when the header's menu is the same for everyone of that kind
    (base.html draws it once per language), or None when it is the user's own: a
    dermatologist's menu counts their new reports, a staff member's follows permissions."""
    if user is None or not user.is_authenticated:
        return "anonymous"
    if user.is_patient and not (user.is_staff or user.is_superuser):
        return "patient"
    return None
