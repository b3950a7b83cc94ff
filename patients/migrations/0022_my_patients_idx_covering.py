""""My patients" index holds the other columns the list reads (the account's key and the
date of birth), so PostgreSQL reads the page, the search and the count from the index
alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0021_my_patients_by_dermatologist"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="patient", name="my_patients_idx"),
        migrations.AddIndex(
            model_name="patient",
            index=models.Index(
                fields=["dermatologist", "name_and_email", "id"],
                include=("user", "date_of_birth"),
                name="my_patients_idx",
            ),
        ),
    ]
