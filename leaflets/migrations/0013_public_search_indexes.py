"""Full-text indexes for the public search, one per language (PostgreSQL only).

The search (`leaflets.selectors._matching_leaflet_ids`) matches title, summary and text
weighted A, B, C with the language's text-search configuration; it computed that vector for
every text on every search (26 ms for 60 texts). These partial GIN indexes are on exactly
the expression Django writes for it, so PostgreSQL finds the matching texts in the index.
SQLite searches with LIKE and gets none.
"""

from django.db import migrations

SEARCH_CONFIG = {"nb": "norwegian", "en": "english"}


def _vector(config: str) -> str:
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, COALESCE(\"{column}\", '')), '{weight}')"
        for column, weight in (("title", "A"), ("summary", "B"), ("body_plain", "C"))
    )


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, config in SEARCH_CONFIG.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "public_search_{language}_idx" '
            f'ON "leaflets_leaflettext" USING gin (({_vector(config)})) '
            f"WHERE language = '{language}'"
        )


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in SEARCH_CONFIG:
        schema_editor.execute(f'DROP INDEX IF EXISTS "public_search_{language}_idx"')


class Migration(migrations.Migration):
    dependencies = [
        ("leaflets", "0012_leaflet_text_renderable"),
    ]

    operations = [
        migrations.RunPython(add_indexes, remove_indexes, elidable=False),
    ]
