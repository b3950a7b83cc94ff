"""A report keeps its medicine's leaflet for the report trends: set when it is saved, none
for a medicine the patient named, filled in for older reports by the migration."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from patients import report_services
from tests.patients.migrating import old_report
from tests.patients.reporting import answers, make_report

BEFORE = [("patients", "0014_overview_indexes")]
AFTER = [("patients", "0015_report_trends")]


def test_a_report_keeps_its_assignments_leaflet(kari_medicine):
    report = make_report(kari_medicine)

    report.refresh_from_db()
    assert report.leaflet == kari_medicine.leaflet


def test_a_report_about_another_medicine_has_no_leaflet(kari):
    report = report_services.submit_report(
        patient=kari.patient, assignment=None, answers=answers(other_medicine="Ibux")
    )

    report.refresh_from_db()
    assert report.leaflet is None


def test_a_patient_moved_to_another_dermatologist_takes_their_reports_to_the_trends(
    client_for, dr_hansen, dr_lie, kari_medicine
):
    make_report(kari_medicine, urgent=True)
    patient = kari_medicine.patient

    patient.dermatologist = dr_lie.dermatologist
    patient.save()

    assert client_for(dr_lie).get("/insight/trends/").context["data"].reports == 1
    assert client_for(dr_hansen).get("/insight/trends/").context["data"].reports == 0


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_older_reports_their_assignments_leaflet(kari_medicine, back_to_latest):
    patient = kari_medicine.patient
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    for reference, assignment_id in (("R-leaflet", kari_medicine.pk), ("R-other", None)):
        old_report(
            old,
            reference=reference,
            patient_id=patient.pk,
            dermatologist_id=patient.dermatologist_id,
            assignment_id=assignment_id,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("patients", "SideEffectReport")

    assert sorted(new.objects.values_list("reference", "leaflet_id")) == [
        ("R-leaflet", kari_medicine.leaflet_id),
        ("R-other", None),
    ]
