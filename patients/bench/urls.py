"""The portal's URLs plus the benchmark's bare authenticated view (patients.bench.settings)."""

from django.urls import include, path

from patients.bench import views

urlpatterns = [
    path("bench/bare/", views.bare, name="bench_bare"),
    path("", include("clinic.urls")),
]

handler403 = "clinic.errors.permission_denied"
handler404 = "clinic.errors.page_not_found"
handler500 = "clinic.errors.server_error"
