import pytest

from clinic.models import OutgoingMail, User
from patients.models import Patient

URL = "/patients/new/"
DATA = {
    "full_name": "Nora Berg",
    "email": "nora@example.org",
    "date_of_birth": "1990-05-01",
    "phone": "+47 900 00 000",
    "language": "en",
}


def test_dermatologist_registers_an_inactive_patient_who_is_sent_an_invitation(
    client_for, dr_hansen
):
    response = client_for(dr_hansen).post(URL, DATA)

    patient = Patient.objects.get(user__email="nora@example.org")
    assert response.status_code == 302
    assert response["Location"] == f"/patients/{patient.pk}/"
    assert patient.dermatologist == dr_hansen.dermatologist
    assert not patient.user.is_active and not patient.user.has_usable_password()
    assert patient.user.language == "en"
    assert OutgoingMail.objects.get(recipient=patient.user).kind == "invitation"


def test_duplicate_email_is_a_form_error_that_keeps_what_was_typed(client_for, dr_hansen, kari):
    response = client_for(dr_hansen).post(URL, {**DATA, "email": "KARI@example.org"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Det finnes allerede en bruker med denne e-postadressen." in page
    assert 'value="Nora Berg"' in page and 'value="1990-05-01"' in page
    assert User.objects.filter(email__iexact="kari@example.org").count() == 1


def test_date_of_birth_in_the_future_is_refused(client_for, dr_hansen):
    response = client_for(dr_hansen).post(URL, {**DATA, "date_of_birth": "2999-01-01"})

    assert "kan ikke være fram i tid" in response.content.decode()
    assert not Patient.objects.exists()


@pytest.mark.parametrize("persona", ["kari", "admin_user"])
def test_only_dermatologists_can_register_patients(client_for, request, persona):
    response = client_for(request.getfixturevalue(persona)).post(URL, DATA)

    assert response.status_code == 404
    assert not User.objects.filter(email="nora@example.org").exists()


def test_anonymous_visitor_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_register_refuses_put(client_for, dr_hansen):
    assert client_for(dr_hansen).put(URL).status_code == 405
