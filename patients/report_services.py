"""Side-effect reports: submit, answer, handle, forward and export."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from clinic.audit import log_action
from clinic.mail import queue_mail
from clinic.models import OutgoingMail
from leaflets.urgency import Urgency
from patients.models import Assignment, Patient, SideEffectReport, Thread
from patients.selectors import medicine_name, side_effects_of

Kind = OutgoingMail.Kind


@dataclass(frozen=True)
class ReportAnswers:
    """What the patient answered on the report form, as plain values.

    `symptoms` and `red_flags` are keys of the medicine leaflet's known side effects: the
    ordinary ones ticked and the red-flag questions answered "yes".
    """

    form_token: uuid.UUID
    started_on: datetime.date
    outcome: str
    severity: str
    interference: str
    medicine_action: str
    consent: str
    symptoms: list[str] = field(default_factory=list)
    red_flags: list[str] = field(default_factory=list)
    other_symptoms: str = ""
    stopped_on: datetime.date | None = None
    dose: str = ""
    other_medicines: str = ""
    description: str = ""
    other_medicine: str = ""


class FormTokenTaken(Exception):
    """The form token belongs to another patient's report: the form cannot be saved."""


def _reference(report_pk: int, when) -> str:
    return f"R-{when:%Y}-{report_pk:05d}"


def _level(effect) -> int:
    """A red flag's urgency level; a red flag without one counts as "contact the clinic
    today", as every red flag did before the scale existed."""
    return effect.level or Urgency.TODAY


def _symptom_snapshot(side_effects, answers: ReportAnswers) -> list[dict]:
    """What the patient ticked, in the words they saw, kept with the report.

    A red flag keeps its level and its advice as they were when the patient reported, in the
    language the patient reported in, so a later edit of the leaflet never rewrites what the
    patient was told.
    """
    known = {effect.key for effect in side_effects}
    unknown = (set(answers.symptoms) | set(answers.red_flags)) - known
    if unknown:
        raise ValueError("The answers name side effects this medicine does not list.")
    return [
        {
            "key": effect.key,
            "name": effect.name,
            "red_flag": effect.red_flag,
            "question": effect.ask if effect.red_flag else "",
            **({"level": _level(effect), "advice": effect.advice} if effect.red_flag else {}),
        }
        for effect in side_effects
        if effect.key in answers.symptoms or (effect.red_flag and effect.key in answers.red_flags)
    ]


@transaction.atomic
def submit_report(
    *, patient: Patient, assignment: Assignment | None, answers: ReportAnswers
) -> SideEffectReport:
    """Save a side-effect report and queue the dermatologist's notification with it.

    The report, its conversation and its mail task are written in one transaction: once the
    patient has pressed submit, the report is never lost to a mail outage. A resubmission
    with the same form token returns the report already saved, also when both arrive at
    once; a form token of another patient's report raises `FormTokenTaken`.

    The report's urgency is the most urgent level among the red flags answered yes.
    """
    existing = SideEffectReport.objects.filter(form_token=answers.form_token).first()
    if existing is not None:
        if existing.patient_id != patient.pk:
            raise FormTokenTaken
        return existing
    side_effects = side_effects_of(assignment)
    symptoms = _symptom_snapshot(side_effects, answers)
    acknowledgement = assignment.latest_acknowledgement() if assignment else None
    now = timezone.now()
    report = SideEffectReport(
        form_token=answers.form_token,
        reference=f"tmp-{answers.form_token.hex[:16]}",
        patient=patient,
        assignment=assignment,
        medicine_name=(
            medicine_name(assignment, patient.user.language)
            if assignment
            else answers.other_medicine
        ),
        acknowledged_version=acknowledgement.version if acknowledgement else None,
        symptoms=symptoms,
        other_symptoms=answers.other_symptoms,
        started_on=answers.started_on,
        outcome=answers.outcome,
        stopped_on=answers.stopped_on,
        severity=answers.severity,
        interference=answers.interference,
        medicine_action=answers.medicine_action,
        dose=answers.dose,
        other_medicines=answers.other_medicines,
        description=answers.description,
        consent=answers.consent,
        urgency=min(
            (symptom["level"] for symptom in symptoms if symptom["red_flag"]), default=None
        ),
        created_at=now,
    )
    try:
        with transaction.atomic():
            report.thread = Thread.objects.create(
                patient=patient,
                assignment=assignment,
                kind=Thread.Kind.REPORT,
                awaiting_dermatologist=True,
            )
            # Uniqueness (the form token) is left to the database: a racing twice-posted
            # form then ends in the IntegrityError below, not in a ValidationError.
            # Its patient and assignment were read in this request (no check of each).
            report.full_clean(exclude=["thread", "patient", "assignment"], validate_unique=False)
            report.save()
    except IntegrityError:
        # A second submission raced this one past the check above.
        raced = SideEffectReport.objects.filter(form_token=answers.form_token).first()
        if raced is None:
            raise
        if raced.patient_id != patient.pk:
            raise FormTokenTaken from None
        return raced
    report.reference = _reference(report.pk, now)
    report.save(update_fields=["reference"])
    queue_mail(
        to=patient.dermatologist.user,
        kind=Kind.URGENT_REPORT if report.urgent else Kind.NEW_REPORT,
        path=reverse("patients:report_inbox_detail", kwargs={"pk": report.pk}),
    )
    log_action(
        actor=patient.user,
        action="report.submitted",
        obj=report,
        data={"urgency": report.urgency},
    )
    return report


@transaction.atomic
def set_report_status(*, report: SideEffectReport, status: str, action: str, by) -> None:
    report = SideEffectReport.objects.select_for_update().get(pk=report.pk)
    report.status = status
    report.action = action or report.action
    report.handled_by = by
    report.closed_at = timezone.now() if status == SideEffectReport.Status.CLOSED else None
    report.save(update_fields=["status", "action", "handled_by", "closed_at"])
    if status == SideEffectReport.Status.CLOSED:
        Thread.objects.filter(pk=report.thread_id).update(awaiting_dermatologist=False)
    log_action(
        actor=by, action="report.status", obj=report, data={"status": status, "action": action}
    )


@transaction.atomic
def mark_forwarded(*, report: SideEffectReport, on, reference: str, by) -> None:
    SideEffectReport.objects.filter(pk=report.pk).update(
        forwarded_on=on, forwarded_reference=reference
    )
    log_action(actor=by, action="report.forwarded", obj=report, data={"on": on.isoformat()})


@transaction.atomic
def log_export(*, report: SideEffectReport, by, fmt: str) -> None:
    """Exports hold health data: who took one, and when, is on the record."""
    log_action(actor=by, action="report.exported", obj=report, data={"format": fmt})


def mark_seen(*, report: SideEffectReport) -> None:
    """Record when a dermatologist first opened the report (the trends' "time to first
    look"): one conditional UPDATE the first time, nothing afterwards. A single statement is
    atomic on its own, so no transaction (and no savepoint) is opened around it; two
    dermatologists opening it at once: the first write stays."""
    if report.first_seen_at is not None:
        return
    now = timezone.now()
    if SideEffectReport.objects.filter(pk=report.pk, first_seen_at__isnull=True).update(
        first_seen_at=now
    ):
        report.first_seen_at = now
