import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import AssignmentFactory, medicine_leaflet


@pytest.fixture
def medicine(db):
    """A medicine leaflet with one ordinary side effect and one red flag."""
    return medicine_leaflet()


@pytest.fixture
def kari_medicine(kari, medicine):
    """Kari's assignment of the medicine leaflet."""
    return AssignmentFactory(patient=kari.patient, leaflet=medicine)


@pytest.fixture
def back_to_latest():
    """For tests that migrate backwards: whatever happens, the later tests find the database
    fully migrated."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
