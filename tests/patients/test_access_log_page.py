"""The patient's page "Who has looked at my information"."""

import pytest
from django.conf import settings

from clinic.access_log import log_accesses
from clinic.models import AccessLogEntry
from tests.patients.reporting import make_report

URL = "/my/access-log/"


def test_kari_sees_dr_hansen_right_after_he_opened_her_report(
    client_for, dr_hansen, kari, kari_medicine
):
    report = make_report(kari_medicine)
    client_for(dr_hansen).get(f"/reports/{report.pk}/")

    page = client_for(kari).get(URL).content.decode()

    assert "Hvem har sett opplysningene mine" in page
    assert "Erik Hansen, hudlege" in page
    assert "Bivirkningsmelding" in page
    assert f'href="{URL}"' in page  # the patient's navigation links here


def test_ola_reads_it_in_english(client_for, dr_hansen, ola):
    client_for(dr_hansen).get(f"/patients/{ola.patient.pk}/")

    client = client_for(ola)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # as set at login

    page = client.get(URL).content.decode()

    assert "Who has looked at my information" in page
    assert "Erik Hansen, dermatologist" in page
    assert "Patient page with leaflets and messages" in page


def test_kari_does_not_see_entries_about_ola(client_for, dr_hansen, kari, ola):
    client_for(dr_hansen).get(f"/patients/{ola.patient.pk}/")

    page = client_for(kari).get(URL).content.decode()

    assert "Erik Hansen" not in page
    assert "Ingen har sett opplysningene dine ennå." in page


def _many_entries(rf, actor, patient_user, count):
    request = rf.get("/")
    request.user = actor
    log_accesses(
        request=request,
        what=AccessLogEntry.What.PATIENT,
        opened=[(patient_user, patient_user.patient)] * count,
    )


def test_the_list_is_paginated_newest_first(client_for, rf, dr_hansen, kari):
    _many_entries(rf, dr_hansen, kari, 30)
    client = client_for(kari)

    first, second = client.get(URL), client.get(URL, {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    newest = list(first.context["page"].object_list)
    assert newest == sorted(newest, key=lambda e: (e.created_at, e.pk), reverse=True)


@pytest.mark.parametrize("count", [1, 30])
def test_query_count_is_constant(
    client_for, rf, dr_hansen, kari, count, django_assert_max_num_queries
):
    _many_entries(rf, dr_hansen, kari, count)
    client = client_for(kari)

    with django_assert_max_num_queries(5):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("persona", ["dr_hansen", "admin_user"])
def test_only_patients_have_the_page(client_for, request, persona):
    assert client_for(request.getfixturevalue(persona)).get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_post_is_not_allowed(client_for, kari):
    assert client_for(kari).post(URL).status_code == 405
