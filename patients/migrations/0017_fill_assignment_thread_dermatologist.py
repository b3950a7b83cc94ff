"""Every assignment and conversation belongs to its patient's responsible dermatologist (one
UPDATE per table)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Patient = apps.get_model("patients", "Patient")
    dermatologist = Patient.objects.filter(pk=OuterRef("patient_id")).values("dermatologist_id")
    for name in ("Assignment", "Thread"):
        model = apps.get_model("patients", name)
        model.objects.update(dermatologist_id=Subquery(dermatologist[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0016_assignment_thread_dermatologist"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
