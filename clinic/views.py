from axes.utils import reset as reset_login_failures
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
from clinic.mail import request_password_reset
from clinic.throttle import allow_password_reset, normalise_login


class LoginView(auth_views.LoginView):
    """Django's login view; after login the pages switch to the user's own language."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        translation.activate(form.get_user().language)
        return set_language_cookie(response, form.get_user().language)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form; the mail is looked up, made and sent by the worker.

    The request only queues a task, for a known address or not, so neither the answer nor
    its timing tells whether an account exists. Requests over the limits (per e-mail and
    per client address) get the same answer and no mail.
    """

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if allow_password_reset(self.request, email):
            request_password_reset.enqueue(email=email)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password by the mailed link also lifts the account's login pause."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_login_failures(username=normalise_login(self.user.email))
        return response


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
