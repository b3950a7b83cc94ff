"""Indexes named after the page they serve: the overview's unconfirmed and outdated leaflets
(partial indexes on the stored acknowledgement state) and its questions, and the order by
name of "My patients" and of the overview's outdated leaflets."""

from django.conf import settings
from django.db import migrations, models

# "My patients" and the overview's outdated leaflets list a dermatologist's patients by name:
# with an index on the name, the database walks the users in that order and stops after a
# page, instead of reading every user to sort the dermatologist's 2,000. The users table
# belongs to `clinic`, the order to this app (like the search indexes of 0009).
NAME_INDEX = "my_patients_name_idx"


def add_name_index(apps, schema_editor):
    table = apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{NAME_INDEX}" ON "{table}" ("full_name")')


def remove_name_index(apps, schema_editor):
    schema_editor.execute(f'DROP INDEX IF EXISTS "{NAME_INDEX}"')


UNCONFIRMED = models.Q(acknowledged_number__isnull=True, withdrawn_at__isnull=True)


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0013_assignment_acknowledged_number"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                condition=UNCONFIRMED,
                fields=["patient", "assigned_at"],
                name="overview_unconfirmed_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                condition=UNCONFIRMED,
                fields=["assigned_at", "id"],
                include=("patient",),
                name="overview_unconfirmed_age_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                condition=models.Q(acknowledged_number__isnull=False, withdrawn_at__isnull=True),
                fields=["patient", "leaflet", "acknowledged_number"],
                name="overview_outdated_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                condition=models.Q(awaiting_dermatologist=True, kind="question"),
                fields=["patient", "last_message_at"],
                name="overview_questions_idx",
            ),
        ),
        migrations.RunPython(add_name_index, remove_name_index, elidable=False),
    ]
