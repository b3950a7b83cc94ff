"""The dermatologist sends a new activation link."""

from django.core import mail

from tests.factories import PatientFactory
from tests.patients.test_activate import _activation_path, _invited


def test_a_resent_link_replaces_the_old_one(client_for, dr_hansen, run_tasks):
    patient = _invited(dr_hansen)
    run_tasks()
    old = _activation_path(mail.outbox[0])

    client = client_for(dr_hansen)
    client.post(f"/patients/{patient.pk}/invite/")
    run_tasks()
    new = _activation_path(mail.outbox[1])
    client.logout()

    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_an_active_patient_cannot_be_sent_a_new_link(client_for, dr_hansen, kari):
    response = client_for(dr_hansen).post(f"/patients/{kari.patient.pk}/invite/", follow=True)

    assert "allerede aktivert" in response.content.decode()


def test_another_dermatologist_cannot_resend_the_invitation(client_for, dr_lie, dr_hansen):
    patient = PatientFactory(dermatologist=dr_hansen.dermatologist, user__is_active=False)

    assert client_for(dr_lie).post(f"/patients/{patient.pk}/invite/").status_code == 404


def test_a_deactivated_patient_is_not_reopened_by_a_new_link(client_for, dr_hansen, run_tasks):
    patient = _invited(dr_hansen)
    run_tasks()
    invitation = patient.user.invitations.get()
    invitation.used_at = invitation.created_at
    invitation.save(update_fields=["used_at"])
    sent = len(mail.outbox)

    response = client_for(dr_hansen).post(f"/patients/{patient.pk}/invite/", follow=True)
    run_tasks()

    assert "deaktivert" in response.content.decode()
    assert len(mail.outbox) == sent
