"""Reports made before the urgency scale: an urgent one becomes "contact the clinic today"."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("patients", "0004_report_dates_and_page_indexes")]
AFTER = [("patients", "0005_report_urgency_level")]


@pytest.mark.django_db(transaction=True)
def test_urgent_reports_become_today_and_the_others_get_no_level(kari, back_to_latest):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Report = old.get_model("patients", "SideEffectReport")
    Thread = old.get_model("patients", "Thread")
    patient_pk = kari.patient.pk

    def report(reference, urgent):
        Report.objects.create(
            reference=reference,
            patient_id=patient_pk,
            medicine_name="Azatioprin",
            started_on=datetime.date(2026, 1, 1),
            outcome="ongoing",
            severity="mild",
            interference="a_little",
            medicine_action="continued",
            urgent=urgent,
            thread=Thread.objects.create(patient_id=patient_pk, kind="report"),
        )

    report("R-urgent", True)
    report("R-routine", False)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("patients", "SideEffectReport")

    assert dict(new.objects.values_list("reference", "urgency")) == {
        "R-urgent": 2,
        "R-routine": None,
    }
