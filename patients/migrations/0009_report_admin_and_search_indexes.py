"""Indexes named after the page they serve: the admin's report list (newest first, by status
or urgency) and the "My patients" search (trigram indexes on PostgreSQL)."""

from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# "My patients" searches name and e-mail with `icontains`, which PostgreSQL runs as
# UPPER(column::text) LIKE UPPER('%word%'): trigram GIN indexes on exactly those expressions
# find the matching users without reading them all. Only on PostgreSQL (SQLite scans, which
# is fine at its size); the users table belongs to `clinic`, the search to this app.
SEARCH_INDEXES = {
    "my_patients_search_name_idx": 'UPPER("full_name"::text)',
    "my_patients_search_email_idx": 'UPPER("email"::text)',
}


class TrigramExtensionOnPostgreSQL(TrigramExtension):
    """Django's operation checks the database going forwards but not backwards."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def add_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table
    for name, expression in SEARCH_INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f"USING gin (({expression}) gin_trgm_ops)"
        )


def remove_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCH_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):

    dependencies = [
        ('leaflets', '0012_leaflet_text_renderable'),
        ('patients', '0008_report_first_seen'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='sideeffectreport',
            index=models.Index(fields=['created_at', 'id'], name='report_admin_list_idx'),
        ),
        migrations.AddIndex(
            model_name='sideeffectreport',
            index=models.Index(fields=['status', 'created_at', 'id'], name='report_admin_status_idx'),
        ),
        migrations.AddIndex(
            model_name='sideeffectreport',
            index=models.Index(fields=['urgency', 'created_at', 'id'], name='report_admin_urgency_idx'),
        ),
        # A no-op on databases other than PostgreSQL.
        TrigramExtensionOnPostgreSQL(),
        migrations.RunPython(add_search_indexes, remove_search_indexes, elidable=False),
    ]
