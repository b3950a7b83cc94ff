from django.db import migrations

CATEGORIES = [
    ("medicines", "Legemidler", "Medicines", 1),
    ("conditions", "Hudsykdommer", "Skin conditions", 2),
    ("treatments", "Behandlinger og prosedyrer", "Treatments and procedures", 3),
]


def create_categories(apps, schema_editor):
    Category = apps.get_model("leaflets", "Category")
    for slug, name_nb, name_en, position in CATEGORIES:
        Category.objects.get_or_create(
            slug=slug, defaults={"name_nb": name_nb, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("leaflets", "0001_initial")]

    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
