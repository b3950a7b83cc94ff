"""Exports: a report as the fields a pharmacovigilance report needs, and a patient's data.

ICH E2B minimum: an identifiable patient, a reporter, a suspect medicine and a reaction.
The patient is identified by initials and birth year unless they consented to forwarding
with their name, plus the Yellow Card / MedWatch 3500B fields the form collects.

`patient_data` is everything the clinic holds on one patient, for their own download (the
right of access, GDPR art. 15).
"""

import csv
import json

from django.db.models import Prefetch
from django.http import HttpResponse

from clinic.lib.csv_safe import neutralise
from clinic.models import AccessLogEntry
from patients import selectors
from patients.models import Message, Patient, SideEffectReport
from patients.state import AssignmentState


def _initials(name: str) -> str:
    return "".join(part[0].upper() for part in name.split())


# The patient's answer about the course as the ICH E2B(R3) outcome code (E.i.7): 1 recovered,
# 2 recovering, 3 not recovered, 4 recovered with sequelae. "It has stopped, but it has left
# lasting problems" (stored as `not_recovered` since the first release) is code 4.
E2B_OUTCOME = {
    SideEffectReport.Outcome.RECOVERED: 1,
    SideEffectReport.Outcome.RECOVERING: 2,
    SideEffectReport.Outcome.ONGOING: 3,
    SideEffectReport.Outcome.NOT_RECOVERED: 4,
}


def report_fields(report: SideEffectReport) -> dict:
    patient = report.patient
    identified = report.consent == SideEffectReport.Consent.IDENTIFIED
    return {
        "reference": report.reference,
        "reported_at": report.created_at.isoformat(),
        "urgent": report.urgent,
        "patient_initials": _initials(patient.name),
        "patient_birth_year": patient.date_of_birth.year,
        "patient_name": patient.name if identified else "",
        "patient_date_of_birth": patient.date_of_birth.isoformat() if identified else "",
        "patient_email": patient.user.email if identified else "",
        "reporter_type": "patient",
        "consent_to_forward": report.consent,
        "suspect_medicine": report.medicine_name,
        "dose": report.dose,
        "action_with_medicine": report.medicine_action,
        "reactions": "; ".join(symptom["name"] for symptom in report.symptoms),
        "red_flags": "; ".join(s["name"] for s in report.symptoms if s["red_flag"]),
        "other_reaction": report.other_symptoms,
        "reaction_started_on": report.started_on.isoformat(),
        "reaction_outcome": report.outcome,
        "reaction_outcome_e2b": E2B_OUTCOME[report.outcome],
        "reaction_stopped_on": report.stopped_on.isoformat() if report.stopped_on else "",
        "severity": report.severity,
        "interference_with_daily_activities": report.interference,
        "other_medicines_last_3_months": report.other_medicines,
        "description": report.description,
        "leaflet_version_acknowledged": (
            report.acknowledged_version.number if report.acknowledged_version else ""
        ),
        "status": report.status,
        "action_taken": report.action,
        "forwarded_on": report.forwarded_on.isoformat() if report.forwarded_on else "",
        "forwarded_reference": report.forwarded_reference,
    }


def _csv_cell(value):
    """A text cell that a spreadsheet would run as a formula, prefixed with a quote."""
    return neutralise(value) if isinstance(value, str) else value


def export_response(reports, fmt: str, *, filename: str) -> HttpResponse:
    rows = [report_fields(report) for report in reports]
    if fmt == "json":
        response = HttpResponse(
            json.dumps(rows if len(rows) > 1 else rows[0], ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.DictWriter(response, fieldnames=list(rows[0]))
        writer.writeheader()
        # Only the CSV is neutralised: JSON keeps what the patient typed, exactly.
        writer.writerows({key: _csv_cell(value) for key, value in row.items()} for row in rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _assignment(assignment, language: str) -> dict:
    return {
        "id": assignment.pk,
        "leaflet": AssignmentState(assignment, language).title,
        "assigned_at": _when(assignment.assigned_at),
        "assigned_by": assignment.assigned_by.get_full_name() if assignment.assigned_by else None,
        "note": assignment.note,
        "first_opened_at": _when(assignment.first_opened_at),
        "withdrawn_at": _when(assignment.withdrawn_at),
        "acknowledgements": [
            {
                "version": ack.version.number,
                "language": ack.language,
                "acknowledged_at": _when(ack.acknowledged_at),
            }
            for ack in assignment.acknowledgements.all()
        ],
        "teach_back_results": [
            {
                "version": result.version.number,
                "language": result.language,
                "questions": result.question_count,
                "right_at_first_try": result.first_try_correct,
                "attempts": result.attempts,
                "first_try_at": _when(result.created_at),
                "all_right_at": _when(result.passed_at),
            }
            for result in assignment.teach_back_results.all()
        ],
    }


def _thread(thread) -> dict:
    return {
        "id": thread.pk,
        "kind": thread.kind,
        "assignment": thread.assignment_id,
        "started_at": _when(thread.created_at),
        "messages": [
            {
                "written_by": message.author.get_full_name(),
                "sent_at": _when(message.created_at),
                "body": message.body,
            }
            for message in thread.messages.all()
        ],
    }


def _access(entry: AccessLogEntry) -> dict:
    return {
        "who": entry.actor.get_full_name(),
        "role": entry.actor_role,
        "what": entry.what,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "when": _when(entry.created_at),
    }


def patient_data(patient: Patient) -> dict:
    """Everything the clinic holds on `patient` (its user and dermatologist fetched with it).

    A fixed number of queries, however many rows: each relation is fetched once.
    """
    user = patient.user
    assignments = selectors.assignments_with_state(patient.assignments.all()).order_by(
        "assigned_at", "pk"
    )
    reports = patient.reports.select_related("patient__user", "acknowledged_version").order_by(
        "created_at", "pk"
    )
    threads = patient.threads.order_by("created_at", "pk").prefetch_related(
        Prefetch(
            "messages",
            queryset=Message.objects.select_related("author").order_by("created_at", "pk"),
        )
    )
    accesses = AccessLogEntry.objects.filter(patient_user=user).select_related("actor")
    return {
        "profile": {
            "full_name": user.full_name,
            "email": user.email,
            "language": user.language,
            "date_of_birth": _when(patient.date_of_birth),
            "phone": patient.phone,
            "dermatologist": str(patient.dermatologist),
            "registered_at": _when(patient.created_at),
            "last_login": _when(user.last_login),
        },
        "assignments": [_assignment(a, user.language) for a in assignments],
        "side_effect_reports": [
            {**report_fields(report), "symptoms": report.symptoms} for report in reports
        ],
        "conversations": [_thread(thread) for thread in threads],
        "access_log": [_access(entry) for entry in accesses],
    }
