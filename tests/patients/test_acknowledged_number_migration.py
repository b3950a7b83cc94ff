"""The stored acknowledgement state is filled from the rows made before it existed."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("leaflets", "0013_public_search_indexes"),
    ("patients", "0012_report_inbox_by_dermatologist"),
]
AFTER = [("patients", "0013_assignment_acknowledged_number")]


@pytest.mark.django_db(transaction=True)
def test_the_migrations_fill_the_numbers_from_versions_and_acknowledgements(
    kari, ola, dr_hansen, back_to_latest
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Leaflet = old.get_model("leaflets", "Leaflet")
    Version = old.get_model("leaflets", "LeafletVersion")
    Assignment = old.get_model("patients", "Assignment")
    Acknowledgement = old.get_model("patients", "Acknowledgement")
    category = old.get_model("leaflets", "Category").objects.create(
        slug="test", name_nb="Test", name_en="Test"
    )

    def leaflet(slug, *versions):
        """A leaflet with versions given as (status, asks to confirm again)."""
        made = Leaflet.objects.create(slug=slug, category=category)
        return made, [
            Version.objects.create(
                leaflet=made,
                number=number,
                status=status,
                requires_reacknowledgement=again,
                next_review=datetime.date(2030, 1, 1),
            )
            for number, (status, again) in enumerate(versions, start=1)
        ]

    def assignment(patient, leaflet, *acknowledged):
        made = Assignment.objects.create(
            patient_id=patient.pk, leaflet=leaflet, assigned_by_id=dr_hansen.pk
        )
        for version in acknowledged:
            Acknowledgement.objects.create(assignment=made, version=version, language="nb")
        return made.pk

    updated, (v1, v2, v3) = leaflet(
        "updated", ("retired", False), ("retired", True), ("published", False)
    )
    minor, (m1, _) = leaflet("minor", ("retired", False), ("published", False))
    _draft_only, _ = leaflet("draft-asks-again", ("published", False), ("draft", True))
    outdated = assignment(kari.patient, updated, v1)
    renewed = assignment(ola.patient, updated, v1, v3)
    kept = assignment(kari.patient, minor, m1)
    unread = assignment(ola.patient, minor)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps

    confirm_from = dict(
        new.get_model("leaflets", "Leaflet").objects.values_list("slug", "confirm_from_number")
    )
    assert confirm_from == {"updated": 2, "minor": 0, "draft-asks-again": 0}
    numbers = dict(
        new.get_model("patients", "Assignment").objects.values_list("pk", "acknowledged_number")
    )
    assert numbers == {outdated: 1, renewed: 3, kept: 1, unread: None}
