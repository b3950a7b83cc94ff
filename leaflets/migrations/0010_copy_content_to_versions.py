"""Step 2 of 3: every version of a leaflet gets a copy of the leaflet's side effects and
questions, so a published or retired version keeps what its patients saw."""

from django.db import migrations


def _copy_to_versions(model, versions_by_leaflet):
    """Replace each leaflet-wide row by one copy per version of its leaflet (a leaflet
    without any version has no text either, and its rows go)."""
    fields = [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in ("id", "version_id")
    ]
    originals = list(model.objects.filter(version__isnull=True))
    model.objects.bulk_create(
        [
            model(version_id=version_id, **{name: getattr(row, name) for name in fields})
            for row in originals
            for version_id in versions_by_leaflet.get(row.leaflet_id, ())
        ],
        batch_size=500,
    )
    model.objects.filter(pk__in=[row.pk for row in originals]).delete()


def copy_to_versions(apps, schema_editor):
    LeafletVersion = apps.get_model("leaflets", "LeafletVersion")
    versions_by_leaflet = {}
    for leaflet_id, version_id in LeafletVersion.objects.values_list("leaflet", "pk"):
        versions_by_leaflet.setdefault(leaflet_id, []).append(version_id)
    for name in ("KnownSideEffect", "TeachBackQuestion"):
        _copy_to_versions(apps.get_model("leaflets", name), versions_by_leaflet)


class Migration(migrations.Migration):
    dependencies = [("leaflets", "0009_content_version_field")]

    operations = [migrations.RunPython(copy_to_versions, migrations.RunPython.noop)]
