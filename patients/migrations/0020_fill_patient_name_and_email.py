"""Every patient row gets its copy of the user's name and e-mail address, case-folded in
Python as `patients.models.name_and_email` does it (the databases' `LOWER` differ)."""

from django.db import migrations


def _name_and_email(user) -> str:
    # A copy of `patients.models.name_and_email` as it was when this migration was written.
    return f"{user.full_name}\n{user.email}".casefold()


def fill(apps, schema_editor):
    Patient = apps.get_model("patients", "Patient")
    patients = Patient.objects.select_related("user").only(
        "name_and_email", "user__full_name", "user__email"
    )
    changed = []
    for patient in patients.iterator(chunk_size=2000):
        patient.name_and_email = _name_and_email(patient.user)
        changed.append(patient)
    Patient.objects.bulk_update(changed, ["name_and_email"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0019_patient_name_and_email"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
