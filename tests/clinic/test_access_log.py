"""The access log (Normen): one entry each time someone else opens a patient's data."""

import logging

import pytest

from clinic.models import AccessLogEntry
from patients import services
from tests.factories import PASSWORD, AssignmentFactory
from tests.patients import conftest as patient_fixtures
from tests.patients.reporting import make_report

# The patients' tests' fixtures of a medicine leaflet assigned to Kari.
medicine = patient_fixtures.medicine
kari_medicine = patient_fixtures.kari_medicine


def _only_entry():
    [entry] = AccessLogEntry.objects.all()
    return entry


def test_dermatologist_opening_the_patient_page_writes_who_role_patient_what_and_where(
    client_for, dr_hansen, kari
):
    response = client_for(dr_hansen).get(f"/patients/{kari.patient.pk}/", REMOTE_ADDR="192.0.2.7")

    assert response.status_code == 200
    entry = _only_entry()
    assert (entry.actor, entry.actor_role, entry.patient_user) == (
        dr_hansen,
        "dermatologist",
        kari,
    )
    assert (entry.what, entry.object_type, entry.object_id) == (
        "patient",
        "patients.patient",
        str(kari.patient.pk),
    )
    assert entry.ip_address == "192.0.2.7"
    assert entry.created_at is not None


@pytest.mark.parametrize(
    ("path", "what"),
    [
        ("/reports/{report}/", "report"),
        ("/reports/{report}/export.csv", "report_export"),
        ("/reports/{report}/export.json", "report_export"),
    ],
)
def test_report_page_and_exports_write_exactly_one_entry(
    client_for, dr_hansen, kari_medicine, path, what
):
    report = make_report(kari_medicine, description="Utslett på armene")

    response = client_for(dr_hansen).get(path.format(report=report.pk))

    assert response.status_code == 200
    entry = _only_entry()
    assert (entry.what, entry.patient_user, entry.object_id) == (
        what,
        kari_medicine.patient.user,
        str(report.pk),
    )


def test_a_reply_in_a_thread_writes_one_thread_entry(client_for, dr_hansen, kari):
    thread = services.ask_question(
        assignment=AssignmentFactory(patient=kari.patient), body="Kan jeg trene?"
    )

    client_for(dr_hansen).post(
        f"/patients/{kari.patient.pk}/threads/{thread.pk}/reply/", {"body": "Ja."}
    )

    entry = _only_entry()
    assert (entry.what, entry.object_id, entry.patient_user) == ("thread", str(thread.pk), kari)


def test_patient_reading_their_own_report_writes_no_entry(client_for, kari_medicine):
    report = make_report(kari_medicine)

    assert (
        client_for(kari_medicine.patient.user).get(f"/my/reports/{report.pk}/").status_code == 200
    )
    assert not AccessLogEntry.objects.exists()


def test_a_refused_access_writes_no_entry_and_a_security_line_without_health_data(
    client_for, dr_lie, kari_medicine, caplog
):
    report = make_report(kari_medicine, description="Utslett på armene")

    with caplog.at_level(logging.WARNING, logger="clinic.security"):
        response = client_for(dr_lie).get(f"/reports/{report.pk}/")

    assert response.status_code == 404
    assert not AccessLogEntry.objects.exists()
    [line] = [r.getMessage() for r in caplog.records if r.name == "clinic.security"]
    assert f"user={dr_lie.pk}" in line and f"path=/reports/{report.pk}/" in line
    assert "Utslett" not in line and "kari" not in line.lower()


def test_a_patient_opening_a_dermatologist_page_is_a_logged_refusal(client_for, kari, caplog):
    with caplog.at_level(logging.WARNING, logger="clinic.security"):
        assert client_for(kari).get("/patients/").status_code == 404

    assert any(
        "access refused" in r.getMessage() and f"user={kari.pk}" in r.getMessage()
        for r in caplog.records
    )


def test_logins_and_failed_logins_are_logged_without_the_typed_address(client, kari, caplog):
    with caplog.at_level(logging.INFO, logger="clinic.security"):
        client.post("/accounts/login/", {"username": "kari@example.org", "password": "wrong"})
        client.post("/accounts/login/", {"username": "kari@example.org", "password": PASSWORD})

    lines = [r.getMessage() for r in caplog.records if r.name == "clinic.security"]
    failed = [line for line in lines if line.startswith("login failed")]
    assert len(failed) == 1 and "account=" in failed[0] and "ip=127.0.0.1" in failed[0]
    assert f"login user={kari.pk} " in "\n".join(lines)
    assert not any("example.org" in line or "wrong" in line for line in lines)


@pytest.mark.parametrize(
    ("path", "what"),
    [
        ("/admin/patients/patient/{patient}/change/", "patient"),
        ("/admin/patients/sideeffectreport/{report}/change/", "report"),
        ("/admin/patients/thread/{thread}/change/", "thread"),
    ],
)
def test_admin_change_pages_write_one_entry(client_for, admin_user, kari_medicine, path, what):
    report = make_report(kari_medicine)

    response = client_for(admin_user).get(
        path.format(patient=report.patient.pk, report=report.pk, thread=report.thread.pk)
    )

    assert response.status_code == 200
    entry = _only_entry()
    assert (entry.actor, entry.actor_role, entry.what, entry.patient_user) == (
        admin_user,
        "admin",
        what,
        kari_medicine.patient.user,
    )


def test_admin_bulk_export_writes_one_entry_per_report(client_for, admin_user, kari_medicine, ola):
    reports = [
        make_report(kari_medicine),
        make_report(AssignmentFactory(patient=ola.patient, leaflet=kari_medicine.leaflet)),
    ]

    client_for(admin_user).post(
        "/admin/patients/sideeffectreport/",
        {"action": "export_json", "_selected_action": [r.pk for r in reports]},
    )

    entries = AccessLogEntry.objects.order_by("patient_user__email")
    assert [(e.what, e.patient_user) for e in entries] == [
        ("report_export", kari_medicine.patient.user),
        ("report_export", ola),
    ]


def test_admins_read_the_log_but_cannot_add_change_or_delete(
    client_for, admin_user, dr_hansen, kari
):
    client_for(dr_hansen).get(f"/patients/{kari.patient.pk}/")
    entry = _only_entry()
    client = client_for(admin_user)

    assert client.get("/admin/clinic/accesslogentry/").status_code == 200
    assert client.get(f"/admin/clinic/accesslogentry/{entry.pk}/change/").status_code == 200
    assert client.get("/admin/clinic/accesslogentry/add/").status_code == 403
    assert (
        client.post(f"/admin/clinic/accesslogentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    client.post(f"/admin/clinic/accesslogentry/{entry.pk}/change/", {"what": "report"})
    client.post(
        "/admin/clinic/accesslogentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    entry.refresh_from_db()
    assert entry.what == "patient"
    assert AccessLogEntry.objects.count() == 1
