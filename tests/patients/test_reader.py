import datetime

import pytest

from patients import services
from patients.models import Acknowledgement, Assignment
from tests.factories import AssignmentFactory, question


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


def test_a_confirmed_leaflet_says_which_version_was_confirmed_and_when(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)
    version = assignment.leaflet.published_version()
    services.acknowledge(assignment=assignment, version=version, language="nb")
    when = datetime.datetime(2026, 3, 3, 12, tzinfo=datetime.UTC)
    Acknowledgement.objects.filter(assignment=assignment).update(acknowledged_at=when)

    page = client_for(kari).get(_url(assignment)).content.decode()

    assert f"Du bekreftet versjon {version.number} 3. mars 2026." in page


def test_reader_switches_the_leaflet_language(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    page = client_for(kari).get(_url(assignment), {"lang": "en"}).content.decode()

    assert "<h1>Azathioprine</h1>" in page
    assert '<article class="col-lg-8" lang="en">' in page
    assert '<html lang="nb">' in page


@pytest.mark.parametrize("persona", ["ola", "dr_hansen", "dr_lie", "admin_user"])
def test_nobody_else_can_open_the_patients_leaflet(client_for, request, kari, persona):
    assignment = AssignmentFactory(patient=kari.patient)

    response = client_for(request.getfixturevalue(persona)).get(_url(assignment))

    assert response.status_code == 404
    assert Assignment.objects.get(pk=assignment.pk).first_opened_at is None


def test_reader_refuses_post(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    assert client_for(kari).post(_url(assignment)).status_code == 405


@pytest.mark.parametrize("count", [1, 20])
def test_reader_query_count_is_constant(client_for, kari, count, django_assert_max_num_queries):
    """However many leaflets, questions and messages the patient has, the same queries."""
    assignments = [AssignmentFactory(patient=kari.patient) for _ in range(count)]
    assignment = assignments[0]
    for n in range(count):
        question(assignment.leaflet, position=n + 1)
        services.ask_question(assignment=assignment, body=f"Melding nummer {n}")
    client = client_for(kari)

    # One of them reads the version's red flags for the "When to get help" box.
    with django_assert_max_num_queries(12):
        response = client.get(_url(assignment))

    assert response.status_code == 200
    assert len(response.context["questions"]) == count
    assert response.content.decode().count("Melding nummer ") == count
