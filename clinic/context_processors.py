from django.conf import settings


def navigation(request):
    """What every page's header and footer need."""
    return {"clinic_name": settings.CLINIC_NAME}
