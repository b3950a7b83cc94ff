from django.conf import settings

from patients.selectors import report_counts


def navigation(request):
    """What every page's header and footer need; a dermatologist's report counts (one query)."""
    context = {"clinic_name": settings.CLINIC_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_dermatologist:
        dermatologist = getattr(user, "dermatologist", None)
        if dermatologist is not None:
            context["report_counts"] = report_counts(dermatologist)
    return context
