from django.conf import settings
from django.db import migrations, models


def editors_so_far(apps, schema_editor):
    """What is known of each version's editors: who made it and who edited it last."""
    LeafletVersion = apps.get_model("leaflets", "LeafletVersion")
    Editor = LeafletVersion.editors.through
    rows = set()
    for version_id, created_by, last_edited_by in LeafletVersion.objects.values_list(
        "pk", "created_by", "last_edited_by"
    ):
        rows.update((version_id, user) for user in (created_by, last_edited_by) if user)
    Editor.objects.bulk_create(
        [Editor(leafletversion_id=version, user_id=user) for version, user in rows],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("leaflets", "0007_leaflet_is_medicine"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="leafletversion",
            name="editors",
            field=models.ManyToManyField(
                blank=True,
                help_text=(
                    "Everyone who changed any part of this version; none of them may approve it."
                ),
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="edited by",
            ),
        ),
        migrations.RunPython(editors_so_far, migrations.RunPython.noop),
    ]
