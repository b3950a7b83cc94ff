"""The dermatologist answers in a report's conversation."""

import pytest

from tests.patients.reporting import make_report


def test_dermatologist_replies_and_moves_the_report_on(client_for, dr_hansen, kari, kari_medicine):
    report = make_report(kari_medicine, urgent=True)
    client = client_for(dr_hansen)

    client.post(f"/reports/{report.pk}/reply/", {"body": "Ta blodprøve i dag."})
    client.post(f"/reports/{report.pk}/status/", {"status": "in_progress", "action": ""})

    report.refresh_from_db()
    assert (report.status, report.handled_by) == ("in_progress", dr_hansen)
    page = client_for(kari).get(f"/my/reports/{report.pk}/").content.decode()
    assert "Ta blodprøve i dag." in page


@pytest.mark.parametrize("persona", ["ola", "dr_lie", "kari"])
def test_nobody_else_can_reply_on_a_report(client_for, request, kari_medicine, persona):
    report = make_report(kari_medicine)

    response = client_for(request.getfixturevalue(persona)).post(
        f"/reports/{report.pk}/reply/", {"body": "Hei"}
    )

    assert response.status_code == 404
    assert not report.thread.messages.exists()


def test_an_empty_reply_is_an_error_and_nothing_is_sent(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine)

    response = client_for(dr_hansen).post(f"/reports/{report.pk}/reply/", {"body": " "})

    assert response.status_code == 400
    assert "Skriv en melding først." in response.content.decode()
    assert not report.thread.messages.exists()
