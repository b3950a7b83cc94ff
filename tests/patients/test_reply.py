"""The dermatologist replies to a patient's question."""

import pytest

from clinic.models import OutgoingMail
from patients import services
from patients.models import Message, Thread
from tests.factories import AssignmentFactory


def test_dermatologist_replies_and_the_patient_sees_it(client_for, kari, dr_hansen):
    assignment = AssignmentFactory(patient=kari.patient)
    services.ask_question(assignment=assignment, body="Kan jeg drikke alkohol?")
    thread = Thread.objects.get()

    client_for(dr_hansen).post(
        f"/patients/{kari.patient.pk}/threads/{thread.pk}/reply/", {"body": "Helst ikke."}
    )

    thread.refresh_from_db()
    assert not thread.awaiting_dermatologist
    assert OutgoingMail.objects.filter(kind="reply", recipient=kari).exists()
    assert "Helst ikke." in client_for(kari).get(f"/my/leaflets/{assignment.pk}/").content.decode()


def test_a_too_long_reply_keeps_what_the_dermatologist_wrote(client_for, kari, dr_hansen):
    assignment = AssignmentFactory(patient=kari.patient)
    services.ask_question(assignment=assignment, body="Kan jeg drikke alkohol?")
    thread = Thread.objects.get()
    text = "Svar " * 500

    response = client_for(dr_hansen).post(
        f"/patients/{kari.patient.pk}/threads/{thread.pk}/reply/", {"body": text}
    )

    assert response.status_code == 400
    assert text.strip()[:100] in response.content.decode()
    assert Message.objects.count() == 1


@pytest.mark.parametrize("persona", ["dr_lie", "ola", "kari"])
def test_nobody_else_can_reply_in_the_thread(client_for, request, kari, persona):
    assignment = AssignmentFactory(patient=kari.patient)
    services.ask_question(assignment=assignment, body="Kan jeg drikke alkohol?")
    thread = Thread.objects.get()

    response = client_for(request.getfixturevalue(persona)).post(
        f"/patients/{kari.patient.pk}/threads/{thread.pk}/reply/", {"body": "Hei"}
    )

    assert response.status_code == 404
    assert Message.objects.count() == 1
