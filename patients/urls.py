from django.urls import path

from patients import views

app_name = "patients"

urlpatterns = [
    path("activate/<str:token>/", views.activate, name="activate"),
    # Patient
    path("my/", views.home, name="home"),
    path("my/leaflets/<int:pk>/", views.reader, name="reader"),
    path("my/leaflets/<int:pk>/print/", views.reader_print, name="reader_print"),
    path("my/leaflets/<int:pk>/check/", views.teach_back, name="teach_back"),
    path("my/leaflets/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("my/leaflets/<int:pk>/message/", views.ask_question, name="ask_question"),
    # Dermatologist
    path("patients/", views.my_patients, name="my_patients"),
    path("patients/new/", views.register_patient, name="register"),
    path("patients/<int:pk>/", views.patient_detail, name="patient_detail"),
    path("patients/<int:pk>/assign/", views.assign, name="assign"),
    path("patients/<int:pk>/invite/", views.resend_invitation, name="resend_invitation"),
    path(
        "patients/<int:pk>/assignments/<int:assignment_pk>/withdraw/",
        views.withdraw,
        name="withdraw",
    ),
    path("patients/<int:pk>/threads/<int:thread_pk>/reply/", views.reply, name="reply"),
]
