"""For the tests of data migrations: a side-effect report made in an earlier state's models."""

import datetime


def old_report(apps, *, reference, patient_id, **fields):
    """A report of an ongoing, mild reaction in the models `apps` of an earlier migration
    state (from `MigrationExecutor.loader.project_state(...).apps`), with its thread;
    `fields` adds what that state has (its dermatologist, its assignment, `urgent`)."""
    Report = apps.get_model("patients", "SideEffectReport")
    Thread = apps.get_model("patients", "Thread")
    return Report.objects.create(
        reference=reference,
        patient_id=patient_id,
        medicine_name="Azatioprin",
        started_on=datetime.date(2026, 1, 1),
        outcome="ongoing",
        severity="mild",
        interference="a_little",
        medicine_action="continued",
        thread=Thread.objects.create(patient_id=patient_id, kind="report"),
        **fields,
    )
