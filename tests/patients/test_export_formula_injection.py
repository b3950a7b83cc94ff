"""Exports neutralise spreadsheet formulas in what the patient typed (OWASP CSV injection)."""

import csv
import io
import json

import pytest

from patients.models import SideEffectReport
from tests.patients.reporting import make_report

FORMULAS = ["=1+2", "+47 cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("typed", FORMULAS)
def test_report_page_csv_prefixes_formula_cells_with_a_quote(
    client_for, dr_hansen, kari_medicine, typed
):
    report = make_report(kari_medicine, dose=typed[:100], description=typed)

    [row] = _rows(client_for(dr_hansen).get(f"/reports/{report.pk}/export.csv"))

    assert row["dose"] == f"'{typed}"
    assert row["description"] == f"'{typed}"


def test_report_page_json_keeps_what_the_patient_typed(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine, dose="=1+2", other_medicines="@SUM(A1)")

    exported = json.loads(client_for(dr_hansen).get(f"/reports/{report.pk}/export.json").content)

    assert exported["dose"] == "=1+2"
    assert exported["other_medicines_last_3_months"] == "@SUM(A1)"


def test_plain_cells_and_dates_are_unchanged(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine, dose="2 mg", description="Kløe")

    [row] = _rows(client_for(dr_hansen).get(f"/reports/{report.pk}/export.csv"))

    assert row["dose"] == "2 mg"
    assert row["description"] == "Kløe"
    assert row["reference"] == report.reference


def test_admin_bulk_csv_export_prefixes_formula_cells(client_for, admin_user, kari_medicine):
    report = make_report(kari_medicine, dose='=HYPERLINK("http://x")', other_medicines="+1")

    response = client_for(admin_user).post(
        "/admin/patients/sideeffectreport/",
        {"action": "export_csv", "_selected_action": [report.pk]},
    )

    [row] = _rows(response)
    assert row["dose"] == '\'=HYPERLINK("http://x")'
    assert row["other_medicines_last_3_months"] == "'+1"
    assert SideEffectReport.objects.get(pk=report.pk).dose == '=HYPERLINK("http://x")'
