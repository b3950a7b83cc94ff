"""Side effects and questions move from the leaflet to each version (step 1 of 3)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("leaflets", "0008_version_editors")]

    operations = [
        # The old uniqueness is per leaflet; the copies in step 2 share a leaflet.
        migrations.RemoveConstraint(model_name="knownsideeffect", name="side_effect_key_unique"),
        migrations.RemoveConstraint(
            model_name="teachbackquestion", name="question_position_unique"
        ),
        migrations.AddField(
            model_name="knownsideeffect",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="side_effects",
                to="leaflets.leafletversion",
                verbose_name="version",
            ),
        ),
        migrations.AddField(
            model_name="teachbackquestion",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="questions",
                to="leaflets.leafletversion",
                verbose_name="version",
            ),
        ),
    ]
