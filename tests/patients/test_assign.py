import datetime

import pytest
from django.utils import timezone

from clinic.models import OutgoingMail
from leaflets.models import LeafletVersion
from patients.models import Assignment
from tests.factories import AssignmentFactory, published_leaflet


def _url(patient):
    return f"/patients/{patient.pk}/assign/"


def test_dermatologist_assigns_two_leaflets_with_a_note(client_for, dr_hansen, kari):
    first, second = published_leaflet(slug="a"), published_leaflet(slug="b")
    client = client_for(dr_hansen)

    response = client.post(
        _url(kari.patient), {"leaflets": [first.pk, second.pk], "note": "Start mandag."}
    )

    assert response["Location"] == f"/patients/{kari.patient.pk}/"
    assignments = Assignment.objects.filter(patient=kari.patient)
    assert {a.leaflet.slug for a in assignments} == {"a", "b"}
    assert {a.note for a in assignments} == {"Start mandag."}
    assert {a.assigned_by for a in assignments} == {dr_hansen}
    assert OutgoingMail.objects.filter(recipient=kari, kind="new_information").count() == 1


def test_a_leaflet_overdue_for_review_is_refused_with_the_reason(client_for, dr_hansen, kari):
    leaflet = published_leaflet(slug="old")
    LeafletVersion.objects.filter(leaflet=leaflet).update(
        next_review=timezone.localdate() - datetime.timedelta(days=1)
    )

    response = client_for(dr_hansen).post(_url(kari.patient), {"leaflets": [leaflet.pk]})

    assert response.status_code == 200
    assert "må gjennomgås først" in response.content.decode()
    assert not Assignment.objects.exists()


def test_the_assign_page_marks_a_leaflet_overdue_for_review_in_the_users_language(
    client_for, dr_hansen, kari
):
    leaflet = published_leaflet(slug="old")
    LeafletVersion.objects.filter(leaflet=leaflet).update(
        next_review=timezone.localdate() - datetime.timedelta(days=1)
    )

    page = client_for(dr_hansen).get(_url(kari.patient)).content.decode()

    assert "(fristen for gjennomgang er passert)" in page
    assert "review overdue" not in page


def test_a_leaflet_the_patient_already_has_is_refused_and_nothing_is_assigned(
    client_for, dr_hansen, kari
):
    existing = AssignmentFactory(patient=kari.patient).leaflet
    new = published_leaflet(slug="new")

    response = client_for(dr_hansen).post(
        _url(kari.patient), {"leaflets": [existing.pk, new.pk], "note": "Husk dette"}
    )

    page = response.content.decode()
    assert "har allerede dette informasjonsskrivet" in page
    assert "Husk dette" in page
    assert Assignment.objects.filter(patient=kari.patient).count() == 1


def test_choosing_nothing_is_a_clear_error(client_for, dr_hansen, kari):
    response = client_for(dr_hansen).post(_url(kari.patient), {"note": "x"})

    assert "Velg minst ett informasjonsskriv." in response.content.decode()


def test_an_unpublished_leaflet_cannot_be_chosen(client_for, dr_hansen, kari):
    draft = published_leaflet(slug="draft")
    LeafletVersion.objects.filter(leaflet=draft).update(status="draft")

    response = client_for(dr_hansen).post(_url(kari.patient), {"leaflets": [draft.pk]})

    assert response.status_code == 200
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("persona", ["dr_lie", "kari", "ola", "admin_user"])
def test_only_the_patients_own_dermatologist_can_assign(client_for, request, kari, persona):
    leaflet = published_leaflet()
    client = client_for(request.getfixturevalue(persona))

    assert client.get(_url(kari.patient)).status_code == 404
    assert client.post(_url(kari.patient), {"leaflets": [leaflet.pk]}).status_code == 404
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_assign_page_query_count_is_constant(
    client_for, dr_hansen, kari, count, django_assert_max_num_queries
):
    for n in range(count):
        published_leaflet(slug=f"leaflet-{n}")
    client = client_for(dr_hansen)

    with django_assert_max_num_queries(12):  # 2 for the session and MFA checks
        response = client.get(_url(kari.patient))

    assert response.content.decode().count('name="leaflets"') == count


@pytest.mark.parametrize("bad_id", ["99999999999999999999", "-99999999999999999999", "1e3"])
def test_an_id_out_of_range_is_a_form_error_not_a_server_error(client_for, dr_hansen, kari, bad_id):
    published_leaflet(slug="a")

    response = client_for(dr_hansen).post(_url(kari.patient), {"leaflets": [bad_id]})

    assert response.status_code == 200
    assert response.context["form"].errors["leaflets"]
    assert not Assignment.objects.filter(patient=kari.patient).exists()
