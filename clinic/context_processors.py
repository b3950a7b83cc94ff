from django.conf import settings

from clinic import hooks


def navigation(request):
    """What every page's header and footer need: the clinic's name, and what the apps add."""
    return {"clinic_name": settings.CLINIC_NAME, **hooks.navigation(request)}
