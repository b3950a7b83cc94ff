import django.db.models.deletion
from django.db import migrations, models


def _dermatologist(null):
    return models.ForeignKey(
        db_index=False,
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="patients.dermatologist",
        verbose_name="responsible dermatologist",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0015_report_trends"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment", name="dermatologist", field=_dermatologist(null=True)
        ),
        migrations.AddField(
            model_name="thread", name="dermatologist", field=_dermatologist(null=True)
        ),
    ]
