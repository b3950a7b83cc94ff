import pytest

from patients.models import Assignment
from tests.factories import AssignmentFactory


def _url(assignment, suffix=""):
    return f"/my/leaflets/{assignment.pk}/{suffix}"


def test_reader_shows_the_text_and_note_and_records_the_first_open(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient, note="Start mandag.")

    response = client_for(kari).get(_url(assignment))

    page = response.content.decode()
    assert "<h1>Azatioprin</h1>" in page and "Start mandag." in page
    first = Assignment.objects.get(pk=assignment.pk).first_opened_at
    assert first is not None
    client_for(kari).get(_url(assignment))
    assert Assignment.objects.get(pk=assignment.pk).first_opened_at == first


def test_reader_switches_the_leaflet_language(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    page = client_for(kari).get(_url(assignment), {"lang": "en"}).content.decode()

    assert "<h1>Azathioprine</h1>" in page
    assert '<article class="col-lg-8" lang="en">' in page
    assert '<html lang="nb">' in page


def test_print_view_is_the_patients_handout(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    page = client_for(kari).get(_url(assignment, "print/")).content.decode()

    assert "<h1>Azatioprin</h1>" in page and "navbar" not in page


@pytest.mark.parametrize("suffix", ["", "print/", "check/"])
@pytest.mark.parametrize("persona", ["ola", "dr_hansen", "dr_lie", "admin_user"])
def test_nobody_else_can_open_the_patients_leaflet(client_for, request, kari, persona, suffix):
    assignment = AssignmentFactory(patient=kari.patient)

    response = client_for(request.getfixturevalue(persona)).get(_url(assignment, suffix))

    assert response.status_code == 404
    assert Assignment.objects.get(pk=assignment.pk).first_opened_at is None


def test_reader_refuses_post(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    assert client_for(kari).post(_url(assignment)).status_code == 405


def test_reader_query_count_is_constant(client_for, kari, django_assert_max_num_queries):
    assignment = AssignmentFactory(patient=kari.patient)
    client = client_for(kari)

    with django_assert_max_num_queries(14):
        assert client.get(_url(assignment)).status_code == 200
