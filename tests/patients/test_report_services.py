"""Side-effect report services, one behaviour each, without the pages around them."""

import pytest
from django.utils import timezone

from clinic.models import AuditEntry, OutgoingMail
from leaflets.urgency import Urgency
from patients import report_services, services
from patients.models import SideEffectReport
from tests.factories import AssignmentFactory
from tests.patients.reporting import answers


def _submit(assignment, **overrides):
    return report_services.submit_report(
        patient=assignment.patient, assignment=assignment, answers=answers(**overrides)
    )


def test_submit_report_keeps_the_symptoms_in_the_words_the_patient_saw(kari_medicine):
    report = _submit(kari_medicine, symptoms=["nausea"])

    assert report.symptoms == [
        {"key": "nausea", "name": "Kvalme", "red_flag": False, "question": ""}
    ]
    assert report.medicine_name == "Azatioprin"
    assert report.reference == f"R-{report.created_at:%Y}-{report.pk:05d}"


def test_a_red_flag_makes_the_report_urgent_and_the_mail_urgent(kari_medicine):
    report = _submit(kari_medicine, red_flags=["fever"])

    assert report.urgent
    assert report.symptoms[0]["question"] == "Har du feber?"
    assert OutgoingMail.objects.get().kind == "urgent_report"


def test_the_same_form_token_returns_the_report_already_saved(kari_medicine):
    same = answers()

    first = report_services.submit_report(
        patient=kari_medicine.patient, assignment=kari_medicine, answers=same
    )
    second = report_services.submit_report(
        patient=kari_medicine.patient, assignment=kari_medicine, answers=same
    )

    assert first == second
    assert SideEffectReport.objects.count() == 1
    assert OutgoingMail.objects.count() == 1


def test_a_side_effect_the_medicine_does_not_list_is_refused(kari_medicine):
    with pytest.raises(ValueError):
        _submit(kari_medicine, symptoms=["hair_loss"])

    assert not SideEffectReport.objects.exists()


def test_a_report_on_another_medicine_keeps_its_name(kari):
    report = report_services.submit_report(
        patient=kari.patient, assignment=None, answers=answers(other_medicine="Ibux")
    )

    assert (report.medicine_name, report.assignment, report.urgent) == ("Ibux", None, False)


def test_the_report_remembers_the_version_the_patient_acknowledged(kari_medicine):
    version = kari_medicine.leaflet.published_version()
    services.acknowledge(assignment=kari_medicine, version=version, language="nb")

    assert _submit(kari_medicine).acknowledged_version == version


def test_closing_a_report_leaves_nothing_waiting(dr_hansen, kari_medicine):
    report = _submit(kari_medicine)

    report_services.set_report_status(report=report, status="closed", action="advice", by=dr_hansen)

    report.refresh_from_db()
    assert report.closed_at is not None and report.handled_by == dr_hansen
    assert not report.thread.awaiting_dermatologist


def test_reopening_a_report_clears_its_closing_time(dr_hansen, kari_medicine):
    report = _submit(kari_medicine)
    report_services.set_report_status(report=report, status="closed", action="advice", by=dr_hansen)

    report_services.set_report_status(report=report, status="in_progress", action="", by=dr_hansen)

    report.refresh_from_db()
    assert (report.status, report.action, report.closed_at) == ("in_progress", "advice", None)


def test_mark_forwarded_records_the_date_and_reference(dr_hansen, kari_medicine):
    report = _submit(kari_medicine)

    report_services.mark_forwarded(
        report=report, on=timezone.localdate(), reference="DMP-1", by=dr_hansen
    )

    report.refresh_from_db()
    assert (report.forwarded_on, report.forwarded_reference) == (timezone.localdate(), "DMP-1")
    assert AuditEntry.objects.filter(action="report.forwarded").exists()


def test_log_export_puts_who_took_the_export_on_the_record(dr_hansen, kari_medicine):
    report = _submit(kari_medicine)

    report_services.log_export(report=report, by=dr_hansen, fmt="csv")

    entry = AuditEntry.objects.get(action="report.exported")
    assert entry.actor == dr_hansen


def test_the_report_takes_the_most_urgent_level_and_keeps_each_flags_advice(kari_medicine):
    side_effects = kari_medicine.leaflet.published_version().side_effects
    side_effects.filter(key="fever").update(
        level=Urgency.SOON, advice_nb="Ring oss.", advice_en="Call us."
    )
    side_effects.filter(key="nausea").update(
        red_flag=True, ask_nb="Kaster du opp?", ask_en="Are you vomiting?", level=Urgency.TODAY
    )

    report = _submit(kari_medicine, red_flags=["nausea", "fever"])

    assert report.urgency == Urgency.TODAY
    assert [(s["key"], s["level"], s["advice"]) for s in report.symptoms] == [
        ("nausea", Urgency.TODAY, ""),
        ("fever", Urgency.SOON, "Ring oss."),
    ]
    assert OutgoingMail.objects.get().kind == "urgent_report"


def test_a_red_flag_without_a_level_counts_as_contact_the_clinic_today(kari_medicine):
    kari_medicine.leaflet.published_version().side_effects.filter(key="fever").update(level=None)

    assert _submit(kari_medicine, red_flags=["fever"]).urgency == Urgency.TODAY


def test_a_report_without_red_flags_has_no_level(kari_medicine):
    report = _submit(kari_medicine, symptoms=["nausea"])

    assert report.urgency is None and not report.urgent
    assert OutgoingMail.objects.get().kind == "new_report"


def test_another_patients_form_token_is_refused(kari_medicine, ola):
    taken = _submit(kari_medicine)
    assignment = AssignmentFactory(patient=ola.patient, leaflet=kari_medicine.leaflet)

    with pytest.raises(report_services.FormTokenTaken):
        report_services.submit_report(
            patient=ola.patient,
            assignment=assignment,
            answers=answers(form_token=taken.form_token),
        )

    assert list(SideEffectReport.objects.all()) == [taken]
