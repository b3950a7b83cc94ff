import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0011_fill_report_dermatologist"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sideeffectreport",
            name="dermatologist",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reports",
                to="patients.dermatologist",
                verbose_name="responsible dermatologist",
            ),
        ),
        migrations.RemoveIndex(model_name="sideeffectreport", name="report_inbox_idx"),
        migrations.AddIndex(
            model_name="sideeffectreport",
            index=models.Index(
                fields=["dermatologist", "status", "urgency", "created_at"],
                include=["id", "patient", "reference", "medicine_name"],
                name="report_inbox_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="sideeffectreport",
            index=models.Index(fields=["patient", "status"], name="report_my_patients_idx"),
        ),
    ]
