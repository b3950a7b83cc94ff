from django.db import migrations, models
from django.db.models import Count

OPEN = ["draft", "in_review"]


def refuse_two_open_versions(apps, schema_editor):
    """Name the leaflets to tidy by hand rather than delete anyone's draft."""
    LeafletVersion = apps.get_model("leaflets", "LeafletVersion")
    crowded = (
        LeafletVersion.objects.filter(status__in=OPEN)
        .values("leaflet__slug")
        .annotate(open=Count("pk"))
        .filter(open__gt=1)
    )
    slugs = sorted(row["leaflet__slug"] for row in crowded)
    if slugs:
        raise RuntimeError(
            "These leaflets have more than one draft or version in review: "
            f"{', '.join(slugs)}. Delete the extra drafts in the admin, then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [("leaflets", "0003_change_note_per_language")]

    operations = [
        migrations.RunPython(refuse_two_open_versions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="leafletversion",
            constraint=models.UniqueConstraint(
                condition=models.Q(status__in=OPEN),
                fields=("leaflet",),
                name="one_open_version_per_leaflet",
                violation_error_message="A leaflet can have only one draft or version in review.",
            ),
        ),
        migrations.RenameIndex(
            model_name="leafletversion",
            old_name="version_status_leaflet_idx",
            new_name="public_az_published_idx",
        ),
    ]
