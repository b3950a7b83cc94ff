"""The dermatologist sets a report's status and the action taken."""

import pytest

from tests.patients.reporting import make_report


def test_closing_needs_the_action_taken(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine)
    client = client_for(dr_hansen)

    refused = client.post(f"/reports/{report.pk}/status/", {"status": "closed", "action": ""})
    closed = client.post(f"/reports/{report.pk}/status/", {"status": "closed", "action": "advice"})

    assert refused.status_code == 400
    assert "Velg hva som ble gjort" in refused.content.decode()
    assert closed.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.action) == ("closed", "advice")
    assert report.closed_at is not None


@pytest.mark.parametrize("persona", ["ola", "dr_lie", "kari"])
def test_nobody_else_can_change_the_status(client_for, request, kari_medicine, persona):
    report = make_report(kari_medicine)

    response = client_for(request.getfixturevalue(persona)).post(
        f"/reports/{report.pk}/status/", {"status": "closed", "action": "advice"}
    )

    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == "new"


def test_status_refuses_get(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine)

    assert client_for(dr_hansen).get(f"/reports/{report.pk}/status/").status_code == 405
