"""The patient's page for one of their reports, and their messages on it."""

import pytest

from clinic.models import OutgoingMail
from tests.patients.reporting import make_report


def _url(report, suffix=""):
    return f"/my/reports/{report.pk}/{suffix}"


def test_patient_sees_their_report(client_for, kari, kari_medicine):
    report = make_report(kari_medicine)

    response = client_for(kari).get(_url(report))

    assert response.status_code == 200
    assert report.reference in response.content.decode()


def test_patient_writes_on_their_report_and_the_dermatologist_is_told(
    client_for, kari, dr_hansen, kari_medicine
):
    report = make_report(kari_medicine)
    OutgoingMail.objects.all().delete()

    response = client_for(kari).post(_url(report, "message/"), {"body": "Det er verre i dag."})

    assert response["Location"] == f"/my/reports/{report.pk}/#messages"
    assert list(report.thread.messages.values_list("body", flat=True)) == ["Det er verre i dag."]
    assert OutgoingMail.objects.get().recipient == dr_hansen


@pytest.mark.parametrize("persona", ["ola", "dr_lie", "dr_hansen"])
def test_nobody_else_can_open_the_patients_report(client_for, request, kari_medicine, persona):
    report = make_report(kari_medicine, urgent=True)

    response = client_for(request.getfixturevalue(persona)).get(_url(report))

    assert response.status_code == 404
    assert report.reference not in response.content.decode()


@pytest.mark.parametrize("persona", ["ola", "dr_lie", "dr_hansen"])
def test_nobody_else_can_write_on_the_patients_report(client_for, request, kari_medicine, persona):
    report = make_report(kari_medicine)

    response = client_for(request.getfixturevalue(persona)).post(
        _url(report, "message/"), {"body": "Hei"}
    )

    assert response.status_code == 404
    assert not report.thread.messages.exists()
