"""A report as the fields a pharmacovigilance report needs.

ICH E2B minimum: an identifiable patient, a reporter, a suspect medicine and a reaction.
The patient is identified by initials and birth year unless they consented to forwarding
with their name, plus the Yellow Card / MedWatch 3500B fields the form collects.
"""

import csv
import json

from django.http import HttpResponse

from patients.models import SideEffectReport


def _initials(name: str) -> str:
    return "".join(part[0].upper() for part in name.split())


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


# Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    """A text cell that a spreadsheet would run as a formula, prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


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
