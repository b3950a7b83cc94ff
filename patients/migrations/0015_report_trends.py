"""The report trends: each report keeps its assignment's leaflet (filled in here), and
report_trends_idx reads a dermatologist's reports in a period with every column the trends
count (see SideEffectReport.leaflet and the index's comment)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_leaflet(apps, schema_editor):
    Assignment = apps.get_model("patients", "Assignment")
    SideEffectReport = apps.get_model("patients", "SideEffectReport")
    leaflet = Assignment.objects.filter(pk=OuterRef("assignment_id")).values("leaflet_id")
    SideEffectReport.objects.filter(assignment__isnull=False).update(
        leaflet_id=Subquery(leaflet[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("leaflets", "0014_leaflet_confirm_from_number"),
        ("patients", "0014_overview_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="sideeffectreport",
            name="leaflet",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="leaflets.leaflet",
                verbose_name="leaflet",
            ),
        ),
        migrations.RunPython(fill_leaflet, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="sideeffectreport",
            index=models.Index(
                fields=["dermatologist", "created_at", "urgency"],
                include=("id", "status", "first_seen_at", "closed_at", "leaflet"),
                name="report_trends_idx",
            ),
        ),
    ]
