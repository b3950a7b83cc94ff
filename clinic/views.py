from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from clinic import hooks
from clinic.forms import LoginForm
from clinic.lib.language import set_language_cookie


class LoginView(auth_views.LoginView):
    """Django's login view; after login the pages switch to the user's own language."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        translation.activate(form.get_user().language)
        return set_language_cookie(response, form.get_user().language)


@require_POST
def set_language(request):
    """Django's set_language, also remembering the choice on the user's account."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if (
        isinstance(response, HttpResponseRedirect)
        and request.user.is_authenticated
        and translation.check_for_language(language)
        and language in dict(settings.LANGUAGES)
        and request.user.language != language
    ):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@require_GET
def home(request):
    """Send each role to its own start page; anonymous visitors see the clinic's front page."""
    if not request.user.is_authenticated:
        return render(request, "clinic/welcome.html")
    if request.user.is_clinic_admin:
        return redirect("admin:index")
    return redirect(hooks.start_page(request.user) or "account")


@login_required
@require_GET
def account(request):
    return render(request, "clinic/account.html")


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
