"""Each leaflet stores from which version number a patient's confirmation counts as current,
filled here from its versions by the rule the publish service keeps it by."""

from django.db import migrations, models

from leaflets.models import confirm_from_number


def fill(apps, schema_editor):
    Leaflet = apps.get_model("leaflets", "Leaflet")
    LeafletVersion = apps.get_model("leaflets", "LeafletVersion")
    Leaflet.objects.update(confirm_from_number=confirm_from_number(LeafletVersion.objects))


class Migration(migrations.Migration):
    dependencies = [("leaflets", "0013_public_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="leaflet",
            name="confirm_from_number",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text=(
                    "A patient's confirmation is current when it is of this version number or "
                    "later: the newest published or retired version that asks patients to "
                    "confirm again."
                ),
                verbose_name="confirmations count from version",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
