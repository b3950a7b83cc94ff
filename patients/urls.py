from django.urls import path

from patients import insight_views, overview_views, report_views, views

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
    path("my/access-log/", views.access_log, name="access_log"),
    path("my/data.json", views.my_data, name="my_data"),
    path("my/reports/", report_views.my_reports, name="my_reports"),
    path("my/reports/new/", report_views.report_start, name="report_start"),
    path("my/reports/new/other/", report_views.report_create, name="report_create_other"),
    path("my/reports/new/<int:assignment_pk>/", report_views.report_create, name="report_create"),
    path("my/reports/<int:pk>/", report_views.my_report, name="my_report"),
    path("my/reports/<int:pk>/message/", report_views.my_report_message, name="my_report_message"),
    # Dermatologist
    path("reports/", report_views.inbox, name="report_inbox"),
    path("reports/<int:pk>/", report_views.report_detail, name="report_inbox_detail"),
    path("reports/<int:pk>/status/", report_views.report_status, name="report_status"),
    path("reports/<int:pk>/reply/", report_views.report_reply, name="report_reply"),
    path("reports/<int:pk>/forwarded/", report_views.report_forwarded, name="report_forwarded"),
    path(
        "reports/<int:pk>/export.<str:fmt>",
        report_views.report_export,
        name="report_export",
    ),
    path("overview/", overview_views.overview_page, name="overview"),
    path(
        "patients/<int:pk>/assignments/<int:assignment_pk>/remind/",
        overview_views.remind,
        name="remind",
    ),
    path("insight/trends/", overview_views.trends_page, name="trends"),
    path("insight/trends/<slug:trend>.csv", overview_views.trends_csv, name="trends_csv"),
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
    # Editors and approvers
    path("insight/leaflets/", insight_views.leaflet_list, name="insight_leaflets"),
    path("insight/leaflets.csv", insight_views.leaflet_list_csv, name="insight_leaflets_csv"),
    path("insight/leaflets/<slug:slug>/", insight_views.leaflet_detail, name="insight_leaflet"),
    path(
        "insight/leaflets/<slug:slug>/<slug:table>.csv",
        insight_views.leaflet_csv,
        name="insight_leaflet_csv",
    ),
]
