"""The dermatologist withdraws an assignment."""

from tests.factories import AssignmentFactory


def test_withdrawing_hides_the_leaflet_from_the_patient_but_keeps_it(client_for, dr_hansen, kari):
    assignment = AssignmentFactory(patient=kari.patient)
    url = f"/patients/{kari.patient.pk}/assignments/{assignment.pk}/withdraw/"

    assert client_for(dr_hansen).get(url).status_code == 405
    response = client_for(dr_hansen).post(url)

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is not None and assignment.withdrawn_by == dr_hansen
    assert client_for(kari).get(f"/my/leaflets/{assignment.pk}/").status_code == 404


def test_another_dermatologist_cannot_withdraw(client_for, dr_lie, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    response = client_for(dr_lie).post(
        f"/patients/{kari.patient.pk}/assignments/{assignment.pk}/withdraw/"
    )

    assert response.status_code == 404
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is None
