"""The dermatologist's page for one report."""

import pytest

from patients import services
from tests.patients.reporting import make_report


def test_report_page_query_count_is_constant(
    client_for, dr_hansen, kari, kari_medicine, django_assert_max_num_queries
):
    report = make_report(kari_medicine)
    for n in range(10):
        services.post_message(thread=report.thread, author=kari, body=f"Melding {n}")
    client = client_for(dr_hansen)

    # The access-log entry, the authenticator check, the first look (first opening only).
    with django_assert_max_num_queries(11):
        assert client.get(f"/reports/{report.pk}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/reports/{report.pk}/").status_code == 200


@pytest.mark.parametrize("persona", ["ola", "dr_lie", "kari"])
def test_nobody_else_can_open_the_report_page(client_for, request, kari_medicine, persona):
    report = make_report(kari_medicine, urgent=True)

    response = client_for(request.getfixturevalue(persona)).get(f"/reports/{report.pk}/")

    assert response.status_code == 404
    assert report.reference not in response.content.decode()


def test_report_page_refuses_post(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine)

    assert client_for(dr_hansen).post(f"/reports/{report.pk}/").status_code == 405
