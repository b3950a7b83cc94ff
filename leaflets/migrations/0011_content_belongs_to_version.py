"""Step 3 of 3: side effects and questions belong to a version, not to the leaflet."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("leaflets", "0010_copy_content_to_versions")]

    operations = [
        migrations.RemoveField(model_name="knownsideeffect", name="leaflet"),
        migrations.RemoveField(model_name="teachbackquestion", name="leaflet"),
        migrations.AlterField(
            model_name="knownsideeffect",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="side_effects",
                to="leaflets.leafletversion",
                verbose_name="version",
            ),
        ),
        migrations.AlterField(
            model_name="teachbackquestion",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="questions",
                to="leaflets.leafletversion",
                verbose_name="version",
            ),
        ),
        migrations.AlterModelOptions(
            name="knownsideeffect",
            options={
                "ordering": ["version", "position", "key"],
                "verbose_name": "known side effect",
                "verbose_name_plural": "known side effects",
            },
        ),
        migrations.AlterModelOptions(
            name="teachbackquestion",
            options={
                "ordering": ["version", "language", "position"],
                "verbose_name": "teach-back question",
                "verbose_name_plural": "teach-back questions",
            },
        ),
        migrations.AddConstraint(
            model_name="knownsideeffect",
            constraint=models.UniqueConstraint(
                fields=("version", "key"), name="side_effect_key_unique"
            ),
        ),
        # Its index also serves the teach-back page, which reads one language in order.
        migrations.AddConstraint(
            model_name="teachbackquestion",
            constraint=models.UniqueConstraint(
                fields=("version", "language", "position"),
                name="question_position_unique",
                violation_error_message=(
                    "Another question in this language already has this position."
                ),
            ),
        ),
    ]
