"""The printable leaflet."""

import pytest

from tests.factories import AssignmentFactory


def test_print_view_is_the_patients_handout(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    page = client_for(kari).get(f"/my/leaflets/{assignment.pk}/print/").content.decode()

    assert "<h1>Azatioprin</h1>" in page and "navbar" not in page


@pytest.mark.parametrize("persona", ["ola", "dr_hansen", "dr_lie", "admin_user"])
def test_nobody_else_can_print_the_patients_leaflet(client_for, request, kari, persona):
    assignment = AssignmentFactory(patient=kari.patient)

    response = client_for(request.getfixturevalue(persona)).get(
        f"/my/leaflets/{assignment.pk}/print/"
    )

    assert response.status_code == 404
