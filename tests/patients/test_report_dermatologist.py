"""A report is addressed to the patient's responsible dermatologist, and moves with the
patient (the inbox, the navigation counts and the trends read it from the report)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.patients.migrating import old_report
from tests.patients.reporting import make_report


def test_a_report_goes_to_the_patients_dermatologist(dr_hansen, kari_medicine):
    report = make_report(kari_medicine)

    assert report.dermatologist == dr_hansen.dermatologist


def test_a_patient_moved_to_another_dermatologist_takes_their_reports_along(
    dr_hansen, dr_lie, client_for, kari, kari_medicine
):
    report = make_report(kari_medicine, urgent=True)
    patient = type(kari.patient).objects.get(pk=kari.patient.pk)  # as the admin's form loads it

    patient.dermatologist = dr_lie.dermatologist
    patient.save()

    report.refresh_from_db()
    assert report.dermatologist == dr_lie.dermatologist
    assert [r.pk for r in client_for(dr_lie).get("/reports/").context["page"]] == [report.pk]
    assert list(client_for(dr_hansen).get("/reports/").context["page"]) == []


@pytest.mark.django_db(transaction=True)
def test_the_migration_addresses_existing_reports_to_their_patients_dermatologist(
    kari, per, back_to_latest
):
    before = [("patients", "0010_report_dermatologist")]
    after = [("patients", "0011_fill_report_dermatologist")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    for reference, patient in (("R-kari", kari.patient), ("R-per", per.patient)):
        old_report(old, reference=reference, patient_id=patient.pk)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("patients", "SideEffectReport")

    assert dict(new.objects.values_list("reference", "dermatologist_id")) == {
        "R-kari": kari.patient.dermatologist_id,
        "R-per": per.patient.dermatologist_id,
    }
