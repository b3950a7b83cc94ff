import pytest

from leaflets.models import KnownSideEffect
from tests.factories import AssignmentFactory, published_leaflet


@pytest.fixture
def medicine(db):
    """A medicine leaflet with one ordinary side effect and one red flag."""
    leaflet = published_leaflet(slug="azathioprine")
    KnownSideEffect.objects.create(
        leaflet=leaflet, key="nausea", position=1, name_nb="Kvalme", name_en="Nausea"
    )
    KnownSideEffect.objects.create(
        leaflet=leaflet,
        key="fever",
        position=2,
        name_nb="Feber",
        name_en="Fever",
        red_flag=True,
        ask_nb="Har du feber?",
        ask_en="Do you have a fever?",
    )
    return leaflet


@pytest.fixture
def kari_medicine(kari, medicine):
    """Kari's assignment of the medicine leaflet."""
    return AssignmentFactory(patient=kari.patient, leaflet=medicine)
