import pytest

from patients import services
from tests.factories import AssignmentFactory, published_leaflet


def _url(user):
    return f"/patients/{user.patient.pk}/"


def test_patient_page_shows_each_leaflets_state(client_for, dr_hansen, kari):
    AssignmentFactory(patient=kari.patient, leaflet=published_leaflet(title_nb="Uåpnet"))
    opened = AssignmentFactory(patient=kari.patient, leaflet=published_leaflet(title_nb="Åpnet"))
    services.record_open(assignment=opened)
    read = AssignmentFactory(patient=kari.patient, leaflet=published_leaflet(title_nb="Lest"))
    services.acknowledge(assignment=read, version=read.leaflet.published_version(), language="en")

    response = client_for(dr_hansen).get(_url(kari))

    states = {s.title: s.label for s in response.context["active"]}
    assert states == {"Uåpnet": "Tildelt", "Åpnet": "Åpnet", "Lest": "Bekreftet"}
    assert "bekreftet v1 (en)" in response.content.decode()


@pytest.mark.parametrize("persona", ["dr_lie", "kari", "ola", "admin_user"])
def test_nobody_else_can_see_the_patient_page(client_for, request, kari, persona):
    assert client_for(request.getfixturevalue(persona)).get(_url(kari)).status_code == 404


def test_patient_page_refuses_post(client_for, dr_hansen, kari):
    assert client_for(dr_hansen).post(_url(kari)).status_code == 405


@pytest.mark.parametrize("count", [2, 20])
def test_patient_page_query_count_is_constant(
    client_for, dr_hansen, kari, count, django_assert_max_num_queries
):
    for _ in range(count):
        assignment = AssignmentFactory(patient=kari.patient)
        services.ask_question(assignment=assignment, body="Et spørsmål")
    client = client_for(dr_hansen)

    with django_assert_max_num_queries(16):
        response = client.get(_url(kari))

    assert len(response.context["active"]) == count
