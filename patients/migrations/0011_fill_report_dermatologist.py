"""Every report is addressed to its patient's responsible dermatologist (one UPDATE)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Patient = apps.get_model("patients", "Patient")
    SideEffectReport = apps.get_model("patients", "SideEffectReport")
    dermatologist = Patient.objects.filter(pk=OuterRef("patient_id")).values("dermatologist_id")
    SideEffectReport.objects.update(dermatologist_id=Subquery(dermatologist[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0010_report_dermatologist"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
