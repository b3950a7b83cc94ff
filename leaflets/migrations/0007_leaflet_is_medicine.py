from django.db import migrations, models

# Leaflets about a medicine; topical corticosteroids are filed under "treatments" but are one.
MEDICINE_SLUGS = ["topical-corticosteroids"]


def mark_medicines(apps, schema_editor):
    Leaflet = apps.get_model("leaflets", "Leaflet")
    Leaflet.objects.filter(category__slug="medicines").update(is_medicine=True)
    Leaflet.objects.filter(slug__in=MEDICINE_SLUGS).update(is_medicine=True)


class Migration(migrations.Migration):
    dependencies = [("leaflets", "0006_red_flag_urgency_level")]

    operations = [
        migrations.AddField(
            model_name="leaflet",
            name="is_medicine",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Tick for a leaflet about a medicine: patients can report side effects on it."
                ),
                verbose_name="about a medicine",
            ),
        ),
        migrations.RunPython(mark_medicines, migrations.RunPython.noop),
    ]
