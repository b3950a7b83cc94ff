"""A report exported as JSON or CSV."""

import datetime
import json

import pytest

from clinic.models import AuditEntry
from tests.patients.reporting import make_report


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


def test_export_of_an_unknown_format_is_not_found(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine)

    assert client_for(dr_hansen).get(f"/reports/{report.pk}/export.xml").status_code == 404


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("persona", ["ola", "dr_lie", "kari"])
def test_nobody_else_can_export_a_report(client_for, request, kari_medicine, persona, fmt):
    report = make_report(kari_medicine, urgent=True)

    response = client_for(request.getfixturevalue(persona)).get(
        f"/reports/{report.pk}/export.{fmt}"
    )

    assert response.status_code == 404
    assert report.reference not in response.content.decode()
    assert not AuditEntry.objects.filter(action="report.exported").exists()


@pytest.mark.parametrize(
    "outcome, code",
    [("recovered", 1), ("recovering", 2), ("ongoing", 3), ("not_recovered", 4)],
)
def test_export_gives_the_regulator_s_outcome_code(
    client_for, dr_hansen, kari_medicine, outcome, code
):
    """ "Stopped, but left lasting problems" is E2B's "recovered with sequelae" (4)."""
    stopped = None if outcome == "ongoing" else datetime.date.today()
    report = make_report(kari_medicine, outcome=outcome, stopped_on=stopped)

    exported = json.loads(client_for(dr_hansen).get(f"/reports/{report.pk}/export.json").content)

    assert (exported["reaction_outcome"], exported["reaction_outcome_e2b"]) == (outcome, code)
