from django.urls import path

from leaflets import views

app_name = "leaflets"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/print/", views.print_view, name="print"),
]
