"""The overview's sections read one range of the dermatologist's assignments or questions:
the indexes by patient of 0014 give way to indexes by dermatologist."""

import django.db.models.deletion
from django.db import migrations, models

UNCONFIRMED = models.Q(acknowledged_number__isnull=True, withdrawn_at__isnull=True)


def _dermatologist():
    return models.ForeignKey(
        db_index=False,
        editable=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="patients.dermatologist",
        verbose_name="responsible dermatologist",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0017_fill_assignment_thread_dermatologist"),
    ]

    operations = [
        migrations.AlterField(
            model_name="assignment", name="dermatologist", field=_dermatologist()
        ),
        migrations.AlterField(model_name="thread", name="dermatologist", field=_dermatologist()),
        migrations.RemoveIndex(model_name="assignment", name="overview_unconfirmed_idx"),
        migrations.RemoveIndex(model_name="assignment", name="overview_unconfirmed_age_idx"),
        migrations.RemoveIndex(model_name="assignment", name="overview_outdated_idx"),
        migrations.RemoveIndex(model_name="thread", name="overview_questions_idx"),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                condition=UNCONFIRMED,
                fields=["dermatologist", "assigned_at", "id"],
                name="overview_unconfirmed_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                condition=models.Q(acknowledged_number__isnull=False, withdrawn_at__isnull=True),
                fields=["dermatologist", "leaflet", "acknowledged_number"],
                include=["patient", "id"],
                name="overview_outdated_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                condition=models.Q(awaiting_dermatologist=True, kind="question"),
                fields=["dermatologist", "last_message_at", "id"],
                name="overview_questions_idx",
            ),
        ),
    ]
