import pytest

from patients import services
from tests.factories import AssignmentFactory, published_leaflet

URL = "/my/"


def test_home_lists_to_read_and_read_with_the_note(client_for, kari):
    AssignmentFactory(patient=kari.patient, leaflet=published_leaflet(title_nb="Ny"), note="Les nå")
    read = AssignmentFactory(patient=kari.patient, leaflet=published_leaflet(title_nb="Ferdig"))
    services.acknowledge(assignment=read, version=read.leaflet.published_version(), language="nb")

    response = client_for(kari).get(URL)

    assert [s.title for s in response.context["to_read"]] == ["Ny"]
    assert [s.title for s in response.context["read"]] == ["Ferdig"]
    assert "Les nå" in response.content.decode()


def test_home_shows_only_the_patients_own_active_leaflets(client_for, kari, ola, dr_hansen):
    AssignmentFactory(patient=ola.patient, leaflet=published_leaflet(title_nb="Olas"))
    withdrawn = AssignmentFactory(patient=kari.patient, leaflet=published_leaflet(title_nb="Borte"))
    services.withdraw_assignment(assignment=withdrawn, by=dr_hansen)

    page = client_for(kari).get(URL).content.decode()

    assert "Olas" not in page and "Borte" not in page


@pytest.mark.parametrize("persona", ["dr_hansen", "admin_user"])
def test_home_is_for_patients_only(client_for, request, persona):
    assert client_for(request.getfixturevalue(persona)).get(URL).status_code == 404


@pytest.mark.parametrize("count", [2, 30])
def test_home_query_count_is_constant(client_for, kari, count, django_assert_max_num_queries):
    for _ in range(count):
        AssignmentFactory(patient=kari.patient)
    client = client_for(kari)

    with django_assert_max_num_queries(5):
        response = client.get(URL)

    assert len(response.context["to_read"]) == count
