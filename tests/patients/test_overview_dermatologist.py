"""Assignments and conversations carry their patient's responsible dermatologist, and move
with the patient (the overview reads its sections by it)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from patients import overview, services
from patients.models import Assignment, Patient


def _moved(patient, dermatologist):
    patient = Patient.objects.get(pk=patient.pk)  # as the admin's form loads it
    patient.dermatologist = dermatologist
    patient.save()


def test_an_assignment_goes_to_the_patients_dermatologist(dr_hansen, kari_medicine):
    assert kari_medicine.dermatologist == dr_hansen.dermatologist


def test_a_question_goes_to_the_patients_dermatologist(dr_hansen, kari_medicine):
    thread = services.ask_question(assignment=kari_medicine, body="Kan jeg ta dette?")

    assert thread.dermatologist == dr_hansen.dermatologist


def test_a_patient_moved_to_another_dermatologist_takes_assignments_and_questions_along(
    dr_hansen, dr_lie, kari, kari_medicine
):
    thread = services.ask_question(assignment=kari_medicine, body="Kan jeg ta dette?")
    Assignment.objects.filter(pk=kari_medicine.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(days=30)
    )

    _moved(kari.patient, dr_lie.dermatologist)

    kari_medicine.refresh_from_db()
    thread.refresh_from_db()
    assert kari_medicine.dermatologist == dr_lie.dermatologist
    assert thread.dermatologist == dr_lie.dermatologist
    lie = overview.overview(dr_lie.dermatologist, language="nb")
    hansen = overview.overview(dr_hansen.dermatologist, language="nb")
    assert [a.pk for a in lie.unconfirmed.items] == [kari_medicine.pk]
    assert [t.pk for t in lie.questions.items] == [thread.pk]
    assert hansen.unconfirmed.items == hansen.questions.items == []


def test_saving_a_patient_without_moving_them_updates_no_assignment(
    kari, kari_medicine, django_assert_num_queries
):
    patient = Patient.objects.get(pk=kari.patient.pk)

    with django_assert_num_queries(1):
        patient.save()


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_assignments_and_threads_their_patients_dermatologist(
    kari, per, medicine, back_to_latest
):
    before = [("patients", "0016_assignment_thread_dermatologist")]
    after = [("patients", "0017_fill_assignment_thread_dermatologist")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldAssignment = old.get_model("patients", "Assignment")
    OldThread = old.get_model("patients", "Thread")
    for user in (kari, per):
        assignment = OldAssignment.objects.create(
            patient_id=user.patient.pk, leaflet_id=medicine.pk, assigned_by_id=user.pk
        )
        OldThread.objects.create(patient_id=user.patient.pk, assignment_id=assignment.pk)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    expected = {
        kari.patient.pk: kari.patient.dermatologist_id,
        per.patient.pk: per.patient.dermatologist_id,
    }

    for name in ("Assignment", "Thread"):
        model = new.get_model("patients", name)
        assert dict(model.objects.values_list("patient_id", "dermatologist_id")) == expected
