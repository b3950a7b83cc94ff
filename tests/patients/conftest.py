import pytest

from tests.factories import AssignmentFactory, medicine_leaflet


@pytest.fixture
def medicine(db):
    """A medicine leaflet with one ordinary side effect and one red flag."""
    return medicine_leaflet()


@pytest.fixture
def kari_medicine(kari, medicine):
    """Kari's assignment of the medicine leaflet."""
    return AssignmentFactory(patient=kari.patient, leaflet=medicine)
