from clinic.models import OutgoingMail
from patients.models import Message, Thread
from tests.factories import AssignmentFactory


def _ask(client, assignment, body="Kan jeg drikke alkohol?"):
    return client.post(f"/my/leaflets/{assignment.pk}/message/", {"body": body})


def test_patient_asks_a_question_that_reaches_their_dermatologist(client_for, kari, dr_hansen):
    assignment = AssignmentFactory(patient=kari.patient)

    response = _ask(client_for(kari), assignment)

    assert response["Location"] == f"/my/leaflets/{assignment.pk}/#messages"
    thread = Thread.objects.get(assignment=assignment)
    assert thread.awaiting_dermatologist
    assert OutgoingMail.objects.get(kind="new_message").recipient == dr_hansen
    assert (
        "Kan jeg drikke alkohol?"
        in client_for(dr_hansen).get(f"/patients/{kari.patient.pk}/").content.decode()
    )


def test_an_empty_message_is_an_error_and_nothing_is_sent(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    response = _ask(client_for(kari), assignment, body="   ")

    assert response.status_code == 400
    assert "Skriv en melding først." in response.content.decode()
    assert not Message.objects.exists()


def test_another_patient_cannot_post_on_the_leaflet(client_for, kari, ola):
    assignment = AssignmentFactory(patient=kari.patient)

    assert _ask(client_for(ola), assignment).status_code == 404
    assert not Message.objects.exists()
