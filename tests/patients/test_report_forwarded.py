"""The dermatologist records that a report went to the Medical Products Agency."""

import pytest
from django.utils import timezone

from tests.patients.reporting import make_report


def test_forwarding_to_the_medicines_agency_is_recorded(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine)

    client_for(dr_hansen).post(
        f"/reports/{report.pk}/forwarded/",
        {"forwarded_on": timezone.localdate().isoformat(), "forwarded_reference": "DMP-123"},
    )

    report.refresh_from_db()
    assert (report.forwarded_on, report.forwarded_reference) == (timezone.localdate(), "DMP-123")


@pytest.mark.parametrize("persona", ["ola", "dr_lie", "kari"])
def test_nobody_else_can_mark_a_report_forwarded(client_for, request, kari_medicine, persona):
    report = make_report(kari_medicine)

    response = client_for(request.getfixturevalue(persona)).post(
        f"/reports/{report.pk}/forwarded/", {"forwarded_on": "2026-01-01"}
    )

    assert response.status_code == 404
    report.refresh_from_db()
    assert report.forwarded_on is None


def test_a_forwarding_date_in_the_future_is_refused(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine)

    response = client_for(dr_hansen).post(
        f"/reports/{report.pk}/forwarded/", {"forwarded_on": "2999-01-01"}
    )

    assert response.status_code == 400
    report.refresh_from_db()
    assert report.forwarded_on is None
