import datetime
import json

import pytest
import time_machine
from django.utils import timezone

from clinic.models import AuditEntry
from patients import services
from patients.models import SideEffectReport, Thread
from tests.factories import AssignmentFactory, PatientFactory
from tests.patients.reporting import make_report


def test_inbox_lists_urgent_first_then_oldest(client_for, dr_hansen, kari_medicine):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3)):
        oldest = make_report(kari_medicine)
    newer = make_report(kari_medicine)
    urgent = make_report(kari_medicine, urgent=True)

    response = client_for(dr_hansen).get("/reports/")

    assert list(response.context["page"].object_list) == [urgent, oldest, newer]


def test_inbox_filters_by_status_and_urgency(client_for, dr_hansen, kari_medicine):
    routine = make_report(kari_medicine)
    urgent = make_report(kari_medicine, urgent=True)
    services.set_report_status(report=routine, status="closed", action="advice", by=dr_hansen)
    client = client_for(dr_hansen)

    assert list(client.get("/reports/").context["page"].object_list) == [urgent]
    closed = client.get("/reports/", {"status": "closed"}).context["page"].object_list
    assert list(closed) == [routine]
    both = client.get("/reports/", {"status": "all", "urgency": "routine"})
    assert list(both.context["page"].object_list) == [routine]


def test_navigation_counts_new_and_urgent_reports_on_every_page(
    client_for, dr_hansen, kari_medicine
):
    make_report(kari_medicine)
    make_report(kari_medicine, urgent=True)

    page = client_for(dr_hansen).get("/leaflets/").content.decode()

    assert '2<span class="visually-hidden"> nye</span>' in page
    assert '1<span class="visually-hidden"> haster</span>' in page


def test_other_dermatologists_patients_reports_are_not_in_the_inbox(
    client_for, dr_lie, kari_medicine
):
    make_report(kari_medicine, urgent=True)

    response = client_for(dr_lie).get("/reports/")

    assert list(response.context["page"].object_list) == []
    assert "badge-urgent" not in response.content.decode()


@pytest.mark.parametrize("count", [10, 500])
def test_inbox_query_count_is_constant(
    client_for, dr_hansen, medicine, count, django_assert_max_num_queries
):
    assignment = AssignmentFactory(
        patient=PatientFactory(dermatologist=dr_hansen.dermatologist), leaflet=medicine
    )
    report = make_report(assignment)
    copied = {
        field.attname: getattr(report, field.attname)
        for field in SideEffectReport._meta.concrete_fields
        if field.name not in {"id", "reference", "form_token", "thread"}
    }
    threads = Thread.objects.bulk_create(
        Thread(patient=assignment.patient, kind="report") for _ in range(count - 1)
    )
    SideEffectReport.objects.bulk_create(
        SideEffectReport(**copied, reference=f"R-bulk-{n}", thread=thread)
        for n, thread in enumerate(threads)
    )
    client = client_for(dr_hansen)

    with django_assert_max_num_queries(8):
        response = client.get("/reports/")

    assert response.context["page"].paginator.count == count


def test_dermatologist_replies_and_moves_the_report_on(client_for, dr_hansen, kari, kari_medicine):
    report = make_report(kari_medicine, urgent=True)
    client = client_for(dr_hansen)

    client.post(f"/reports/{report.pk}/reply/", {"body": "Ta blodprøve i dag."})
    client.post(f"/reports/{report.pk}/status/", {"status": "in_progress", "action": ""})

    report.refresh_from_db()
    assert (report.status, report.handled_by) == ("in_progress", dr_hansen)
    page = client_for(kari).get(f"/my/reports/{report.pk}/").content.decode()
    assert "Ta blodprøve i dag." in page


def test_closing_needs_the_action_taken(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine)
    client = client_for(dr_hansen)

    refused = client.post(f"/reports/{report.pk}/status/", {"status": "closed", "action": ""})
    closed = client.post(f"/reports/{report.pk}/status/", {"status": "closed", "action": "advice"})

    assert refused.status_code == 400
    assert "Velg hva som ble gjort" in refused.content.decode()
    assert closed.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.action) == ("closed", "advice")
    assert report.closed_at is not None


def test_forwarding_to_the_medicines_agency_is_recorded(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine)

    client_for(dr_hansen).post(
        f"/reports/{report.pk}/forwarded/",
        {"forwarded_on": timezone.localdate().isoformat(), "forwarded_reference": "DMP-123"},
    )

    report.refresh_from_db()
    assert (report.forwarded_on, report.forwarded_reference) == (timezone.localdate(), "DMP-123")


def test_export_holds_the_e2b_minimum_without_identity_unless_consented(
    client_for, dr_hansen, kari_medicine
):
    report = make_report(kari_medicine, symptoms=["nausea"])
    client = client_for(dr_hansen)

    exported = json.loads(client.get(f"/reports/{report.pk}/export.json").content)
    csv_text = client.get(f"/reports/{report.pk}/export.csv").content.decode()

    assert exported["patient_initials"] == "KN"
    assert exported["patient_birth_year"] == 1984
    assert exported["patient_name"] == "" and exported["patient_email"] == ""
    assert exported["suspect_medicine"] == "Azatioprin"
    assert exported["reactions"] == "Kvalme"
    assert exported["reporter_type"] == "patient"
    assert csv_text.splitlines()[0].startswith("reference,reported_at,urgent")
    assert AuditEntry.objects.filter(action="report.exported").count() == 2


def test_export_names_the_patient_when_they_consented(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine, consent="identified")

    exported = json.loads(client_for(dr_hansen).get(f"/reports/{report.pk}/export.json").content)

    assert exported["patient_name"] == "Kari Nordmann"


@pytest.mark.parametrize(
    "url",
    [
        "/reports/{pk}/",
        "/reports/{pk}/export.json",
        "/reports/{pk}/export.csv",
        "/my/reports/{pk}/",
    ],
)
@pytest.mark.parametrize("persona", ["ola", "dr_lie"])
def test_nobody_else_can_open_or_export_a_report(client_for, request, kari_medicine, persona, url):
    report = make_report(kari_medicine, urgent=True)

    response = client_for(request.getfixturevalue(persona)).get(url.format(pk=report.pk))

    assert response.status_code == 404
    assert report.reference not in response.content.decode()


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/reports/{pk}/reply/", {"body": "Hei"}),
        ("/reports/{pk}/status/", {"status": "closed", "action": "advice"}),
        ("/reports/{pk}/forwarded/", {"forwarded_on": "2026-01-01"}),
        ("/my/reports/{pk}/message/", {"body": "Hei"}),
    ],
)
@pytest.mark.parametrize("persona", ["ola", "dr_lie"])
def test_nobody_else_can_change_a_report(client_for, request, kari_medicine, persona, url, data):
    report = make_report(kari_medicine)

    response = client_for(request.getfixturevalue(persona)).post(url.format(pk=report.pk), data)

    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == "new" and report.forwarded_on is None
    assert not report.thread.messages.exists()


def test_export_of_an_unknown_format_is_not_found(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine)

    assert client_for(dr_hansen).get(f"/reports/{report.pk}/export.xml").status_code == 404


def test_report_page_query_count_is_constant(
    client_for, dr_hansen, kari, kari_medicine, django_assert_max_num_queries
):
    report = make_report(kari_medicine)
    for n in range(10):
        services.post_message(thread=report.thread, author=kari, body=f"Melding {n}")
    client = client_for(dr_hansen)

    with django_assert_max_num_queries(10):  # 2 for the session and MFA checks
        assert client.get(f"/reports/{report.pk}/").status_code == 200
