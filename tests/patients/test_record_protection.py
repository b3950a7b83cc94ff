"""A patient's record cannot be deleted, directly or by a cascade from the accounts in it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from clinic.audit import log_action
from clinic.models import AuditEntry, OutgoingMail, User
from clinic.services import has_records
from patients.models import (
    Acknowledgement,
    Assignment,
    Message,
    Patient,
    SideEffectReport,
    TeachBackResult,
    Thread,
)
from tests.factories import AdminUserFactory, PatientFactory, TeachBackResultFactory
from tests.patients.reporting import make_report


@pytest.fixture
def kari_record(kari_medicine):
    """Kari's assignment, acknowledged, checked, asked about and reported on."""
    version = kari_medicine.leaflet.versions.get()
    Acknowledgement.objects.create(assignment=kari_medicine, version=version, language="nb")
    TeachBackResultFactory(assignment=kari_medicine, version=version)
    thread = Thread.objects.create(patient=kari_medicine.patient, assignment=kari_medicine)
    Message.objects.create(thread=thread, author=kari_medicine.patient.user, body="Spørsmål")
    make_report(kari_medicine)
    return kari_medicine


def _record_counts():
    return [
        model.objects.count()
        for model in (
            Patient,
            Assignment,
            Acknowledgement,
            TeachBackResult,
            Thread,
            Message,
            SideEffectReport,
        )
    ]


def test_deleting_a_patients_account_is_refused_and_keeps_the_record(kari_record):
    before = _record_counts()

    with pytest.raises(ProtectedError), transaction.atomic():
        kari_record.patient.user.delete()

    assert _record_counts() == before
    assert User.objects.filter(pk=kari_record.patient.user_id).exists()


@pytest.mark.parametrize(
    "part",
    [
        lambda assignment: assignment.patient,
        lambda assignment: assignment,
        lambda assignment: assignment.threads.get(kind=Thread.Kind.QUESTION),
        lambda assignment: assignment.patient.reports.get().thread,
    ],
    ids=["patient", "assignment", "question-thread", "report-thread"],
)
def test_no_part_of_a_record_can_be_deleted(kari_record, part):
    before = _record_counts()

    with pytest.raises(ProtectedError), transaction.atomic():
        part(kari_record).delete()

    assert _record_counts() == before


def test_deleting_the_dermatologist_of_a_record_is_refused(kari_record, dr_hansen):
    with pytest.raises(ProtectedError), transaction.atomic():
        dr_hansen.delete()

    assert User.objects.filter(pk=dr_hansen.pk).exists()


def test_deleting_a_user_named_in_the_audit_log_is_refused(kari):
    admin = AdminUserFactory()
    log_action(actor=admin, action="patient.registered", obj=kari.patient)

    with pytest.raises(ProtectedError), transaction.atomic():
        admin.delete()

    assert AuditEntry.objects.filter(actor=admin).exists()


def test_deleting_a_mail_recipient_is_refused(db):
    admin = AdminUserFactory()
    OutgoingMail.objects.create(recipient=admin, kind=OutgoingMail.Kind.REMINDER)

    with pytest.raises(ProtectedError), transaction.atomic():
        admin.delete()


def test_a_user_without_a_record_can_be_deleted(db):
    admin = AdminUserFactory()

    assert not has_records([admin])
    admin.delete()

    assert not User.objects.filter(pk=admin.pk).exists()


def test_has_records_sees_every_kind_of_record(kari_record, dr_lie):
    patient_without_anything = PatientFactory(dermatologist=dr_lie.dermatologist)

    assert has_records([kari_record.patient.user])
    assert has_records([patient_without_anything.user])
    assert has_records(User.objects.filter(pk=dr_lie.pk))


def test_the_database_refuses_a_report_that_stops_before_it_starts(kari_medicine):
    report = make_report(kari_medicine)
    report.started_on = datetime.date(2026, 3, 10)
    report.stopped_on = datetime.date(2026, 3, 9)
    report.outcome = SideEffectReport.Outcome.RECOVERED

    with pytest.raises(IntegrityError), transaction.atomic():
        report.save(update_fields=["started_on", "stopped_on", "outcome"])

    with pytest.raises(ValidationError, match="Det kan ikke ha stoppet før det begynte"):
        report.validate_constraints()


@pytest.mark.parametrize("stopped_on", [None, datetime.date(2026, 3, 10)])
def test_a_report_may_stop_the_day_it_started_or_not_yet(kari_medicine, stopped_on):
    report = make_report(kari_medicine)
    report.started_on = datetime.date(2026, 3, 10)
    report.stopped_on = stopped_on

    report.save(update_fields=["started_on", "stopped_on"])
    report.validate_constraints()
