"""Each assignment stores the highest version number its patient acknowledged, filled here
from the acknowledgements in one UPDATE (only the assignments that have one)."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef

from patients.models import acknowledged_number


def fill(apps, schema_editor):
    Assignment = apps.get_model("patients", "Assignment")
    Acknowledgement = apps.get_model("patients", "Acknowledgement")
    acknowledged = Acknowledgement.objects.filter(assignment=OuterRef("pk"))
    Assignment.objects.filter(Exists(acknowledged)).update(
        acknowledged_number=acknowledged_number(Acknowledgement.objects)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("leaflets", "0014_leaflet_confirm_from_number"),
        ("patients", "0012_report_inbox_by_dermatologist"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="acknowledged_number",
            field=models.PositiveIntegerField(
                blank=True,
                editable=False,
                help_text="The highest version number the patient has confirmed; empty until then.",
                null=True,
                verbose_name="latest version acknowledged",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
