import re

import time_machine
from django.core import mail

from patients import services


def _invited(dr_hansen):
    return services.register_patient(
        dermatologist=dr_hansen.dermatologist,
        full_name="Nora Berg",
        email="nora@example.org",
        date_of_birth="1990-05-01",
        language="nb",
    )


def _activation_path(message):
    return re.search(r"https?://[^/\s]+(/activate/\S+/)", message.body).group(1)


def test_the_mailed_link_sets_a_password_and_logs_the_patient_in(client, dr_hansen, run_tasks):
    patient = _invited(dr_hansen)
    run_tasks()
    path = _activation_path(mail.outbox[0])

    response = client.post(
        path,
        {
            "new_password1": "en lang setning jeg husker",
            "new_password2": "en lang setning jeg husker",
        },
    )

    assert response["Location"] == "/my/"
    patient.user.refresh_from_db()
    assert patient.user.is_active
    assert patient.user.check_password("en lang setning jeg husker")
    assert client.get("/my/").status_code == 200


def test_the_link_works_only_once(client, dr_hansen, run_tasks):
    _invited(dr_hansen)
    run_tasks()
    path = _activation_path(mail.outbox[0])
    password = {
        "new_password1": "en lang setning jeg husker",
        "new_password2": "en lang setning jeg husker",
    }
    client.post(path, password)
    client.logout()

    response = client.get(path)

    assert response.status_code == 404
    assert "Lenken er utløpt" in response.content.decode()


def test_the_link_expires_after_seven_days(client, dr_hansen, run_tasks):
    _invited(dr_hansen)
    run_tasks()
    path = _activation_path(mail.outbox[0])

    with time_machine.travel("2099-01-01"):
        assert client.get(path).status_code == 404


def test_a_short_password_is_refused_and_the_link_still_works(client, dr_hansen, run_tasks):
    _invited(dr_hansen)
    run_tasks()
    path = _activation_path(mail.outbox[0])

    response = client.post(path, {"new_password1": "kort", "new_password2": "kort"})

    assert response.status_code == 200
    assert "minst 12 tegn" in response.content.decode()
    assert client.get(path).status_code == 200


def test_a_made_up_token_is_not_found(client, db):
    assert client.get("/activate/not-a-token/").status_code == 404
