import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0009_report_admin_and_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="sideeffectreport",
            name="dermatologist",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reports",
                to="patients.dermatologist",
                verbose_name="responsible dermatologist",
            ),
        ),
    ]
