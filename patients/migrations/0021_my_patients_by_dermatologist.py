""""My patients" reads one dermatologist's range of the copied names (made after the fill,
so it is built once)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0020_fill_patient_name_and_email"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="patient",
            index=models.Index(
                fields=["dermatologist", "name_and_email", "id"], name="my_patients_idx"
            ),
        ),
    ]
