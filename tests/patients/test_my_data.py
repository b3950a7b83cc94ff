"""A patient downloads everything the clinic holds on them as one JSON file."""

import json

import pytest

from clinic.models import AccessLogEntry
from patients import services
from tests.factories import AssignmentFactory, TeachBackResultFactory, published_leaflet
from tests.patients.reporting import make_report

URL = "/my/data.json"


def _kari_with_everything(kari, kari_medicine, dr_hansen, client_for):
    version = kari_medicine.leaflet.published_version()
    services.acknowledge(assignment=kari_medicine, version=version, language="nb")
    TeachBackResultFactory(assignment=kari_medicine, version=version, first_try_correct=1)
    report = make_report(kari_medicine, description="Utslett på armene", dose="=2 mg")
    services.post_message(thread=report.thread, author=kari, body="Det klør også.")
    client_for(dr_hansen).get(f"/reports/{report.pk}/")
    return report


def test_download_holds_everything_about_kari_and_nothing_about_others(
    client_for, dr_hansen, kari, ola, kari_medicine
):
    report = _kari_with_everything(kari, kari_medicine, dr_hansen, client_for)
    make_report(AssignmentFactory(patient=ola.patient, leaflet=kari_medicine.leaflet))

    response = client_for(kari).get(URL)

    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == "kari@example.org"
    assert data["profile"]["date_of_birth"] == "1984-03-17"
    [assignment] = data["assignments"]
    assert assignment["leaflet"] == "Azatioprin"
    assert [a["version"] for a in assignment["acknowledgements"]] == [1]
    assert assignment["teach_back_results"][0]["right_at_first_try"] == 1
    [exported] = data["side_effect_reports"]
    assert exported["reference"] == report.reference
    assert exported["description"] == "Utslett på armene"
    assert exported["dose"] == "=2 mg"  # JSON keeps what the patient typed
    [conversation] = data["conversations"]
    assert [m["body"] for m in conversation["messages"]] == ["Det klør også."]
    assert [(e["who"], e["what"]) for e in data["access_log"]] == [
        ("Kari Nordmann", "my_data"),  # this download, logged first
        ("Erik Hansen", "report"),
    ]
    assert "ola@example.org" not in response.content.decode()


def test_the_download_itself_is_logged(client_for, kari):
    client_for(kari).get(URL)

    [entry] = AccessLogEntry.objects.all()
    assert (entry.actor, entry.patient_user, entry.what) == (kari, kari, "my_data")


@pytest.mark.parametrize("count", [1, 8])
def test_query_count_is_bounded(client_for, dr_hansen, kari, count, django_assert_max_num_queries):
    for n in range(count):
        assignment = AssignmentFactory(
            patient=kari.patient, leaflet=published_leaflet(slug=f"l{n}")
        )
        version = assignment.leaflet.published_version()
        services.acknowledge(assignment=assignment, version=version, language="nb")
        thread = services.ask_question(assignment=assignment, body=f"Spørsmål {n}")
        services.post_message(thread=thread, author=dr_hansen, body="Svar")
        client_for(dr_hansen).get(f"/patients/{kari.patient.pk}/")
    client = client_for(kari)

    with django_assert_max_num_queries(14):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("persona", ["dr_hansen", "admin_user"])
def test_only_patients_can_download(client_for, request, persona):
    assert client_for(request.getfixturevalue(persona)).get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_post_is_not_allowed(client_for, kari):
    assert client_for(kari).post(URL).status_code == 405
