"""Reports made before the urgency scale: an urgent one becomes "contact the clinic today"."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.patients.migrating import old_report

BEFORE = [("patients", "0004_report_dates_and_page_indexes")]
AFTER = [("patients", "0005_report_urgency_level")]


@pytest.mark.django_db(transaction=True)
def test_urgent_reports_become_today_and_the_others_get_no_level(kari, back_to_latest):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old_report(old, reference="R-urgent", patient_id=kari.patient.pk, urgent=True)
    old_report(old, reference="R-routine", patient_id=kari.patient.pk, urgent=False)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("patients", "SideEffectReport")

    assert dict(new.objects.values_list("reference", "urgency")) == {
        "R-urgent": 2,
        "R-routine": None,
    }
