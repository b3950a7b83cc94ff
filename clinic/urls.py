from django.contrib import admin
from django.urls import include, path

from clinic import views
from clinic.mfa import views as mfa_views

urlpatterns = [
    path("", views.home, name="home"),
    path("account/", views.account, name="account"),
    path("account/mfa/", mfa_views.manage, name="mfa"),
    path("account/mfa/setup/", mfa_views.setup, name="mfa_setup"),
    path("account/mfa/verify/", mfa_views.verify, name="mfa_verify"),
    path("account/mfa/recovery-codes/", mfa_views.recovery_codes, name="mfa_recovery_codes"),
    path("account/mfa/remove/", mfa_views.remove, name="mfa_remove"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("leaflets/", include("leaflets.urls")),
    path("", include("patients.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "clinic.errors.permission_denied"
handler404 = "clinic.errors.page_not_found"
handler500 = "clinic.errors.server_error"
