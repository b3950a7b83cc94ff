from django.db import migrations, models


def renumber_repeated_positions(apps, schema_editor):
    """Where two questions of a leaflet and language share a position, number them 1, 2, …
    in their present order."""
    TeachBackQuestion = apps.get_model("leaflets", "TeachBackQuestion")
    groups = {}
    for question in TeachBackQuestion.objects.order_by("leaflet", "language", "position", "pk"):
        groups.setdefault((question.leaflet_id, question.language), []).append(question)
    changed = []
    for questions in groups.values():
        if len({question.position for question in questions}) < len(questions):
            for position, question in enumerate(questions, start=1):
                question.position = position
                changed.append(question)
    TeachBackQuestion.objects.bulk_update(changed, ["position"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("leaflets", "0004_one_open_version_per_leaflet")]

    operations = [
        migrations.RunPython(renumber_repeated_positions, migrations.RunPython.noop),
        # The unique index below serves the teach-back page in its place.
        migrations.RemoveIndex(model_name="teachbackquestion", name="question_leaflet_lang_idx"),
        migrations.AddConstraint(
            model_name="teachbackquestion",
            constraint=models.UniqueConstraint(
                fields=("leaflet", "language", "position"),
                name="question_position_unique",
                violation_error_message=(
                    "Another question in this language already has this position."
                ),
            ),
        ),
    ]
